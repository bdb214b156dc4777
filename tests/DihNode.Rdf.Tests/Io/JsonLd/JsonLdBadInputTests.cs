using System.Text;
using System.Text.Json.Nodes;
using DihNode.Rdf.Io;
using DihNode.Rdf.Io.JsonLd;
using DihNode.Rdf.Model;
using static DihNode.Rdf.Tests.Io.JsonLd.JsonLdTestSupport;

namespace DihNode.Rdf.Tests.Io.JsonLd;

public class JsonLdBadInputTests
{
    [Fact]
    public void Malformed_json_names_line_and_column()
    {
        var e = Assert.Throws<RdfSyntaxException>(() => ParseThroughRdfParser("{\n  \"@id\": \"http://e/s\",\n  \"http://e/p\": tru\n}"));
        Assert.Equal(3, e.Line);
        Assert.True(e.Column > 1, e.Message);
        Assert.StartsWith("malformed JSON", e.Problem);
    }

    [Fact]
    public void Trailing_content_after_the_document_is_an_error()
    {
        var e = Assert.Throws<RdfSyntaxException>(() => ParseThroughRdfParser("{\"@id\": \"http://e/s\"}\n  ]"));
        Assert.Equal(2, e.Line);
        Assert.Equal(3, e.Column);
    }

    [Fact]
    public void JsonLd_errors_name_where_the_offending_value_starts()
    {
        var e = Assert.Throws<RdfSyntaxException>(() => ParseThroughRdfParser("""
            {
              "@id": "http://e/s",
              "http://e/p": {
                "@id": 42
              }
            }
            """));
        Assert.Contains("invalid @id value", e.Problem);
        Assert.Equal(3, e.Line);
        Assert.Equal(17, e.Column);
    }

    [Fact]
    public void Deep_nesting_fails_cleanly_when_reading()
    {
        const int depth = 100_000;
        string json = new string('[', depth) + new string(']', depth);
        var e = Assert.Throws<RdfSyntaxException>(() => ParseThroughRdfParser(json));
        Assert.Equal(1, e.Line);
        Assert.Contains("depth", e.Problem, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Documents_named_by_url_need_a_loader()
    {
        var e = Assert.Throws<JsonLdException>(() => JsonLdProcessor.Expand("https://example.org/doc.jsonld", new JsonLdOptions()));
        Assert.Equal(JsonLdErrorCode.LoadingDocumentFailed, e.Code);
    }

    [Fact]
    public void Expansion_recursion_is_bounded_for_trees_built_in_memory()
    {
        JsonNode node = new JsonObject { ["@id"] = "http://e/leaf" };
        for (int i = 0; i < 20_000; i++) node = new JsonObject { ["http://e/p"] = node };
        var e = Assert.Throws<JsonLdException>(() => JsonLdProcessor.Expand(node, new JsonLdOptions { MaxNestingDepth = 1000 }));
        Assert.Contains("deeper than 1000", e.Message);
    }

    [Fact]
    public void Huge_strings_are_read_as_literals()
    {
        string big = new('x', 20_000_000);
        var quads = ParseThroughRdfParser("{\"@id\": \"http://e/s\", \"http://e/p\": \"" + big + "\"}");
        Assert.Equal(big.Length, Assert.IsType<Literal>(Assert.Single(quads).Object).LexicalForm.Length);
    }

    [Fact]
    public void Unterminated_huge_string_is_an_error()
    {
        string json = "{\"@id\": \"http://e/s\", \"http://e/p\": \"" + new string('x', 5_000_000);
        var e = Assert.Throws<RdfSyntaxException>(() => ParseThroughRdfParser(json));
        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void RdfParser_reads_json_ld_with_fresh_blank_nodes()
    {
        const string json = """{"@context": {"@vocab": "http://schema.org/"}, "@graph": [{"name": "a"}, {"@id": "_:x", "name": "b"}]}""";
        var first = ParseThroughRdfParser(json);
        var second = ParseThroughRdfParser(json);
        Assert.Equal(2, first.Count);
        Assert.Empty(first.Select(q => q.Subject).Intersect(second.Select(q => q.Subject)));
    }

    [Fact]
    public void RdfParser_reads_named_graphs()
    {
        var quads = ParseThroughRdfParser("""{"@id": "http://e/g", "@graph": {"@id": "http://e/s", "http://e/p": {"@id": "http://e/o"}}}""");
        var quad = Assert.Single(quads);
        Assert.Equal("http://e/g", Assert.IsType<Iri>(quad.Graph).Value);
    }

    [Fact]
    public void Invalid_keyword_values_are_errors_with_codes()
    {
        var e = Assert.Throws<RdfSyntaxException>(() => ParseThroughRdfParser("""{"@context": {"@vocab": 5}}"""));
        Assert.Contains("invalid vocab mapping", e.Problem);
        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void Bom_is_accepted()
    {
        var sink = new QuadCollector();
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("""{"@id": "http://e/s", "http://e/p": 1}""")];
        RdfParser.Parse(bytes, RdfFormat.JsonLd, sink);
        Assert.Single(sink.Quads);
    }
}
