using System.Text.RegularExpressions;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using static DihNode.Rdf.Tests.Io.Parsing.ParseSupport;

namespace DihNode.Rdf.Tests.Io.Parsing;

public partial class ParseBlankNodeTests
{
    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex SafeLabel();

    private const string Doc = "_:a <http://example.org/p> _:a . _:b <http://example.org/p> [] .";

    [Fact]
    public void Each_parse_gets_fresh_labels()
    {
        var first = Parse(Doc, RdfFormat.Turtle);
        var second = Parse(Doc, RdfFormat.Turtle);
        Assert.Equal(first[0].Subject, first[0].Object);
        Assert.NotEqual(first[0].Subject, second[0].Subject);
        Assert.NotEqual(first[1].Subject, second[1].Subject);
    }

    [Fact]
    public void The_prefix_option_is_used()
    {
        var quads = Parse(Doc, RdfFormat.Turtle, new RdfParserOptions { BlankNodePrefix = "load7" });
        Assert.All(quads, q => Assert.StartsWith("load7", ((BlankNode)q.Subject).Label));
        var again = Parse(Doc, RdfFormat.Turtle, new RdfParserOptions { BlankNodePrefix = "load7" });
        Assert.Equal(quads, again);
    }

    [Fact]
    public void Labels_are_n_triples_safe_and_distinct()
    {
        var quads = Parse("""
            _:a.b <http://example.org/p> _:a_b .
            _:ab <http://example.org/p> _:a-b .
            _:é <http://example.org/p> _:a·b .
            _:a__b <http://example.org/p> _:a_5f_b .
            _:g1 <http://example.org/p> [] .
            _:0 <http://example.org/p> ( ) .
            """, RdfFormat.Turtle, new RdfParserOptions { BlankNodePrefix = "x.y" });
        var labels = quads.SelectMany(q => new[] { q.Subject, q.Object }).OfType<BlankNode>().Select(b => b.Label).ToList();
        Assert.Equal(11, labels.Count);
        Assert.Equal(11, labels.Distinct().Count());
        Assert.All(labels, l => Assert.Matches(SafeLabel(), l));
        Assert.All(labels, l => Assert.Matches("^[A-Za-z0-9_]", l));
    }

    [Fact]
    public void The_same_label_in_n_quads_is_the_same_node_across_graphs()
    {
        var quads = Parse("_:x <http://example.org/p> \"1\" <http://example.org/g1> .\n_:x <http://example.org/p> \"2\" _:x .", RdfFormat.NQuads);
        Assert.Equal(quads[0].Subject, quads[1].Subject);
        Assert.Equal(quads[1].Subject, quads[1].Graph);
    }
}
