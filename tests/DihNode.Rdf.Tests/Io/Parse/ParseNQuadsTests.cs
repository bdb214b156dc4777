using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using static DihNode.Rdf.Tests.Io.Parsing.ParseSupport;

namespace DihNode.Rdf.Tests.Io.Parsing;

public class ParseNQuadsTests
{
    [Fact]
    public void Reads_iris_literals_and_blank_nodes()
    {
        var quads = Parse("""
            # a comment line
            <http://example.org/s> <http://example.org/p> <http://example.org/o> .
            <http://example.org/s> <http://example.org/p> "chat"@FR-be . # trailing comment

            _:x <http://example.org/p> "5"^^<http://www.w3.org/2001/XMLSchema#integer> .
            _:x	<http://example.org/p>	"plain"	.
            """, RdfFormat.NTriples);

        Assert.Equal(4, quads.Count);
        Assert.Equal(new Quad(I("s"), I("p"), I("o"), null), quads[0]);
        var lang = Assert.IsType<Literal>(quads[1].Object);
        Assert.Equal(("chat", "fr-be"), (lang.LexicalForm, lang.Language));
        var typed = Assert.IsType<Literal>(quads[2].Object);
        Assert.Equal(Vocabulary.Xsd.Integer, typed.Datatype);
        Assert.Equal("5", typed.LexicalForm);
        Assert.True(((Literal)quads[3].Object).IsSimple);
        Assert.Equal(quads[2].Subject, quads[3].Subject);
        Assert.All(quads, q => Assert.Null(q.Graph));
    }

    [Fact]
    public void Decodes_string_and_iri_escapes()
    {
        var quads = Parse("""
            <http://example.org/\u00E9t\U0001F600> <http://example.org/p> "t\tn\nr\rb\bf\f q\" a\' s\\ \u00e9 \U0001F600" .
            """, RdfFormat.NTriples);

        Assert.Equal("http://example.org/ét😀", ((Iri)quads[0].Subject).Value);
        Assert.Equal("t\tn\nr\rb\bf\f q\" a' s\\ é 😀", ((Literal)quads[0].Object).LexicalForm);
    }

    [Fact]
    public void Joins_a_surrogate_pair_written_as_two_escapes()
    {
        var quads = Parse("""<http://example.org/s> <http://example.org/p> "\uD83D\uDE00" .""", RdfFormat.NTriples);
        Assert.Equal("😀", ((Literal)quads[0].Object).LexicalForm);
    }

    [Fact]
    public void Reads_graph_names_in_n_quads()
    {
        var quads = Parse("""
            <http://example.org/s> <http://example.org/p> <http://example.org/o> <http://example.org/g> .
            <http://example.org/s> <http://example.org/p> "x" _:g .
            <http://example.org/s> <http://example.org/p> "y" .
            """, RdfFormat.NQuads);

        Assert.Equal(I("g"), quads[0].Graph);
        Assert.IsType<BlankNode>(quads[1].Graph);
        Assert.Null(quads[2].Graph);
    }

    [Fact]
    public void Refuses_a_graph_name_in_n_triples()
    {
        var e = Error("<http://example.org/s> <http://example.org/p> <http://example.org/o> <http://example.org/g> .", RdfFormat.NTriples);
        Assert.Equal("expected '.', found '<'", e.Problem);
        Assert.Equal((1L, 70L), (e.Line, e.Column));
    }

    [Fact]
    public void Refuses_relative_iris()
    {
        var e = Error("<http://example.org/s> <http://example.org/p> <o> .", RdfFormat.NTriples);
        Assert.Equal("relative IRI <o> not allowed in N-Triples", e.Problem);
        Assert.Equal((1L, 47L), (e.Line, e.Column));

        e = Error("<http://example.org/s> <http://example.org/p> \"x\"^^<int> .", RdfFormat.NQuads);
        Assert.Equal("relative IRI <int> not allowed in N-Quads", e.Problem);
    }

    [Fact]
    public void Refuses_two_statements_on_one_line()
    {
        var e = Error("<http://example.org/s> <http://example.org/p> \"a\" . <http://example.org/s> <http://example.org/p> \"b\" .", RdfFormat.NTriples);
        Assert.Equal("expected the end of the line after '.', found '<'", e.Problem);
        Assert.Equal(53, e.Column);
    }

    [Fact]
    public void Refuses_turtle_shorthand()
    {
        Assert.Throws<RdfSyntaxException>(() => Parse("<http://example.org/s> <http://example.org/p> 1 .", RdfFormat.NTriples));
        Assert.Throws<RdfSyntaxException>(() => Parse("<http://example.org/s> <http://example.org/p> 'x' .", RdfFormat.NTriples));
        Assert.Throws<RdfSyntaxException>(() => Parse("<http://example.org/s> <http://example.org/p> \"\"\"x\"\"\" .", RdfFormat.NTriples));
        Assert.Throws<RdfSyntaxException>(() => Parse("<http://example.org/s> a <http://example.org/o> .", RdfFormat.NTriples));
        Assert.Throws<RdfSyntaxException>(() => Parse("<http://example.org/s>\n<http://example.org/p> <http://example.org/o> .", RdfFormat.NTriples));
    }

    [Theory]
    [InlineData("<http://example.org/a b>", "' ' is not allowed in an IRI")]
    [InlineData("<http://example.org/a{b>", "'{' is not allowed in an IRI")]
    [InlineData("<http://example.org/a\\u0020b>", "escape \\u0020 makes a character not allowed in an IRI")]
    [InlineData("<http://example.org/a\\u003Eb>", "escape \\u003E makes a character not allowed in an IRI")]
    [InlineData("<http://example.org/a\\u00Zb>", "invalid escape: expected 4 hexadecimal digits")]
    [InlineData("<http://example.org/a\\nb>", "invalid escape: expected \\u or \\U")]
    public void Refuses_bad_iri_characters(string iri, string problem)
    {
        var e = Error($"{iri} <http://example.org/p> <http://example.org/o> .", RdfFormat.NTriples);
        Assert.Equal(problem, e.Problem);
        Assert.Equal(1, e.Line);
    }

    [Theory]
    [InlineData("\"a\\zb\"", "invalid escape '\\z' in a string literal", 49)]
    [InlineData("\"a\\uD800\"", "escape names U+D800, which is not a Unicode scalar value", 49)]
    [InlineData("\"abc", "unterminated string literal", 47)]
    [InlineData("\"x\"@", "expected a language tag after '@', found ' '", 51)]
    [InlineData("\"x\"@en-", "expected letters or digits after '-' in a language tag, found ' '", 54)]
    [InlineData("_:", "expected a blank node label after '_:', found ' '", 49)]
    [InlineData("_:a:b", "expected '.', found ':'", 50)]
    public void Reports_literal_and_label_errors(string obj, string problem, int column)
    {
        var e = Error($"<http://example.org/s> <http://example.org/p> {obj} .", RdfFormat.NTriples);
        Assert.Equal(problem, e.Problem);
        Assert.Equal((1L, (long)column), (e.Line, e.Column));
    }

    [Fact]
    public void Names_the_source_in_the_message()
    {
        var e = Error("\n\n  <http://example.org/s> <http://example.org/p> .", RdfFormat.NTriples, new RdfParserOptions { SourceName = "data.nt" });
        Assert.Equal("data.nt: line 3, column 49: expected an object (IRI, blank node or literal), found '.'", e.Message);
    }
}
