using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using static DihNode.Rdf.Tests.Io.Parsing.ParseSupport;

namespace DihNode.Rdf.Tests.Io.Parsing;

public class ParseTurtleTests
{
    private const string Prefixes = "@prefix : <http://example.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n";

    [Fact]
    public void Reads_predicate_and_object_lists_and_a()
    {
        var quads = Parse(Prefixes + ":s a :C ; :p :o1 , :o2 ;; :q \"x\" ; .", RdfFormat.Turtle);
        Assert.Equal(
        [
            new Quad(I("s"), Vocabulary.Rdf.Type, I("C"), null),
            new Quad(I("s"), I("p"), I("o1"), null),
            new Quad(I("s"), I("p"), I("o2"), null),
            new Quad(I("s"), I("q"), Literal.Simple("x"), null),
        ], quads);
    }

    [Theory]
    [InlineData("1", "1", "integer")]
    [InlineData("-0012", "-0012", "integer")]
    [InlineData("+7", "+7", "integer")]
    [InlineData("2.50", "2.50", "decimal")]
    [InlineData(".5", ".5", "decimal")]
    [InlineData("-.5", "-.5", "decimal")]
    [InlineData("1e3", "1e3", "double")]
    [InlineData("1.5E-3", "1.5E-3", "double")]
    [InlineData("1.e+2", "1.e+2", "double")]
    [InlineData(".5e1", ".5e1", "double")]
    [InlineData("true", "true", "boolean")]
    [InlineData("false", "false", "boolean")]
    public void Reads_numbers_and_booleans_as_written(string text, string lexical, string type)
    {
        var o = Assert.IsType<Literal>(Parse(Prefixes + $":s :p {text} .", RdfFormat.Turtle)[0].Object);
        Assert.Equal(lexical, o.LexicalForm);
        Assert.Equal(Vocabulary.Xsd.Namespace + type, o.Datatype.Value);
    }

    [Fact]
    public void An_integer_before_the_final_dot_stays_an_integer()
    {
        var quads = Parse(Prefixes + ":s :p 1.\n:s :p 2.:s :p 3 .", RdfFormat.Turtle);
        Assert.Equal(["1", "2", "3"], quads.Select(q => ((Literal)q.Object).LexicalForm));
        Assert.All(quads, q => Assert.Equal(Vocabulary.Xsd.Integer, ((Literal)q.Object).Datatype));
    }

    [Fact]
    public void Reads_all_string_forms_with_language_and_datatype()
    {
        var quads = Parse(Prefixes +
            ":s :p 'single' , \"double\"@EN-gb , '''long 'quoted' ''' , \"\"\"two \"\" quotes\nand a line\"\"\" ,\n" +
            "  \"typed\"^^xsd:date , \"iri-typed\"^^<http://www.w3.org/2001/XMLSchema#date> , \"\"\n" +
            "  , \"with \\\"escapes\\\" \\u00E9\"@en .", RdfFormat.Turtle);
        var literals = quads.Select(q => (Literal)q.Object).ToList();
        Assert.Equal(["single", "double", "long 'quoted' ", "two \"\" quotes\nand a line", "typed", "iri-typed", "", "with \"escapes\" é"],
            literals.Select(l => l.LexicalForm));
        Assert.Equal("en-gb", literals[1].Language);
        Assert.Equal(Vocabulary.Xsd.Date, literals[4].Datatype);
        Assert.Equal(Vocabulary.Xsd.Date, literals[5].Datatype);
        Assert.True(literals[6].IsSimple);
    }

    [Fact]
    public void Long_string_may_end_with_quotes_inside()
    {
        var quads = Parse(Prefixes + ":s :p \"\"\"a\"\"b\"\"\" , '''c''d''' .", RdfFormat.Turtle);
        Assert.Equal(["a\"\"b", "c''d"], quads.Select(q => ((Literal)q.Object).LexicalForm));
    }

    [Fact]
    public void Expands_local_names_with_escapes_percent_and_dots()
    {
        var quads = Parse(Prefixes + @":a\~b%20c :p.q :a.b.c, :0x, :x-y:z, :_z ; :p : .", RdfFormat.Turtle);
        Assert.Equal(Ex + "a~b%20c", ((Iri)quads[0].Subject).Value);
        Assert.Equal(Ex + "p.q", quads[0].Predicate.Value);
        Assert.Equal([Ex + "a.b.c", Ex + "0x", Ex + "x-y:z", Ex + "_z", Ex],
            quads.Select(q => ((Iri)q.Object).Value));
    }

    [Fact]
    public void Reads_unicode_prefixed_names()
    {
        var quads = Parse("@prefix é: <http://example.org/é#> . é:ça é:p é:日本 .", RdfFormat.Turtle);
        Assert.Equal("http://example.org/é#ça", ((Iri)quads[0].Subject).Value);
        Assert.Equal("http://example.org/é#日本", ((Iri)quads[0].Object).Value);
    }

    [Fact]
    public void Accepts_sparql_style_directives_in_any_case()
    {
        var sink = new ParseCollector();
        using var input = new MemoryStream("PREFIX ex: <http://example.org/>\nprefix ex2: <http://example.org/2/>\nBase <http://example.org/b/>\nex:s ex2:p <o> ."u8.ToArray());
        RdfParser.Parse(input, RdfFormat.Turtle, sink);
        Assert.Equal(new Quad(I("s"), Iri.FromTrusted(Ex + "2/p"), Iri.FromTrusted(Ex + "b/o"), null), Assert.Single(sink.Quads));
        Assert.Equal([("ex", Ex), ("ex2", Ex + "2/")], sink.Prefixes);
        Assert.Equal([Ex + "b/"], sink.Bases);
    }

    [Fact]
    public void A_redeclared_prefix_takes_effect_at_once()
    {
        var quads = Parse("@prefix x: <http://a/> . x:s x:p x:o . @prefix x: <http://b/> . x:s x:p x:o .", RdfFormat.Turtle);
        Assert.Equal("http://a/s", ((Iri)quads[0].Subject).Value);
        Assert.Equal("http://b/s", ((Iri)quads[1].Subject).Value);
    }

    [Fact]
    public void Builds_nested_blank_node_property_lists()
    {
        var quads = Parse(Prefixes + ":s :p [ :q [ :r :o ] ; :t 1 ] . [ :u :v ] . [] :w :x .", RdfFormat.Turtle);
        Assert.Equal(
        [
            "_:0 <http://example.org/r> <http://example.org/o>",
            "_:1 <http://example.org/q> _:0",
            "_:1 <http://example.org/t> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer>",
            "<http://example.org/s> <http://example.org/p> _:1",
            "_:2 <http://example.org/u> <http://example.org/v>",
            "_:3 <http://example.org/w> <http://example.org/x>",
        ], Relabel(quads));
    }

    [Fact]
    public void Builds_collections_as_rdf_lists()
    {
        var quads = Parse(Prefixes + ":s :p ( 1 :a ( ) ) . ( :x ) :q () .", RdfFormat.Turtle);
        const string F = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#first>", R = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#rest>",
            N = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#nil>";
        Assert.Equal(
        [
            $"_:0 {F} \"1\"^^<http://www.w3.org/2001/XMLSchema#integer>",
            $"_:0 {R} _:1",
            $"_:1 {F} <http://example.org/a>",
            $"_:1 {R} _:2",
            $"_:2 {F} {N}",
            $"_:2 {R} {N}",
            "<http://example.org/s> <http://example.org/p> _:0",
            $"_:3 {F} <http://example.org/x>",
            $"_:3 {R} {N}",
            $"_:3 <http://example.org/q> {N}",
        ], Relabel(quads));
    }

    [Fact]
    public void Blank_node_labels_may_contain_dots_but_not_end_with_one()
    {
        var quads = Parse(Prefixes + "_:a.b :p _:a.b. _:a.b :p _:c .", RdfFormat.Turtle);
        Assert.Equal(quads[0].Subject, quads[0].Object);
        Assert.Equal(quads[0].Subject, quads[1].Subject);
        Assert.NotEqual(quads[1].Subject, quads[1].Object);
    }

    [Fact]
    public void Comments_are_allowed_between_any_tokens()
    {
        var quads = Parse(Prefixes + ":s # c1\n :p # c2\n ( # c3\n :o # c4\n ) # c5\n . # end", RdfFormat.Turtle);
        Assert.Equal(3, quads.Count);
    }
}
