using System.Text;
using DihNode.Rdf.Io;
using DihNode.Rdf.Io.JsonLd;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Tests.Io.JsonLd;

internal sealed class QuadCollector : IQuadSink
{
    public List<Quad> Quads { get; } = [];

    public void Add(in Quad quad) => Quads.Add(quad);
}

internal static class JsonLdTestSupport
{
    public static List<Quad> ParseThroughRdfParser(string json, string? baseIri = "http://example.org/doc", RdfParserOptions? options = null)
    {
        var sink = new QuadCollector();
        RdfParser.Parse(Encoding.UTF8.GetBytes(json), RdfFormat.JsonLd, sink, options ?? new RdfParserOptions { BaseIri = baseIri });
        return sink.Quads;
    }

    public static List<Quad> ToRdf(string json, JsonLdOptions? options = null)
    {
        var sink = new QuadCollector();
        JsonLdProcessor.ToRdf(System.Text.Json.Nodes.JsonNode.Parse(json), sink, options);
        return sink.Quads;
    }

    public static string Expand(string json, JsonLdOptions? options = null) =>
        JsonLdProcessor.Expand(System.Text.Json.Nodes.JsonNode.Parse(json), options).ToJsonString();

    public static JsonLdException ExpandError(string json, JsonLdOptions? options = null) =>
        Assert.Throws<JsonLdException>(() => JsonLdProcessor.Expand(System.Text.Json.Nodes.JsonNode.Parse(json), options));
}
