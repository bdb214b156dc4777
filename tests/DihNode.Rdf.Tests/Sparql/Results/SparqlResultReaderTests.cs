using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Results;

namespace DihNode.Rdf.Tests.Sparql.Results;

public class SparqlResultReaderTests
{
    private static SparqlResultsSyntaxException Fails(string text, SparqlResultFormat format) =>
        Assert.Throws<SparqlResultsSyntaxException>(() => SparqlResultReader.ReadString(text, format, "t"));

    [Fact]
    public void JsonMembersInAnyOrder()
    {
        SparqlResult r = SparqlResultReader.ReadString(
            """{"results":{"bindings":[{"b":{"value":"x","type":"literal","xml:lang":"EN"}}]},"extra":[1,{"a":2}],"head":{"vars":["a","b"]}}""",
            SparqlResultFormat.Json);
        Assert.Equal(["a", "b"], r.Variables);
        Assert.Null(r.Rows[0][0]);
        Assert.Equal(Literal.LangString("x", "en"), r.Rows[0][1]);
    }

    [Fact]
    public void JsonTypedLiteralOfTheOldNoteIsRead()
    {
        SparqlResult r = SparqlResultReader.ReadString(
            """{"head":{"vars":["a"]},"results":{"bindings":[{"a":{"type":"typed-literal","value":"1","datatype":"http://www.w3.org/2001/XMLSchema#integer"}}]}}""",
            SparqlResultFormat.Json);
        Assert.Equal(Literal.Typed("1", Vocabulary.Xsd.Integer), r.Rows[0][0]);
    }

    [Fact]
    public void JsonBooleanIsRead()
    {
        Assert.False(SparqlResultReader.ReadString("""{"head":{},"boolean":false}""", SparqlResultFormat.Json).Boolean);
        Assert.True(SparqlResultReader.ReadString("\uFEFF{\"boolean\":true,\"head\":{\"link\":[\"http://x/\"]}}", SparqlResultFormat.Json).Boolean);
    }

    [Fact]
    public void MalformedJsonNamesLineAndColumn()
    {
        var e = Fails("{\"head\": {\"vars\": [\"a\"]},\n  \"results\": {\"bindings\": [}\n}", SparqlResultFormat.Json);
        Assert.Equal(2, e.Line);
        Assert.Equal(28, e.Column);
        Assert.StartsWith("t: line 2, column 28: malformed JSON", e.Message);
    }

    [Theory]
    [InlineData("""{"head":{"vars":["a"]},"results":{"bindings":[{"a":{"type":"url","value":"x"}}]}}""", "$.results.bindings[0].a.type", "unknown term type")]
    [InlineData("""{"head":{"vars":["a"]},"results":{"bindings":[{},{"b":{"type":"uri","value":"http://x/"}}]}}""", "$.results.bindings[1].b", "not listed in head.vars")]
    [InlineData("""{"head":{"vars":["a"]},"results":{"bindings":[{"a":{"type":"uri"}}]}}""", "$.results.bindings[0].a", "missing member \"value\"")]
    [InlineData("""{"head":{"vars":["a"]},"results":{"bindings":[{"a":{"type":"uri","value":"rel/x"}}]}}""", "$.results.bindings[0].a", "invalid IRI")]
    [InlineData("""{"head":{"vars":["a"]},"results":{"bindings":[{"a":{"type":"literal","value":"x","xml:lang":"en","datatype":"http://x/"}}]}}""", "$.results.bindings[0].a", "language tag")]
    [InlineData("""{"head":{"vars":["a"]},"results":{"bindings":[{"a":{"type":"literal","value":"x","lang":"en"}}]}}""", "$.results.bindings[0].a.lang", "unexpected member")]
    [InlineData("""{"head":{"vars":["a"]},"results":{"bindings":[{"a":{"type":"bnode","value":""}}]}}""", "$.results.bindings[0].a", "empty blank node")]
    [InlineData("""{"head":{"vars":["a","a"]},"results":{"bindings":[]}}""", "$.head.vars[1]", "listed twice")]
    [InlineData("""{"head":{"vars":[1]},"results":{"bindings":[]}}""", "$.head.vars[0]", "expected a string")]
    [InlineData("""{"head":{"vars":[]}}""", "$", "missing member \"results\"")]
    [InlineData("""{"results":{"bindings":[]}}""", "$", "missing member \"head\"")]
    [InlineData("""{"head":{},"boolean":"yes"}""", "$.boolean", "expected true or false")]
    [InlineData("""{"head":{},"boolean":true,"results":{"bindings":[]}}""", "$", "both")]
    [InlineData("""[]""", "$", "expected a JSON object")]
    [InlineData("""{"head":{"vars":["a"]},"results":{"bindings":[{"a":{"type":"triple","value":{}}}]}}""", "$.results.bindings[0].a.type", "RDF-star")]
    [InlineData("""{"results":{"bindings":[{"b":{"type":"uri","value":"http://x/"}}]},"head":{"vars":["a"]}}""", "$.results.bindings[0].b", "not listed in head.vars")]
    [InlineData("""{"head":{"vars":["a"]},"results":{"bindings":[{"a":{"type":"uri","value":"http://x/"},"a":{"type":"uri","value":"http://y/"}}]}}""", "$.results.bindings[0].a", "bound twice")]
    [InlineData("""{"head":{"vars":["a"]},"results":{"bindings":[{"a":{"type":"literal","value":"1","datatype":"http://x/","datatype":"http://x/"}}]}}""", "$.results.bindings[0].a.datatype", "duplicate member")]
    public void JsonStructureErrorsNameThePath(string json, string path, string problem)
    {
        var e = Fails(json, SparqlResultFormat.Json);
        Assert.Equal(path, e.Path);
        Assert.Contains(problem, e.Problem);
        Assert.Contains("at " + path, e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"head\":{}} {}")]
    [InlineData("{\"head\":{},\"boolean\":true,}")]
    [InlineData("{\"head\":{\"vars\":[\"\\uD800\"]},\"results\":{\"bindings\":[]}}")]
    [InlineData("nul")]
    public void BadJsonNeverThrowsAnythingElse(string json)
    {
        var e = Assert.ThrowsAny<FormatException>(() => SparqlResultReader.ReadString(json, SparqlResultFormat.Json));
        Assert.IsType<SparqlResultsSyntaxException>(e);
        Assert.False(string.IsNullOrEmpty(e.Message));
    }

    [Fact]
    public void XmlIsReadWithWhitespaceLiteralsAndComments()
    {
        SparqlResult r = SparqlResultReader.ReadString(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <!-- a comment -->
            <s:sparql xmlns:s="http://www.w3.org/2005/sparql-results#">
              <s:head><s:variable name="a"/><s:variable name="b"/><s:link href="x"/></s:head>
              <s:results>
                <s:result><s:binding name="b"><s:literal>  </s:literal></s:binding></s:result>
                <s:result><s:binding name="a"><s:literal xml:lang="DE"><![CDATA[<x>]]></s:literal></s:binding><!-- c --></s:result>
                <s:result/>
              </s:results>
            </s:sparql>
            """, SparqlResultFormat.Xml);
        Assert.Equal(["a", "b"], r.Variables);
        Assert.Equal(3, r.Rows.Count);
        Assert.Equal(Literal.Simple("  "), r.Rows[0][1]);
        Assert.Equal(Literal.LangString("<x>", "de"), r.Rows[1][0]);
        Assert.Equal(2, r.Rows[2].Length);
        Assert.All(r.Rows[2], Assert.Null);
    }

    [Fact]
    public void XmlTextSplitOverSeveralNodesIsJoined()
    {
        SparqlResult r = SparqlResultReader.ReadString(
            "<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\"><head><variable name=\"a\"/></head><results><result>" +
            "<binding name=\"a\"><literal>x &amp; <![CDATA[<y>]]><!-- no -->\nz</literal></binding></result></results></sparql>",
            SparqlResultFormat.Xml);
        Assert.Equal(Literal.Simple("x & <y>\nz"), r.Rows[0][0]);
    }

    [Fact]
    public void MalformedXmlNamesLineAndColumn()
    {
        var e = Fails("<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n<head></head>\n<results><result></results>\n</sparql>", SparqlResultFormat.Xml);
        Assert.Equal(3, e.Line);
        Assert.True(e.Column > 1, e.Message);
        Assert.Contains("malformed XML", e.Message);
    }

    [Theory]
    [InlineData("<sparql><head/><results/></sparql>", 1, "namespace")]
    [InlineData("<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\"><head/><boolean>maybe</boolean></sparql>", 1, "true or false")]
    [InlineData("<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n<head><variable name=\"a\"/></head>\n<results><result><binding name=\"b\"><uri>http://x/</uri></binding></result></results></sparql>", 3, "not declared")]
    [InlineData("<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n<head><variable name=\"a\"/></head>\n<results><result>\n<binding name=\"a\"><iri>http://x/</iri></binding></result></results></sparql>", 4, "expected <uri>, <literal> or <bnode>")]
    [InlineData("<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\"><head><variable name=\"a\"/></head><results><result><binding name=\"a\"><uri>http://x/</uri><uri>http://y/</uri></binding></result></results></sparql>", 1, "expected </binding>")]
    [InlineData("<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\"><head><link href=\"x\"/><variable name=\"a\"/></head><results/></sparql>", 1, "variables come before links")]
    [InlineData("<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\"><head/><results/></sparql><x/>", 1, "malformed XML")]
    [InlineData("<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\"><head/><results/>text</sparql>", 1, "unexpected text")]
    [InlineData("<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\"><head><variable name=\"a\"/></head><results><result><binding name=\"a\"><literal datatype=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#langString\">x</literal></binding></result></results></sparql>", 1, "needs a language tag")]
    public void XmlStructureErrorsNameLineAndColumn(string xml, int line, string problem)
    {
        var e = Fails(xml, SparqlResultFormat.Xml);
        Assert.Equal(line, e.Line);
        Assert.True(e.Column >= 1);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void XmlRefusesDtdsAndExternalEntities()
    {
        string xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE sparql [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n" +
                     "<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\"><head/><boolean>&x;</boolean></sparql>";
        var e = Fails(xml, SparqlResultFormat.Xml);
        Assert.Equal(2, e.Line);
        Assert.Equal(1, e.Column);
        Assert.Contains("DTD", e.Message);
    }

    [Fact]
    public void TsvReadsEveryTermSyntax()
    {
        string tsv = "?a\t?b\n" +
                     "<http://x/\\u00E9>\t'single'\n" +
                     "\"dq \\\"quoted\\\" \"\t\"esc\\t\\n\\\"\\u0041\\U0001F600\"@en-GB\n" +
                     "true\t-1.5e+3\n" +
                     "_:b1\t\r\n";
        SparqlResult r = SparqlResultReader.ReadString(tsv, SparqlResultFormat.Tsv);
        Assert.Equal(4, r.Rows.Count);
        Assert.Equal(Iri.Create("http://x/é"), r.Rows[0][0]);
        Assert.Equal(Literal.Simple("single"), r.Rows[0][1]);
        Assert.Equal(Literal.Simple("dq \"quoted\" "), r.Rows[1][0]);
        Assert.Equal(Literal.LangString("esc\t\n\"A😀", "en-gb"), r.Rows[1][1]);
        Assert.Equal(Literal.Typed("true", Vocabulary.Xsd.Boolean), r.Rows[2][0]);
        Assert.Equal(Literal.Typed("-1.5e+3", Vocabulary.Xsd.Double), r.Rows[2][1]);
        Assert.Equal(new BlankNode("b1"), r.Rows[3][0]);
        Assert.Null(r.Rows[3][1]);
    }

    [Theory]
    [InlineData("?a\n<http://x/\n", 2, 1, "unterminated IRI")]
    [InlineData("?a\n\"abc\n", 2, 1, "unterminated string")]
    [InlineData("?a\n\"\"\"abc\"\"\"\n", 2, 1, "long (triple-quoted) string")]
    [InlineData("?a\n\"a\rb\"\n", 2, 3, "raw carriage return")]
    [InlineData("?a\n'it's'\n", 2, 5, "after the term")]
    [InlineData("?a\tb\n", 1, 4, "not a variable")]
    [InlineData("?a\t?b\n<http://x/>\n", 2, 1, "1 fields for 2 variables")]
    [InlineData("?a\n<http://x/>\t<http://y/>\n", 2, 1, "2 fields for 1 variables")]
    [InlineData("?a\nex:foo\n", 2, 1, "expected an RDF term")]
    [InlineData("?a\n\"x\"^^xsd:int\n", 2, 6, "prefixed names")]
    [InlineData("?a\n\"x\" \n", 2, 4, "after the term")]
    [InlineData("?a\n\"x\\q\"\n", 2, 3, "unknown escape")]
    [InlineData("?a\n1.2.3\n", 2, 1, "not a number")]
    [InlineData("?a\n\"x\"@\n", 2, 5, "language tag")]
    [InlineData("?a\n<rel>\n", 2, 1, "invalid IRI")]
    [InlineData("", 1, 1, "empty document")]
    public void TsvErrorsNameLineAndColumn(string tsv, int line, int column, string problem)
    {
        var e = Fails(tsv, SparqlResultFormat.Tsv);
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void CsvReadsQuotedFieldsAndGuessesTerms()
    {
        string csv = "a,b,c\r\n\"x,\"\"y\"\"\r\nz\",http://example.org/i,_:n1\r\n\"\",,plain\n";
        SparqlResult r = SparqlResultReader.ReadString(csv, SparqlResultFormat.Csv);
        Assert.Equal(2, r.Rows.Count);
        Assert.Equal(Literal.Simple("x,\"y\"\r\nz"), r.Rows[0][0]);
        Assert.Equal(Iri.Create("http://example.org/i"), r.Rows[0][1]);
        Assert.Equal(new BlankNode("n1"), r.Rows[0][2]);
        Assert.Null(r.Rows[1][0]);
        Assert.Null(r.Rows[1][1]);
        Assert.Equal(Literal.Simple("plain"), r.Rows[1][2]);
    }

    [Theory]
    [InlineData("a,b\r\n1\r\n", 2, 1, "1 fields for 2 variables")]
    [InlineData("a\r\n\"open\r\n", 2, 1, "unterminated quoted field")]
    [InlineData("a\r\nx\"y\r\n", 2, 2, "inside an unquoted field")]
    [InlineData("a\r\n\"x\"y\r\n", 2, 4, "after a quoted field")]
    [InlineData("?a\r\n", 1, 1, "not a variable name")]
    public void CsvErrorsNameLineAndColumn(string csv, int line, int column, string problem)
    {
        var e = Fails(csv, SparqlResultFormat.Csv);
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void InvalidUtf8IsAFormatError()
    {
        using var ms = new MemoryStream([(byte)'?', (byte)'a', (byte)'\n', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'\n']);
        var e = Assert.Throws<SparqlResultsSyntaxException>(() => SparqlResultReader.Read(ms, SparqlResultFormat.Tsv));
        Assert.Equal(2, e.Line);
        Assert.Equal(2, e.Column);
    }

    [Fact]
    public void UnsafeBlankNodeLabelsAreReencodedInjectively()
    {
        SparqlResult r = SparqlResultReader.ReadString(
            """{"head":{"vars":["a","b","c"]},"results":{"bindings":[{"a":{"type":"bnode","value":"x y"},"b":{"type":"bnode","value":"x_y"},"c":{"type":"bnode","value":"x y"}}]}}""",
            SparqlResultFormat.Json);
        var a = Assert.IsType<BlankNode>(r.Rows[0][0]);
        var b = Assert.IsType<BlankNode>(r.Rows[0][1]);
        Assert.NotEqual(a, b);
        Assert.Equal(a, r.Rows[0][2]);
        Assert.Equal("x_y", b.Label);
        Assert.All(a.Label, ch => Assert.True(char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-'));
    }
}
