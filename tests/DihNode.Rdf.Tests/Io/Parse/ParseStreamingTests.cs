using System.Text;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using static DihNode.Rdf.Tests.Io.Parsing.ParseSupport;

namespace DihNode.Rdf.Tests.Io.Parsing;

/// <summary>Tokens and multi-byte characters cut by buffer refills, the byte order mark, CRLF line ends.</summary>
public class ParseStreamingTests
{
    private const string Turtle = """""
        @prefix ex: <http://example.org/ünï/> .
        @prefix 日本: <http://example.org/日本#> .
        ex:ça ex:p "déjà vu 😀 \u00E9\U0001F600"@fr , '''long
        text with 'quotes' and ünicode 😀''' , ex:a\~b%2F ;
            日本:名前 [ ex:q ( 1 2.5 3e0 true ) ] ;
            ex:r _:bé , <http://example.org/😀/x> .
        _:bé ex:p """"quoted" at the start""" .
        """"";

    [Theory]
    [InlineData(RdfFormat.Turtle)]
    [InlineData(RdfFormat.TriG)]
    public void A_trickling_stream_gives_the_same_statements(RdfFormat format)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Turtle);
        var whole = Relabel(ParseBytes(bytes, format));
        Assert.Equal(16, whole.Count);
        for (int seed = 1; seed <= 20; seed++)
        {
            var sink = new ParseCollector();
            RdfParser.Parse(new ParseTrickleStream(bytes, seed), format, sink);
            Assert.Equal(whole, Relabel(sink.Quads));
        }
    }

    [Fact]
    public void N_triples_written_back_parse_the_same_through_a_trickle()
    {
        var quads = ParseBytes(Encoding.UTF8.GetBytes(Turtle), RdfFormat.Turtle);
        string nt = string.Join("\n", quads.Select(q => q.ToString())) + "\n";
        var again = ParseBytes(Encoding.UTF8.GetBytes(nt), RdfFormat.NTriples, trickle: true);
        Assert.Equal(Relabel(quads), Relabel(again));
    }

    [Fact]
    public void Errors_after_a_trickle_keep_their_position()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("@prefix ex: <http://example.org/> .\nex:é ex:p \"😀😀\" ,\n   ex:ü ex:x .");
        var e = Assert.Throws<RdfSyntaxException>(() => ParseBytes(bytes, RdfFormat.Turtle, trickle: true));
        Assert.Equal((3L, 9L), (e.Line, e.Column));
        Assert.Equal("expected '.' or ';', found 'e'", e.Problem);
    }

    [Fact]
    public void A_token_longer_than_the_buffer_is_read_whole()
    {
        string big = new('é', 100_000);
        string iri = "http://example.org/" + new string('x', 70_000);
        var quads = Parse($"<{iri}> <http://example.org/p> \"{big}\" .\n<{iri}> <http://example.org/p> \"\"\"{big}\"\"\" .", RdfFormat.Turtle);
        Assert.Equal(2, quads.Count);
        Assert.Equal(big, ((Literal)quads[0].Object).LexicalForm);
        Assert.Equal(big, ((Literal)quads[1].Object).LexicalForm);
        Assert.Equal(iri, ((Iri)quads[1].Subject).Value);
    }

    [Theory]
    [InlineData(RdfFormat.NTriples)]
    [InlineData(RdfFormat.Turtle)]
    public void A_leading_byte_order_mark_is_skipped(RdfFormat format)
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "<http://example.org/s> <http://example.org/p> <http://example.org/o> ."u8];
        Assert.Single(ParseBytes(bytes, format));

        byte[] bad = [0xEF, 0xBB, 0xBF, .. "<http://example.org/s> <http://example.org/p> ."u8];
        var e = Assert.Throws<RdfSyntaxException>(() => ParseBytes(bad, format));
        Assert.Equal((1L, 47L), (e.Line, e.Column));
    }

    [Fact]
    public void A_byte_order_mark_elsewhere_is_not_white_space()
    {
        Assert.Throws<RdfSyntaxException>(() => Parse("<http://example.org/s> \uFEFF<http://example.org/p> <http://example.org/o> .", RdfFormat.NTriples));
    }

    [Theory]
    [InlineData(RdfFormat.NTriples)]
    [InlineData(RdfFormat.NQuads)]
    [InlineData(RdfFormat.Turtle)]
    [InlineData(RdfFormat.TriG)]
    public void Crlf_line_ends_are_accepted_and_counted_once(RdfFormat format)
    {
        string ok = "<http://example.org/s> <http://example.org/p> \"a\" .\r\n# comment\r\n\r\n<http://example.org/s> <http://example.org/p> \"b\" .\r\n";
        Assert.Equal(2, Parse(ok, format).Count);

        var e = Error(ok + "<http://example.org/s> <http://example.org/p> \"c\r\n\" .\r\n", format);
        Assert.Equal((5L, 47L), (e.Line, e.Column));
    }

    [Fact]
    public void A_lone_carriage_return_ends_a_line_too()
    {
        string text = "<http://example.org/s> <http://example.org/p> \"a\" .\r<http://example.org/s> <http://example.org/p> \"b\" .\r\r<x> .";
        Assert.Equal((4L, 1L), (Error(text, RdfFormat.NTriples).Line, Error(text, RdfFormat.NTriples).Column));
        var trickled = Assert.Throws<RdfSyntaxException>(() => ParseBytes(System.Text.Encoding.UTF8.GetBytes(text), RdfFormat.NTriples, trickle: true));
        Assert.Equal((4L, 1L), (trickled.Line, trickled.Column));
    }

    [Fact]
    public void Long_strings_keep_their_line_ends()
    {
        var quads = Parse("<http://example.org/s> <http://example.org/p> \"\"\"a\r\nb\"\"\" .", RdfFormat.Turtle);
        Assert.Equal("a\r\nb", ((Literal)quads[0].Object).LexicalForm);
    }
}
