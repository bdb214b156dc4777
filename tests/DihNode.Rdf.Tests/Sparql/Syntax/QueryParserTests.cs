using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Tests.Sparql.Syntax;

/// <summary>Query forms, prologue, terms and literals (Query §19).</summary>
public class QueryParserTests
{
    private static Term ObjectOf(string query)
    {
        Query q = SparqlParser.ParseQuery(query);
        var block = Assert.IsType<TriplesBlock>(q.Where!.Elements[0]);
        return block.Triples[0].Obj;
    }

    [Theory]
    [InlineData("1", "\"1\"^^<http://www.w3.org/2001/XMLSchema#integer>")]
    [InlineData("-1", "\"-1\"^^<http://www.w3.org/2001/XMLSchema#integer>")]
    [InlineData("+1.5", "\"+1.5\"^^<http://www.w3.org/2001/XMLSchema#decimal>")]
    [InlineData(".5", "\".5\"^^<http://www.w3.org/2001/XMLSchema#decimal>")]
    [InlineData("1e3", "\"1e3\"^^<http://www.w3.org/2001/XMLSchema#double>")]
    [InlineData("1.E-3", "\"1.E-3\"^^<http://www.w3.org/2001/XMLSchema#double>")]
    [InlineData("true", "\"true\"^^<http://www.w3.org/2001/XMLSchema#boolean>")]
    [InlineData("\"chat\"@EN-gb", "\"chat\"@en-gb")]
    [InlineData("'a\\tb\\'c'", "\"a\\tb'c\"")]
    [InlineData("\"\"\"two\nlines \"quoted\" \"\"\"\"", "\"two\\nlines \\\"quoted\\\" \\\"\"")]
    [InlineData("'''x''y'''", "\"x''y\"")]
    [InlineData("\"5\"^^<http://www.w3.org/2001/XMLSchema#int>", "\"5\"^^<http://www.w3.org/2001/XMLSchema#int>")]
    [InlineData("\"\\u00e9t\\U0001F600\"", "\"ét😀\"")]
    public void Literals(string literal, string expected)
    {
        Assert.Equal(expected, ObjectOf("SELECT * { ?s ?p " + literal + " }").ToString());
    }

    [Fact]
    public void CodepointEscapesApplyBeforeTokenising()
    {
        // §19.2: \u0061 is the letter 'a', even in a keyword position... and in a prefixed name.
        Query q = SparqlParser.ParseQuery("PREFIX ex: <http://e/> SELECT * { ?s ex:\\u0070 ?o }");
        var t = Assert.IsType<TriplesBlock>(q.Where!.Elements[0]).Triples[0];
        Assert.Equal(Iri.Create("http://e/p"), t.Predicate);
    }

    [Fact]
    public void BaseResolvesRelativeIrisAndChains()
    {
        Query q = SparqlParser.ParseQuery("BASE <http://a/b/c/d;p?q> BASE <../x/> PREFIX p: <y#> SELECT * { <g> p:z <../h> }");
        var t = Assert.IsType<TriplesBlock>(q.Where!.Elements[0]).Triples[0];
        Assert.Equal("<http://a/b/x/g>", t.Subject.ToString());
        Assert.Equal("<http://a/b/x/y#z>", t.Predicate!.ToString());
        Assert.Equal("<http://a/b/h>", t.Obj.ToString());
        Assert.Equal("http://a/b/x/", q.BaseIri);
    }

    [Fact]
    public void ParameterBaseIsUsedWithoutBaseDeclaration()
    {
        Query q = SparqlParser.ParseQuery("SELECT * FROM <data.ttl> FROM NAMED <g1> { ?s ?p ?o }", "http://x/dir/q.rq");
        Assert.Equal("http://x/dir/data.ttl", Assert.Single(q.From).Value);
        Assert.Equal("http://x/dir/g1", Assert.Single(q.FromNamed).Value);
    }

    [Fact]
    public void RelativeIriWithoutBaseIsAnError()
    {
        var e = Assert.Throws<SparqlSyntaxException>(() => SparqlParser.ParseQuery("SELECT * { <a> ?p ?o }"));
        Assert.Equal((1, 12), (e.Line, e.Column));
    }

    [Fact]
    public void PrefixedNamesWithEscapesAndDots()
    {
        Query q = SparqlParser.ParseQuery("PREFIX e: <http://e/> SELECT * { e:a.b e:c\\~d e:1%20x. }");
        var t = Assert.IsType<TriplesBlock>(q.Where!.Elements[0]).Triples[0];
        Assert.Equal("<http://e/a.b>", t.Subject.ToString());
        Assert.Equal("<http://e/c~d>", t.Predicate!.ToString());
        Assert.Equal("<http://e/1%20x>", t.Obj.ToString());
    }

    [Fact]
    public void SelectItemsAndModifiers()
    {
        Query q = SparqlParser.ParseQuery("SELECT DISTINCT ?a (?a + 1 AS ?b) WHERE { ?a ?p ?o } ORDER BY ASC(?a) LIMIT 5");
        Assert.True(q.Distinct);
        Assert.Equal(["a", "b"], q.Projection.Select(p => p.Variable.Name));
        Assert.Null(q.Projection[0].Expression);
        Assert.Equal("(+ ?a \"1\"^^<http://www.w3.org/2001/XMLSchema#integer>)", q.Projection[1].Expression!.ToString());
        Assert.Equal(5, q.Limit);
        Assert.Null(q.Offset);
    }

    [Fact]
    public void AskDescribeAndKeywordsAreCaseInsensitive()
    {
        Assert.Equal(QueryForm.Ask, SparqlParser.ParseQuery("ask { ?s ?p ?o }").Form);
        Query d = SparqlParser.ParseQuery("describe ?x <http://e/y>");
        Assert.Equal(QueryForm.Describe, d.Form);
        Assert.Null(d.Where);
        Assert.Equal(2, d.DescribeTargets.Count);
        Assert.Equal("(table unit)", d.ToAlgebra().ToString());
    }

    [Fact]
    public void BlankNodesAndPropertyLists()
    {
        Query q = SparqlParser.ParseQuery("PREFIX : <http://e/> SELECT * { _:x :p [ :q 1 ; :r 2 ], [] ; a :C }");
        var triples = Assert.IsType<TriplesBlock>(q.Where!.Elements[0]).Triples;
        Assert.Equal(5, triples.Count);
        Assert.All(triples.Where(t => t.Subject.ToString() == "_:x"), t => Assert.IsType<BlankNode>(t.Subject));
        Assert.Contains(triples, t => t.Predicate!.Equals(Vocabulary.Rdf.Type));
    }

    [Fact]
    public void UserLabelsDoNotCollideWithGeneratedOnes()
    {
        Query q = SparqlParser.ParseQuery("SELECT * { _:b0 ?p [] }");
        var t = Assert.IsType<TriplesBlock>(q.Where!.Elements[0]).Triples[0];
        Assert.NotEqual(t.Subject, t.Obj);
    }

    [Fact]
    public void SubSelectWithValuesAndBuiltIns()
    {
        Query q = SparqlParser.ParseQuery(
            "SELECT * { { SELECT ?x (COALESCE(?y, IF(BOUND(?z), STRLEN(\"a\"), NOW())) AS ?w) { ?x ?y ?z } VALUES ?x { 1 } } BIND(UUID() AS ?u) }");
        var sub = Assert.IsType<SubSelectElement>(Assert.IsType<UnionElement>(q.Where!.Elements[0]).Alternatives[0].Elements[0]);
        Assert.NotNull(sub.Query.Values);
        Assert.Equal("(coalesce ?y (if (bound ?z) (strlen \"a\") (now)))", sub.Query.Projection[1].Expression!.ToString());
    }
}
