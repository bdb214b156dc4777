using System.Text;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Results;

namespace DihNode.Rdf.Tests.Sparql.Results;

public class SparqlResultWriterTests
{
    private static readonly SparqlResultWriterOptions Compact = new() { Indented = false };

    [Fact]
    public void JsonTableIsExact()
    {
        string json = SparqlResultWriter.WriteToString(Samples.Small(), SparqlResultFormat.Json, Compact);
        Assert.Equal(
            "{\"head\":{\"vars\":[\"x\",\"name\",\"age\"]},\"results\":{\"bindings\":[" +
            "{\"x\":{\"type\":\"uri\",\"value\":\"http://example.org/alice\"}," +
            "\"name\":{\"type\":\"literal\",\"value\":\"Alice\",\"xml:lang\":\"en\"}," +
            "\"age\":{\"type\":\"literal\",\"value\":\"42\",\"datatype\":\"http://www.w3.org/2001/XMLSchema#integer\"}}," +
            "{\"x\":{\"type\":\"bnode\",\"value\":\"b0\"}," +
            "\"name\":{\"type\":\"literal\",\"value\":\"say \\\"hi\\\",\\tthen\\nleave\"}}]}}",
            json);
    }

    [Fact]
    public void JsonBooleanIsExact()
    {
        Assert.Equal("{\"head\":{},\"boolean\":true}",
            SparqlResultWriter.WriteToString(SparqlResult.FromBoolean(true), SparqlResultFormat.Json, Compact));
    }

    [Fact]
    public void JsonLinksGoInHead()
    {
        var options = new SparqlResultWriterOptions { Indented = false, Links = ["http://example.org/meta"] };
        string json = SparqlResultWriter.WriteToString(SparqlResult.FromTable(["a"], []), SparqlResultFormat.Json, options);
        Assert.Equal("{\"head\":{\"vars\":[\"a\"],\"link\":[\"http://example.org/meta\"]},\"results\":{\"bindings\":[]}}", json);
    }

    [Fact]
    public void XmlTableIsExact()
    {
        string xml = SparqlResultWriter.WriteToString(Samples.Small(), SparqlResultFormat.Xml);
        Assert.Equal(
            """
            <?xml version="1.0"?>
            <sparql xmlns="http://www.w3.org/2005/sparql-results#">
              <head>
                <variable name="x"/>
                <variable name="name"/>
                <variable name="age"/>
              </head>
              <results>
                <result>
                  <binding name="x"><uri>http://example.org/alice</uri></binding>
                  <binding name="name"><literal xml:lang="en">Alice</literal></binding>
                  <binding name="age"><literal datatype="http://www.w3.org/2001/XMLSchema#integer">42</literal></binding>
                </result>
                <result>
                  <binding name="x"><bnode>b0</bnode></binding>
                  <binding name="name"><literal>say "hi",	then
            leave</literal></binding>
                </result>
              </results>
            </sparql>

            """.Replace("\r\n", "\n"),
            xml);
    }

    [Fact]
    public void XmlBooleanWithLinkIsExact()
    {
        var options = new SparqlResultWriterOptions { Links = ["http://example.org/m?a=1&b=\"2\""] };
        Assert.Equal(
            "<?xml version=\"1.0\"?>\n<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n  <head>\n" +
            "    <link href=\"http://example.org/m?a=1&amp;b=&quot;2&quot;\"/>\n  </head>\n  <boolean>false</boolean>\n</sparql>\n",
            SparqlResultWriter.WriteToString(SparqlResult.FromBoolean(false), SparqlResultFormat.Xml, options));
    }

    [Fact]
    public void XmlEscapesMarkupAndCarriageReturns()
    {
        var r = SparqlResult.FromTable(["v"], [[Literal.Simple("a<b & c]]>d\r\ne")]]);
        string xml = SparqlResultWriter.WriteToString(r, SparqlResultFormat.Xml, Compact);
        Assert.Contains("<literal>a&lt;b &amp; c]]&gt;d&#xD;\ne</literal>", xml);
    }

    [Fact]
    public void XmlRefusesCharactersXmlCannotHold()
    {
        var r = SparqlResult.FromTable(["v"], [[Literal.Simple("bell\u0007")]]);
        var e = Assert.Throws<ArgumentException>(() => SparqlResultWriter.WriteToString(r, SparqlResultFormat.Xml));
        Assert.Contains("U+0007", e.Message);
    }

    [Fact]
    public void CsvIsExactWithCrlfAndQuoting()
    {
        Assert.Equal(
            "x,name,age\r\nhttp://example.org/alice,Alice,42\r\n_:b0,\"say \"\"hi\"\",\tthen\nleave\",\r\n",
            SparqlResultWriter.WriteToString(Samples.Small(), SparqlResultFormat.Csv));
    }

    [Fact]
    public void CsvWritesEmptyStringAndUnboundAlike()
    {
        var r = SparqlResult.FromTable(["a", "b", "c"], [[Literal.Simple(""), null, Literal.Simple(" ")]]);
        Assert.Equal("a,b,c\r\n,, \r\n", SparqlResultWriter.WriteToString(r, SparqlResultFormat.Csv));
    }

    [Fact]
    public void TsvIsExact()
    {
        Assert.Equal(
            "?x\t?name\t?age\n<http://example.org/alice>\t\"Alice\"@en\t42\n_:b0\t\"say \\\"hi\\\",\\tthen\\nleave\"\t\n",
            SparqlResultWriter.WriteToString(Samples.Small(), SparqlResultFormat.Tsv));
    }

    [Theory]
    [InlineData("42", "integer", "42")]
    [InlineData("-0", "integer", "-0")]
    [InlineData("abc", "integer", "\"abc\"^^<http://www.w3.org/2001/XMLSchema#integer>")]
    [InlineData("1.5", "decimal", "1.5")]
    [InlineData("1.", "decimal", "\"1.\"^^<http://www.w3.org/2001/XMLSchema#decimal>")]
    [InlineData("15", "decimal", "\"15\"^^<http://www.w3.org/2001/XMLSchema#decimal>")]
    [InlineData("1.0e6", "double", "1.0e6")]
    [InlineData(".5E-3", "double", ".5E-3")]
    [InlineData("1.5", "double", "\"1.5\"^^<http://www.w3.org/2001/XMLSchema#double>")]
    [InlineData("INF", "double", "\"INF\"^^<http://www.w3.org/2001/XMLSchema#double>")]
    [InlineData("true", "boolean", "\"true\"^^<http://www.w3.org/2001/XMLSchema#boolean>")]
    public void TsvAbbreviatesOnlyTurtleNumbers(string lexical, string xsdType, string expected)
    {
        var r = SparqlResult.FromTable(["v"], [[Literal.Typed(lexical, Iri.Create(Vocabulary.Xsd.Namespace + xsdType))]]);
        Assert.Equal("?v\n" + expected + "\n", SparqlResultWriter.WriteToString(r, SparqlResultFormat.Tsv));
    }

    [Theory]
    [InlineData(SparqlResultFormat.Csv)]
    [InlineData(SparqlResultFormat.Tsv)]
    public void CsvAndTsvHaveNoBooleanForm(SparqlResultFormat format)
    {
        using var ms = new MemoryStream();
        using ISolutionWriter writer = SparqlResultWriter.Create(ms, format);
        Assert.Throws<NotSupportedException>(() => writer.WriteBoolean(true));
    }

    [Fact]
    public void WriterChecksCallOrderAndRowWidth()
    {
        using var ms = new MemoryStream();
        using ISolutionWriter writer = SparqlResultWriter.Create(ms, SparqlResultFormat.Json);
        Assert.Throws<InvalidOperationException>(() => writer.WriteRow(new Term?[0]));
        Assert.Throws<ArgumentException>(() => writer.Begin(["a", "a"]));
        Assert.Throws<ArgumentException>(() => writer.Begin(["not a name"]));
        writer.Begin(["a"]);
        Assert.Throws<ArgumentException>(() => writer.WriteRow(new Term?[2]));
        Assert.Throws<InvalidOperationException>(() => writer.WriteBoolean(true));
        writer.End();
        Assert.Throws<InvalidOperationException>(() => writer.End());
    }

    [Theory]
    [InlineData(SparqlResultFormat.Json)]
    [InlineData(SparqlResultFormat.Xml)]
    [InlineData(SparqlResultFormat.Csv)]
    [InlineData(SparqlResultFormat.Tsv)]
    public void RowsReachTheStreamBeforeEnd(SparqlResultFormat format)
    {
        using var ms = new MemoryStream();
        using ISolutionWriter writer = SparqlResultWriter.Create(ms, format);
        writer.Begin(["s", "o"]);
        Term?[] row = [Samples.Alice, Literal.Simple(new string('x', 200))];
        for (int i = 0; i < 2000; i++) writer.WriteRow(row);
        long before = ms.Length;
        Assert.True(before > 100_000, $"only {before} bytes written before End");
        writer.End();
        Assert.True(ms.Length > before);
        string text = Encoding.UTF8.GetString(ms.ToArray());
        Assert.Equal(2000, SparqlResultReader.ReadString(text, format).Rows.Count);
    }

    [Fact]
    public void OutputIsUtf8WithoutBom()
    {
        foreach (SparqlResultFormat format in Enum.GetValues<SparqlResultFormat>())
        {
            using var ms = new MemoryStream();
            SparqlResultWriter.Write(ms, format, SparqlResult.FromTable(["v"], [[Literal.Simple("é")]]));
            byte[] bytes = ms.ToArray();
            Assert.NotEqual(0xEF, bytes[0]);
            Assert.True(bytes.AsSpan().IndexOf("\u00e9"u8) >= 0, format.ToString());
        }
    }
}
