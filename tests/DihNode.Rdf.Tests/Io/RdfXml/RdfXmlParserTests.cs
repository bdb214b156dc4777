using System.Text;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Tests.Io.Parsing;
using static DihNode.Rdf.Tests.Io.Parsing.ParseSupport;

namespace DihNode.Rdf.Tests.Io.RdfXml;

/// <summary>The RDF/XML parser on the constructs of RDF 1.1 XML Syntax §2 and on hostile input.</summary>
public class RdfXmlParserTests
{
    private const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

    private static string Doc(string body, string extraNamespaces = "") =>
        $"<?xml version=\"1.0\"?>\n<rdf:RDF xmlns:rdf=\"{Rdf}\" xmlns:ex=\"{Ex}\"{extraNamespaces}>\n{body}\n</rdf:RDF>\n";

    private static List<string> Lines(string xml, string? baseIri = "http://example.org/doc") =>
        Relabel(Parse(xml, RdfFormat.RdfXml, new RdfParserOptions { BaseIri = baseIri }));

    [Fact]
    public void ReadsDescriptionsTypedNodesAndPropertyForms()
    {
        var lines = Lines(Doc("""
            <ex:Hub rdf:about="hub1" ex:name="Hub One" xml:lang="en">
              <ex:country rdf:resource="#be"/>
              <ex:size rdf:datatype="http://www.w3.org/2001/XMLSchema#integer">12</ex:size>
              <ex:label xml:lang="FR">Un</ex:label>
              <ex:note>plain &amp; &lt;simple&gt;</ex:note>
              <ex:partner><rdf:Description rdf:about="http://other.example/p"/></ex:partner>
              <ex:address rdf:nodeID="a1"/>
            </ex:Hub>
            <rdf:Description rdf:nodeID="a1" ex:city="Gent"/>
            """));
        Assert.Equal(
        [
            "<http://example.org/hub1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/Hub>",
            "<http://example.org/hub1> <http://example.org/name> \"Hub One\"@en",
            "<http://example.org/hub1> <http://example.org/country> <http://example.org/doc#be>",
            "<http://example.org/hub1> <http://example.org/size> \"12\"^^<http://www.w3.org/2001/XMLSchema#integer>",
            "<http://example.org/hub1> <http://example.org/label> \"Un\"@fr",
            "<http://example.org/hub1> <http://example.org/note> \"plain & <simple>\"@en",
            "<http://example.org/hub1> <http://example.org/partner> <http://other.example/p>",
            "<http://example.org/hub1> <http://example.org/address> _:0",
            "_:0 <http://example.org/city> \"Gent\"",
        ], lines);
    }

    [Fact]
    public void NumbersListItemsPerSubjectAndReadsCollectionsAndResources()
    {
        var lines = Lines(Doc("""
            <rdf:Seq rdf:about="seq"><rdf:li>a</rdf:li><rdf:li rdf:resource="b"/><rdf:_7>c</rdf:_7><rdf:li>d</rdf:li></rdf:Seq>
            <rdf:Description rdf:about="s">
              <ex:list rdf:parseType="Collection"><rdf:Description rdf:about="x"/><ex:T/></ex:list>
              <ex:none rdf:parseType="Collection"/>
              <ex:res rdf:parseType="Resource"><ex:q>v</ex:q></ex:res>
              <ex:empty/>
              <ex:blank ex:k="1"/>
            </rdf:Description>
            """));
        Assert.Equal(
        [
            "<http://example.org/seq> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/1999/02/22-rdf-syntax-ns#Seq>",
            "<http://example.org/seq> <http://www.w3.org/1999/02/22-rdf-syntax-ns#_1> \"a\"",
            "<http://example.org/seq> <http://www.w3.org/1999/02/22-rdf-syntax-ns#_2> <http://example.org/b>",
            "<http://example.org/seq> <http://www.w3.org/1999/02/22-rdf-syntax-ns#_7> \"c\"",
            "<http://example.org/seq> <http://www.w3.org/1999/02/22-rdf-syntax-ns#_3> \"d\"",
            "_:0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/T>",
            "_:1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> <http://example.org/x>",
            "_:1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> _:2",
            "_:2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> _:0",
            "_:2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil>",
            "<http://example.org/s> <http://example.org/list> _:1",
            "<http://example.org/s> <http://example.org/none> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil>",
            "<http://example.org/s> <http://example.org/res> _:3",
            "_:3 <http://example.org/q> \"v\"",
            "<http://example.org/s> <http://example.org/empty> \"\"",
            "_:4 <http://example.org/k> \"1\"",
            "<http://example.org/s> <http://example.org/blank> _:4",
        ], lines);
    }

    [Fact]
    public void ReifiesPropertyElementsWithRdfId()
    {
        var lines = Lines(Doc("""<rdf:Description rdf:about="s"><ex:p rdf:ID="st1">o</ex:p></rdf:Description>"""));
        Assert.Equal(5, lines.Count);
        Assert.Contains("<http://example.org/doc#st1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement>", lines);
        Assert.Contains("<http://example.org/doc#st1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> \"o\"", lines);
        Assert.Contains("<http://example.org/doc#st1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> <http://example.org/p>", lines);
    }

    [Fact]
    public void XmlBaseAppliesToTheElementAndItsContent()
    {
        var lines = Lines(Doc("""
            <rdf:Description rdf:ID="a" xml:base="http://base.example/dir/file#frag">
              <ex:p rdf:resource="../up"/>
              <ex:q xml:base="sub/" rdf:resource=""/>
            </rdf:Description>
            <rdf:Description rdf:about=""/>
            """), baseIri: "http://example.org/doc#x");
        Assert.Equal(
        [
            "<http://base.example/dir/file#a> <http://example.org/p> <http://base.example/up>",
            "<http://base.example/dir/file#a> <http://example.org/q> <http://base.example/dir/sub/>",
        ], lines);
    }

    [Fact]
    public void CanonicalisesXmlLiterals()
    {
        var quads = Parse(Doc("""
            <rdf:Description rdf:about="s" xmlns:h="http://www.w3.org/1999/xhtml" xml:lang="en">
              <ex:p rdf:parseType="Literal"><h:p b="2" a="1&#xD;&#9;">x &amp; &gt;<br/><!--c--></h:p><q xmlns="urn:q" xmlns:unused="urn:u"><r/></q></ex:p>
            </rdf:Description>
            """), RdfFormat.RdfXml, new RdfParserOptions { BaseIri = "http://example.org/" });
        var literal = Assert.IsType<Literal>(Assert.Single(quads).Object);
        Assert.Equal(Rdf + "XMLLiteral", literal.Datatype.Value);
        Assert.Null(literal.Language);
        // Unused and inherited declarations (ex:, rdf:, unused:) and the enclosing xml:lang stay out;
        // attributes are sorted, empty elements get end tags, CR and TAB in attributes become references.
        Assert.Equal(
            "<h:p xmlns:h=\"http://www.w3.org/1999/xhtml\" a=\"1&#xD;&#x9;\" b=\"2\">x &amp; &gt;<br></br><!--c--></h:p>"
            + "<q xmlns=\"urn:q\"><r></r></q>",
            literal.LexicalForm);
    }

    [Fact]
    public void XmlLiteralUndoesAnInheritedDefaultNamespaceOnlyWhereNeeded()
    {
        var quads = Parse(Doc("""<rdf:Description rdf:about="s"><ex:p rdf:parseType="Literal"><a xmlns="urn:a"><b xmlns=""/></a><c/></ex:p></rdf:Description>"""),
            RdfFormat.RdfXml, new RdfParserOptions { BaseIri = "http://example.org/" });
        Assert.Equal("<a xmlns=\"urn:a\"><b xmlns=\"\"></b></a><c></c>", ((Literal)quads[0].Object).LexicalForm);
    }

    [Fact]
    public void ReadsASingleNodeElementWithoutRdfRdf()
    {
        var lines = Lines($"<ex:Thing xmlns:ex=\"{Ex}\" xmlns:rdf=\"{Rdf}\" rdf:about=\"t\"/>");
        Assert.Equal(["<http://example.org/t> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/Thing>"], lines);
    }

    [Fact]
    public void ReadsInputCutIntoTinyPieces()
    {
        string xml = Doc(string.Concat(Enumerable.Range(0, 200).Select(i => $"<ex:T rdf:about=\"n{i}\" ex:v=\"é{i}😀\"><ex:p>t{i}</ex:p></ex:T>\n")));
        var whole = ParseBytes(Encoding.UTF8.GetBytes(xml), RdfFormat.RdfXml, new RdfParserOptions { BaseIri = Ex });
        var trickled = ParseBytes(Encoding.UTF8.GetBytes(xml), RdfFormat.RdfXml, new RdfParserOptions { BaseIri = Ex }, trickle: true);
        Assert.Equal(600, whole.Count);
        Assert.Equal(whole, trickled);
    }

    [Theory]
    [InlineData("<rdf:Description rdf:about=\"a\" rdf:ID=\"b\"/>", 3, 2, "at most one of rdf:ID, rdf:about and rdf:nodeID")]
    [InlineData("<rdf:Description>\n  <ex:p rdf:resource=\"x\">text</ex:p></rdf:Description>", 4, 32, "must be empty")]
    [InlineData("<rdf:Description>\n  <rdf:li>x</rdf:li><ex:p>a<ex:Q/></ex:p></rdf:Description>", 4, 29, "either one node element or text")]
    [InlineData("<rdf:Description ex:p=\"1\">stray text</rdf:Description>", 3, 27, "text \"stray text\" is not allowed")]
    [InlineData("<rdf:Description rdf:aboutEach=\"x\"/>", 3, 18, "rdf:aboutEach was withdrawn")]
    [InlineData("<rdf:li/>", 3, 2, "rdf:li cannot be used as a node element")]
    [InlineData("<rdf:Description rdf:nodeID=\"1x\"/>", 3, 2, "rdf:nodeID \"1x\" is not an XML NCName")]
    [InlineData("<rdf:Description rdf:ID=\"x\"/><rdf:Description rdf:ID=\"x\"/>", 3, 31, "used twice")]
    [InlineData("<rdf:Description about2=\"x\"/>", 3, 18, "has no namespace")]
    [InlineData("<rdf:Description><ex:p>x</ex:q></rdf:Description>", 3, 27, "XML:")]
    [InlineData("<rdf:Description><ex:p rdf:datatype=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#langString\">x</ex:p></rdf:Description>", 3, 96, "rdf:langString")]
    public void ErrorsNameLineAndColumn(string body, long line, long column, string message)
    {
        var e = Error(Doc(body), RdfFormat.RdfXml, new RdfParserOptions { BaseIri = Ex, SourceName = "t.rdf" });
        Assert.Contains(message, e.Message);
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.StartsWith($"t.rdf: line {line}, column {column}: ", e.Message);
    }

    [Fact]
    public void RelativeIriWithoutBaseIsAnError()
    {
        var e = Error(Doc("<rdf:Description rdf:about=\"rel\"/>"), RdfFormat.RdfXml);
        Assert.Contains("no base IRI", e.Message);
    }

    [Fact]
    public void RefusesExternalEntities()
    {
        const string xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE rdf:RDF [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
              <rdf:Description rdf:about="http://example.org/s"><ex:p>&xxe;</ex:p></rdf:Description>
            </rdf:RDF>
            """;
        var e = Error(xxe, RdfFormat.RdfXml);
        Assert.Contains("DOCTYPE declarations are not allowed", e.Message);
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void RefusesEntityExpansionBombs()
    {
        var sb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++)
            sb.Append($" <!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? "" : (i - 1).ToString())};", 10))}\">\n");
        sb.Append("]>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description ex:p=\"&lol9;\" xmlns:ex=\"http://example.org/\"/></rdf:RDF>");
        var e = Error(sb.ToString(), RdfFormat.RdfXml);
        Assert.Contains("DOCTYPE", e.Message);
    }

    [Fact]
    public void UndeclaredEntityIsAnError()
    {
        var e = Error(Doc("<rdf:Description rdf:about=\"s\"><ex:p>&nbsp;</ex:p></rdf:Description>"), RdfFormat.RdfXml, new RdfParserOptions { BaseIri = Ex });
        Assert.Equal(3, e.Line);
        Assert.Contains("nbsp", e.Message);
    }

    [Fact]
    public void DeepNestingFailsCleanly()
    {
        const int levels = 100_000;
        var sb = new StringBuilder($"<rdf:RDF xmlns:rdf=\"{Rdf}\" xmlns:ex=\"{Ex}\">");
        for (int i = 0; i < levels; i++) sb.Append("<rdf:Description><ex:p>");
        for (int i = 0; i < levels; i++) sb.Append("</ex:p></rdf:Description>");
        sb.Append("</rdf:RDF>");
        var e = Error(sb.ToString(), RdfFormat.RdfXml);
        Assert.Contains("nested more than", e.Message);

        var literal = new StringBuilder($"<rdf:RDF xmlns:rdf=\"{Rdf}\" xmlns:ex=\"{Ex}\"><rdf:Description><ex:p rdf:parseType=\"Literal\">");
        for (int i = 0; i < levels; i++) literal.Append("<a>");
        e = Error(literal.ToString(), RdfFormat.RdfXml);
        Assert.Contains("nested more than", e.Message);
    }

    [Fact]
    public void NestingLimitFollowsTheOption()
    {
        string Nested(int depth)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < depth; i++) sb.Append("<rdf:Description><ex:p>");
            sb.Append("x");
            for (int i = 0; i < depth; i++) sb.Append("</ex:p></rdf:Description>");
            return Doc(sb.ToString());
        }
        var options = new RdfParserOptions { MaxNestingDepth = 10 };
        Assert.Equal(10, Parse(Nested(10), RdfFormat.RdfXml, options).Count);
        Error(Nested(11), RdfFormat.RdfXml, options);
    }
}
