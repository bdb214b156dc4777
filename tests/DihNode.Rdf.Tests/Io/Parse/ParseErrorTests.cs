using System.Text;
using DihNode.Rdf.Io;
using static DihNode.Rdf.Tests.Io.Parsing.ParseSupport;

namespace DihNode.Rdf.Tests.Io.Parsing;

/// <summary>Each kind of error names what was expected, with the 1-based line and column (in characters).</summary>
public class ParseErrorTests
{
    private const string P = "@prefix : <http://example.org/> .\n";

    [Theory]
    [InlineData(P + "foo:s :p :o .", 2, 1, "undefined prefix 'foo'")]
    [InlineData(P + ":s :p :o :x .", 2, 10, "expected '.' or ';', found ':'")]
    [InlineData(P + ":s :p :o", 2, 9, "expected '.' or ';', found end of input")]
    [InlineData(P + ":s :p \"abc .", 2, 7, "unterminated string literal")]
    [InlineData(P + ":s :p \"abc .\n:s :p :o .", 2, 7, "unterminated string literal: line break before the closing quote")]
    [InlineData(P + ":s :p \"\"\"abc .", 2, 7, "unterminated long string literal")]
    [InlineData(P + ":s :p <http://example.org/o .", 2, 28, "' ' is not allowed in an IRI")]
    [InlineData(P + ":s :p <http://example.org/o", 2, 7, "unterminated IRI: expected '>'")]
    [InlineData(P + ":s :p [ :q :o .", 2, 15, "expected ']' or ';', found '.'")]
    [InlineData(P + ":s :p ( :o .", 2, 12, "expected an object (IRI, prefixed name, blank node, literal or collection), found '.'")]
    [InlineData(P + ":s :p :o ,, :o2 .", 2, 11, "expected an object (IRI, prefixed name, blank node, literal or collection), found ','")]
    [InlineData(P + ":s :p \"x\"^^\"y\" .", 2, 12, "expected a datatype IRI after '^^'")]
    [InlineData(P + ":s :p \"x\"^^:d@en .", 2, 14, "expected '.' or ';', found '@'")]
    [InlineData(P + ":s :p 1e .", 2, 9, "expected digits in the exponent, found ' '")]
    [InlineData(P + ":s true :o .", 2, 4, "expected a predicate (IRI, prefixed name or 'a'), found 'true'")]
    [InlineData(P + ":s :p :o .\n\t\t:s :p nope .", 3, 9, "expected an object (IRI, prefixed name, blank node, literal or collection), found 'nope'")]
    [InlineData(P + ":s :a\\$ :o .\n:s :p\\q :o .", 3, 6, "invalid escape in a local name: '\\' must precede one of _~.-!$&'()*+,;=/?#@%")]
    [InlineData(P + ":s :p :a%2 .", 2, 9, "invalid %-escape in a local name: expected two hexadecimal digits")]
    [InlineData("@prefx : <http://example.org/> .", 1, 1, "expected '@prefix' or '@base'")]
    [InlineData(P + ":s :p _:", 2, 9, "expected a blank node label after '_:', found end of input")]
    [InlineData("@prefix", 1, 8, "expected a prefix name ending in ':', found end of input")]
    [InlineData(P + ":s :p :o ; ex", 2, 12, "expected a predicate (IRI, prefixed name or 'a'), found 'ex'")]
    [InlineData("@prefix ex <http://example.org/> .", 1, 11, "expected ':' after the prefix name, found ' '")]
    [InlineData("@prefix ex: <http://example.org/>", 1, 34, "expected '.' after the directive, found end of input")]
    [InlineData("PREFIX ex: <http://example.org/> .", 1, 34, "expected a subject (IRI, prefixed name, blank node or collection), found '.'")]
    [InlineData("_:b <http://example.org/p> \"x\"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString> .", 1, 33, "rdf:langString literal without a language tag")]
    public void Turtle_errors_name_line_column_and_expectation(string text, int line, int column, string problem)
    {
        var e = Error(text, RdfFormat.Turtle);
        Assert.Equal(problem, e.Problem);
        Assert.Equal(((long)line, (long)column), (e.Line, e.Column));
        Assert.Equal($"line {line}, column {column}: {problem}", e.Message);
    }

    [Fact]
    public void Invalid_utf8_is_reported_at_its_byte()
    {
        byte[] bytes = [.. "<http://example.org/s> <http://example.org/p> \"aé"u8, 0xC3, .. "(\" .\n"u8];
        var e = Assert.Throws<RdfSyntaxException>(() => ParseBytes(bytes, RdfFormat.NTriples));
        Assert.Equal("invalid UTF-8 byte 0xC3", e.Problem);
        Assert.Equal((1L, 50L), (e.Line, e.Column));
    }

    [Fact]
    public void Invalid_utf8_after_good_lines_reaches_the_sink_first()
    {
        byte[] bytes = [.. "<http://example.org/s> <http://example.org/p> \"ok\" .\n# "u8, 0xFF, (byte)'\n'];
        var sink = new ParseCollector();
        var e = Assert.Throws<RdfSyntaxException>(() => RdfParser.Parse(new MemoryStream(bytes), RdfFormat.NTriples, sink));
        Assert.Equal("invalid UTF-8 byte 0xFF", e.Problem);
        Assert.Equal((2L, 3L), (e.Line, e.Column));
        Assert.Single(sink.Quads);
    }

    [Fact]
    public void A_sequence_cut_off_by_the_end_of_input_is_invalid()
    {
        byte[] bytes = [.. "# comment "u8, 0xE2, 0x82];
        var e = Assert.Throws<RdfSyntaxException>(() => ParseBytes(bytes, RdfFormat.Turtle));
        Assert.StartsWith("invalid UTF-8 byte 0xE2", e.Problem);
        Assert.Equal((1L, 11L), (e.Line, e.Column));
    }

    [Fact]
    public void Overlong_and_surrogate_encodings_are_invalid()
    {
        Assert.Throws<RdfSyntaxException>(() => ParseBytes([.. "# "u8, 0xC0, 0xAF], RdfFormat.Turtle));
        Assert.Throws<RdfSyntaxException>(() => ParseBytes([.. "# "u8, 0xED, 0xA0, 0x80], RdfFormat.Turtle));
    }

    [Fact]
    public void Nesting_beyond_the_limit_fails_cleanly()
    {
        string deep = P + ":s :p " + string.Concat(Enumerable.Repeat("[ :p ", 200)) + ":o" + new string(']', 200) + " .";
        var e = Error(deep, RdfFormat.Turtle);
        Assert.Equal("nesting deeper than 128 levels", e.Problem);
        Assert.Equal(2, e.Line);

        string lists = P + ":s :p " + new string('(', 10) + new string(')', 10) + " .";
        Assert.Equal("nesting deeper than 5 levels", Error(lists, RdfFormat.Turtle, new RdfParserOptions { MaxNestingDepth = 5 }).Problem);
        Assert.Equal(19, Parse(lists, RdfFormat.Turtle, new RdfParserOptions { MaxNestingDepth = 10 }).Count);
    }

    [Fact]
    public void Very_deep_nesting_without_a_limit_is_an_error_not_a_stack_overflow()
    {
        var sb = new StringBuilder(P + ":s :p ");
        for (int i = 0; i < 1_000_000; i++) sb.Append('(');
        var e = Error(sb.ToString(), RdfFormat.Turtle, new RdfParserOptions { MaxNestingDepth = int.MaxValue });
        Assert.StartsWith("nesting deeper than", e.Problem);
    }

    [Fact]
    public void Lines_are_counted_across_buffer_refills()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 5000; i++) sb.Append("<http://example.org/s> <http://example.org/p> \"line ").Append(i).Append("\" .\n");
        sb.Append("<http://example.org/s> <http://example.org/p> \"é\" <x> .\n");
        var e = Error(sb.ToString(), RdfFormat.NTriples);
        Assert.Equal((5001L, 51L), (e.Line, e.Column));
    }
}
