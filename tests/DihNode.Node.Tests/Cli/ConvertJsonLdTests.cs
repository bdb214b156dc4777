using DihNode.Rdf.Io;
using DihNode.Rdf.Model;

namespace DihNode.Node.Tests.Cli;

/// <summary><c>dihnode convert</c> to and from JSON-LD (.jsonld).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConvertJsonLdTests : IDisposable
{
    private readonly CliTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private sealed class Collect : IQuadSink
    {
        public readonly List<Quad> Quads = [];
        public void Add(in Quad quad) => Quads.Add(quad);
    }

    private static List<Quad> Read(string path)
    {
        var sink = new Collect();
        using var input = File.OpenRead(path);
        RdfParser.Parse(input, RdfFormats.FromFileName(path)!.Value, sink, new RdfParserOptions { BaseIri = "http://example.org/base/" });
        return sink.Quads;
    }

    [Fact]
    public void ExampleHubsRoundTripThroughJsonLd()
    {
        string hubs = Path.Combine(CliTestHost.SharedRoot(), "tools", "examples", "hubs.ttl");
        string jsonld = _host.PathOf("hubs.jsonld"), nt = _host.PathOf("hubs.nt");
        Assert.Equal(0, _host.Run("convert", hubs, jsonld));
        Assert.Equal(0, _host.Run("convert", jsonld, nt));
        string text = File.ReadAllText(jsonld);
        Assert.StartsWith("{\n  \"@context\": {", text);
        var expected = Read(hubs);
        Assert.True(expected.Count > 20);
        string? difference = Isomorphism.DescribeDifference(expected, Read(nt));
        Assert.True(difference is null, difference);
    }
}
