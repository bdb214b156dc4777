using DihNode.Rdf.Model;
using static DihNode.Rdf.Tests.Sparql.Expressions.ExpressionHarness;

namespace DihNode.Rdf.Tests.Sparql.Expressions;

public sealed class TermFunctionTests
{
    private const string True = "\"true\"^^xsd:boolean";
    private const string False = "\"false\"^^xsd:boolean";

    private static MapRow Row() => new MapRow()
        .Bind("iri", Iri.Create("http://example.org/a"))
        .Bind("blank", new BlankNode("b0"))
        .Bind("lang", Literal.LangString("chat", "fr"))
        .Bind("int", Literal.Typed("7", Vocabulary.Xsd.Integer))
        .Bind("bad", Literal.Typed("seven", Vocabulary.Xsd.Integer));

    [Theory]
    [InlineData("STR(?iri)", "\"http://example.org/a\"")]
    [InlineData("STR(?lang)", "\"chat\"")]
    [InlineData("STR(?int)", "\"7\"")]
    [InlineData("STR(?bad)", "\"seven\"")]
    [InlineData("STR(?blank)", "error")]
    [InlineData("STR(?unbound)", "error")]
    [InlineData("LANG(?lang)", "\"fr\"")]
    [InlineData("LANG(?int)", "\"\"")]
    [InlineData("LANG(?iri)", "error")]
    [InlineData("DATATYPE(?int)", "<http://www.w3.org/2001/XMLSchema#integer>")]
    [InlineData("DATATYPE(?bad)", "<http://www.w3.org/2001/XMLSchema#integer>")]
    [InlineData("DATATYPE(\"x\")", "<http://www.w3.org/2001/XMLSchema#string>")]
    [InlineData("DATATYPE(?lang)", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString>")]
    [InlineData("DATATYPE(?iri)", "error")]
    [InlineData("BOUND(?iri)", True)]
    [InlineData("BOUND(?unbound)", False)]
    [InlineData("isIRI(?iri)", True)]
    [InlineData("isURI(?blank)", False)]
    [InlineData("isBLANK(?blank)", True)]
    [InlineData("isLITERAL(?lang)", True)]
    [InlineData("isLITERAL(?iri)", False)]
    [InlineData("isLITERAL(?unbound)", "error")]
    [InlineData("isNUMERIC(?int)", True)]
    [InlineData("isNUMERIC(?bad)", False)]
    [InlineData("isNUMERIC(\"1\")", False)]
    [InlineData("isNUMERIC(\"1200\"^^xsd:byte)", False)]
    [InlineData("isNUMERIC(\"12\"^^xsd:byte)", True)]
    [InlineData("sameTerm(?int, 7)", True)]
    [InlineData("sameTerm(?int, 7.0)", False)]
    [InlineData("sameTerm(?bad, ?bad)", True)]
    [InlineData("sameTerm(\"a\", \"a\"^^xsd:string)", True)]
    [InlineData("sameTerm(?unbound, ?unbound)", "error")]
    public void Terms(string expression, string expected) => Assert.Equal(expected, Run(expression, Row()));

    [Theory]
    [InlineData("IF(true, 1, 1/0)", "\"1\"^^xsd:integer")]
    [InlineData("IF(false, 1/0, 2)", "\"2\"^^xsd:integer")]
    [InlineData("IF(\"\", 1, 2)", "\"2\"^^xsd:integer")]
    [InlineData("IF(1/0, 1, 2)", "error")]
    [InlineData("IF(?iri, 1, 2)", "error")]
    [InlineData("COALESCE(?unbound, 1/0, ?int)", "\"7\"^^xsd:integer")]
    [InlineData("COALESCE(?unbound)", "error")]
    [InlineData("COALESCE()", "error")]
    public void Conditionals(string expression, string expected) => Assert.Equal(expected, Run(expression, Row()));

    [Theory]
    [InlineData("IRI(\"http://example.org/x\")", "<http://example.org/x>")]
    [InlineData("URI(\"rel\")", "<http://example.org/base/rel>")]
    [InlineData("IRI(\"../up#f\")", "<http://example.org/up#f>")]
    [InlineData("IRI(?iri)", "<http://example.org/a>")]
    [InlineData("IRI(\"http://example.org/x\"@en)", "error")]
    [InlineData("IRI(\"http://ex ample/\")", "error")]
    [InlineData("IRI(1)", "error")]
    public void IriFunction(string expression, string expected) => Assert.Equal(expected, Run(expression, Row()));

    [Fact]
    public void IriWithoutBaseNeedsAnAbsoluteString()
    {
        var evaluator = new Rdf.Sparql.Evaluation.Expressions.ExpressionEvaluator();
        Assert.Null(evaluator.Evaluate(Parse("IRI(\"rel\")"), new MapRow()));
        Assert.Equal(Iri.Create("urn:x"), evaluator.Evaluate(Parse("IRI(\"urn:x\")"), new MapRow()));
    }

    [Fact]
    public void BNodeWithStringIsStableWithinASolutionAndFreshAcrossSolutions()
    {
        var evaluator = NewEvaluator();
        var e = Parse("BNODE(?s)");
        var row1 = new MapRow().Bind("s", Literal.Simple("foo"));
        var a = evaluator.Evaluate(e, row1);
        var b = evaluator.Evaluate(e, row1);
        Assert.IsType<BlankNode>(a);
        Assert.Equal(a, b);
        var c = evaluator.Evaluate(e, new MapRow().Bind("s", Literal.Simple("foo")));
        Assert.NotEqual(a, c);

        // With explicit solution boundaries, different row objects within one solution share nodes.
        evaluator.BeginSolution();
        var d = evaluator.Evaluate(e, new MapRow().Bind("s", Literal.Simple("foo")));
        var d2 = evaluator.Evaluate(e, new MapRow().Bind("s", Literal.Simple("foo")).Bind("x", Literal.Simple("1")));
        var other = evaluator.Evaluate(e, new MapRow().Bind("s", Literal.Simple("bar")));
        Assert.Equal(d, d2);
        Assert.NotEqual(d, other);
        evaluator.BeginSolution();
        Assert.NotEqual(d, evaluator.Evaluate(e, new MapRow().Bind("s", Literal.Simple("foo"))));

        Assert.Null(evaluator.Evaluate(e, new MapRow().Bind("s", Literal.LangString("foo", "en"))));
    }

    [Fact]
    public void BNodeWithoutArgumentIsAlwaysFresh()
    {
        var evaluator = NewEvaluator();
        var row = new MapRow();
        var e = Parse("BNODE()");
        Assert.NotEqual(evaluator.Evaluate(e, row), evaluator.Evaluate(e, row));
    }

    [Fact]
    public void RandUuidAndNow()
    {
        var evaluator = NewEvaluator();
        var row = new MapRow();
        var r = Assert.IsType<Literal>(evaluator.Evaluate(Parse("RAND()"), row));
        Assert.Equal(Vocabulary.Xsd.Double, r.Datatype);
        double v = double.Parse(r.LexicalForm, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(v, 0, 1);
        Assert.NotEqual(r, evaluator.Evaluate(Parse("RAND()"), row));

        var u1 = Assert.IsType<Iri>(evaluator.Evaluate(Parse("UUID()"), row));
        var u2 = Assert.IsType<Iri>(evaluator.Evaluate(Parse("UUID()"), row));
        Assert.Matches("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", u1.Value);
        Assert.NotEqual(u1, u2);
        var s = Assert.IsType<Literal>(evaluator.Evaluate(Parse("STRUUID()"), row));
        Assert.True(s.IsSimple);
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", s.LexicalForm);

        var now = evaluator.Evaluate(Parse("NOW()"), row);
        Assert.Equal("\"2026-11-25T10:30:15.25Z\"^^xsd:dateTime", Show(now));
        Assert.Same(now, evaluator.Evaluate(Parse("NOW()"), row));
    }

    [Theory]
    [InlineData("MD5(\"abc\")", "\"900150983cd24fb0d6963f7d28e17f72\"")]
    [InlineData("MD5(\"abc\"^^xsd:string)", "\"900150983cd24fb0d6963f7d28e17f72\"")]
    [InlineData("SHA1(\"abc\")", "\"a9993e364706816aba3e25717850c26c9cd0d89d\"")]
    [InlineData("SHA256(\"abc\")", "\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"")]
    [InlineData("SHA384(\"abc\")", "\"cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7\"")]
    [InlineData("SHA512(\"abc\")", "\"ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f\"")]
    [InlineData("MD5(\"abc\"@en)", "error")]
    [InlineData("SHA1(1)", "error")]
    public void Hashes(string expression, string expected) => Assert.Equal(expected, Run(expression));

    [Fact]
    public void HashesUseUtf8()
    {
        // MD5 of the UTF-8 bytes of "食" (E9 A3 9F).
        string expected = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(new byte[] { 0xE9, 0xA3, 0x9F }));
        Assert.Equal("\"" + expected + "\"", Run("MD5(\"食\")"));
    }

    [Fact]
    public void UnknownFunctionsAreErrors() => Assert.Equal("error", Run("<http://example.org/fn>(1)"));
}
