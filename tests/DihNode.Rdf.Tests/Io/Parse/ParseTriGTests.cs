using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using static DihNode.Rdf.Tests.Io.Parsing.ParseSupport;

namespace DihNode.Rdf.Tests.Io.Parsing;

public class ParseTriGTests
{
    [Fact]
    public void Reads_default_and_named_graph_blocks()
    {
        var quads = Parse("""
            @prefix : <http://example.org/> .
            :a :p :o .
            { :b :p :o }
            :g1 { :c :p :o . :d :p :o . }
            GRAPH :g2 { :e :p :o }
            graph <http://example.org/g3> { }
            _:bg { :f :p [ :q :r ] }
            [] { :h :p :o }
            { :i :p :o . }
            """, RdfFormat.TriG);

        Assert.Equal(
        [
            "<http://example.org/a> <http://example.org/p> <http://example.org/o>",
            "<http://example.org/b> <http://example.org/p> <http://example.org/o>",
            "<http://example.org/c> <http://example.org/p> <http://example.org/o> <http://example.org/g1>",
            "<http://example.org/d> <http://example.org/p> <http://example.org/o> <http://example.org/g1>",
            "<http://example.org/e> <http://example.org/p> <http://example.org/o> <http://example.org/g2>",
            "_:0 <http://example.org/q> <http://example.org/r> _:1",
            "<http://example.org/f> <http://example.org/p> _:0 _:1",
            "<http://example.org/h> <http://example.org/p> <http://example.org/o> _:2",
            "<http://example.org/i> <http://example.org/p> <http://example.org/o>",
        ], Relabel(quads));
    }

    [Fact]
    public void Triples_outside_blocks_may_use_all_turtle_subjects()
    {
        var quads = Parse("""
            PREFIX : <http://example.org/>
            [ :p :o ] .
            [ :p :o ] :q :r .
            [] :p :o .
            ( :x ) :p :o .
            """, RdfFormat.TriG);
        Assert.Equal(7, quads.Count);
        Assert.All(quads, q => Assert.Null(q.Graph));
    }

    [Theory]
    [InlineData("@prefix : <http://example.org/> . { :s :p :o . . }")]
    [InlineData("@prefix : <http://example.org/> . :g { @prefix x: <http://x/> . }")]
    [InlineData("@prefix : <http://example.org/> . :g { :s :p :o ")]
    [InlineData("@prefix : <http://example.org/> . GRAPH { :s :p :o }")]
    [InlineData("@prefix : <http://example.org/> . :g { :h { :s :p :o } }")]
    [InlineData("@prefix : <http://example.org/> . \"lit\" { :s :p :o }")]
    public void Refuses_malformed_blocks(string text)
    {
        var e = Error(text, RdfFormat.TriG);
        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void Turtle_refuses_graph_blocks()
    {
        var e = Error("@prefix : <http://example.org/> .\n{ :s :p :o }", RdfFormat.Turtle);
        Assert.Equal((2L, 1L), (e.Line, e.Column));
        e = Error("@prefix : <http://example.org/> .\n:g { :s :p :o }", RdfFormat.Turtle);
        Assert.Equal((2L, 4L), (e.Line, e.Column));
    }

    [Fact]
    public void Graph_keyword_takes_a_blank_node_label_and_reports_prefixes()
    {
        var sink = new ParseCollector();
        RdfParser.Parse("@prefix : <http://example.org/> . GRAPH [] { :s :p :o } GRAPH _:g { :s :p :o }"u8.ToArray(), RdfFormat.TriG, sink);
        Assert.Equal(2, sink.Quads.Count);
        Assert.IsType<BlankNode>(sink.Quads[0].Graph);
        Assert.IsType<BlankNode>(sink.Quads[1].Graph);
        Assert.NotEqual(sink.Quads[0].Graph, sink.Quads[1].Graph);
        Assert.Equal([("", Ex)], sink.Prefixes);
    }
}
