using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Results;

namespace DihNode.Rdf.Tests.Sparql.Results;

/// <summary>Small results used by several tests.</summary>
internal static class Samples
{
    public static readonly Iri Alice = Iri.Create("http://example.org/alice");

    /// <summary>Three variables, two rows: an IRI, a language string, an integer; a blank node, an awkward string, unbound.</summary>
    public static SparqlResult Small() => SparqlResult.FromTable(
        ["x", "name", "age"],
        [
            [Alice, Literal.LangString("Alice", "en"), Literal.Typed("42", Vocabulary.Xsd.Integer)],
            [new BlankNode("b0"), Literal.Simple("say \"hi\",\tthen\nleave"), null],
        ]);

    /// <summary>Terms that stress every escaping rule.</summary>
    public static SparqlResult Awkward() => SparqlResult.FromTable(
        ["v", "w"],
        [
            [Literal.Simple(""), null],
            [Literal.Simple("a,b"), Literal.Simple("tab\there")],
            [Literal.Simple("line1\r\nline2"), Literal.Simple("quote \" and ' and \\")],
            [Literal.Simple("<tag> & ]]> done"), Literal.Simple("ünïcödé 😀 日本")],
            [Literal.Typed("1.5", Vocabulary.Xsd.Decimal), Literal.Typed("1e3", Vocabulary.Xsd.Double)],
            [Literal.Typed("+07", Vocabulary.Xsd.Integer), Literal.Typed("abc", Vocabulary.Xsd.Integer)],
            [Literal.Typed("true", Vocabulary.Xsd.Boolean), Literal.Typed("2020-01-01", Vocabulary.Xsd.Date)],
            [Literal.LangString("chat", "fr-BE"), Iri.Create("http://example.org/a?b=c&d=e#f")],
            [new BlankNode("x-1.y"), new BlankNode("x-1.y")],
            [null, null],
        ]);
}
