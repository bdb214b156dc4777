using DihNode.Rdf.Io;
using DihNode.Rdf.Model;

namespace DihNode.Node.Tests.Cli;

/// <summary><c>dihnode convert</c> to and from JSON-LD (.jsonld).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConvertJsonLdTests : IDisposable
{
    private readonly CliTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void ExampleHubsRoundTripThroughJsonLd()
    {
        string hubs = Path.Combine(CliTestHost.SharedRoot(), "tools", "examples", "hubs.ttl");
        string jsonld = _host.PathOf("hubs.jsonld"), nt = _host.PathOf("hubs.nt");
        Assert.Equal(0, _host.Run("convert", hubs, jsonld));
        Assert.Equal(0, _host.Run("convert", jsonld, nt));
        string text = File.ReadAllText(jsonld);
        Assert.StartsWith("{\n  \"@context\": {", text);
        var expected = CliTestHost.ReadQuads(hubs);
        Assert.True(expected.Count > 20);
        string? difference = Isomorphism.DescribeDifference(expected, CliTestHost.ReadQuads(nt));
        Assert.True(difference is null, difference);
    }

    private const string Context = """
        {"@context": {"ex": "http://example.org/", "name": {"@id": "http://example.org/name", "@language": "en"}, "knows": {"@id": "http://example.org/knows", "@type": "@id"}}}
        """;

    private const string Data = """
        @prefix ex: <http://example.org/> .
        ex:a ex:name "Alice"@en ; ex:knows ex:b .
        ex:b ex:name "Bob"@en .
        """;

    [Fact]
    public void ContextFileCompactsTheOutput()
    {
        string input = _host.File("in.ttl", Data), context = _host.File("context.jsonld", Context), output = _host.PathOf("out.jsonld");
        Assert.Equal(0, _host.Run("convert", input, output, "--context", context));
        var document = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(output))!;
        Assert.Equal("http://example.org/", document["@context"]!["ex"]!.GetValue<string>());
        string text = document.ToJsonString();
        Assert.Contains("\"name\":\"Alice\"", text);
        Assert.Contains("\"knows\":\"ex:b\"", text);
        Assert.DoesNotContain("http://example.org/name", text[text.IndexOf("@graph", StringComparison.Ordinal)..]);
        Assert.Null(Isomorphism.DescribeDifference(CliTestHost.ReadQuads(input), CliTestHost.ReadQuads(output)));
    }

    [Fact]
    public void ContextUrlIsWrittenAsTheContextReference()
    {
        string input = _host.File("in.ttl", Data), context = _host.File("context.jsonld", Context), output = _host.PathOf("out.jsonld");
        Assert.Equal(0, _host.Run("convert", input, output, "--context", context, "--context-url", "https://dih.example.org/context.jsonld"));
        var document = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(output))!;
        Assert.Equal("https://dih.example.org/context.jsonld", document["@context"]!.GetValue<string>());
        Assert.Contains("\"name\":\"Alice\"", document.ToJsonString());
    }

    [Fact]
    public void ContextOptionsAreCheckedBeforeConverting()
    {
        string input = _host.File("in.ttl", Data), context = _host.File("context.jsonld", Context);
        Assert.Equal(2, _host.Run("convert", input, _host.PathOf("out.nt"), "--context", context));
        Assert.Contains("JSON-LD output only", _host.Error);
        Assert.Equal(2, _host.Run("convert", input, _host.PathOf("out.jsonld"), "--context-url", "https://dih.example.org/c.jsonld"));
        Assert.Contains("--context-url needs --context", _host.Error);
        Assert.Equal(2, _host.Run("convert", input, _host.PathOf("out.jsonld"), "--context", _host.File("bad.jsonld", "{\"@context\": ")));
        Assert.Contains("is not JSON", _host.Error);
        Assert.Equal(1, _host.Run("convert", input, _host.PathOf("out.jsonld"), "--context", _host.File("wrong.jsonld", """{"@context": {"name": 5}}""")));
        Assert.Contains("dihnode convert:", _host.Error);
        Assert.False(File.Exists(_host.PathOf("out.jsonld")));
    }
}
