using System.Text.Json.Nodes;
using DihNode.Rdf.Io.JsonLd;

namespace DihNode.Rdf.Tests.Io.JsonLd;

/// <summary>Flattening: one node object per identifier, blank nodes labelled, named graphs gathered.</summary>
public class FlattenJsonLdTests
{
    private const string Input = """
        {"@context": {"@vocab": "http://example.org/"},
         "@id": "http://example.org/hub",
         "member": [{"name": "A", "knows": {"@id": "http://example.org/hub"}}, {"name": "B"}],
         "@graph": [{"@id": "http://example.org/x", "name": "in graph"}]}
        """;

    [Fact]
    public void NestedNodesBecomeTopLevelWithBlankNodeIdentifiers()
    {
        var flattened = JsonLdProcessor.Flatten(JsonNode.Parse(Input)).AsArray();
        var hub = flattened.Single(n => n!["@id"]!.GetValue<string>() == "http://example.org/hub")!;
        var members = hub["http://example.org/member"]!.AsArray().Select(m => m!["@id"]!.GetValue<string>()).ToList();
        Assert.Equal(2, members.Count);
        Assert.All(members, m => Assert.StartsWith("_:", m));
        Assert.All(members, m => Assert.Contains(flattened, n => n!["@id"]!.GetValue<string>() == m));
        Assert.Equal("http://example.org/x", hub["@graph"]![0]!["@id"]!.GetValue<string>());
        Assert.Equal(3, flattened.Count);
    }

    [Fact]
    public void WithAContextEverythingIsUnderGraph()
    {
        var result = JsonLdProcessor.Flatten(JsonNode.Parse(Input), JsonNode.Parse("""{"@context": {"@vocab": "http://example.org/"}}""")).AsObject();
        Assert.Equal("http://example.org/", result["@context"]!["@vocab"]!.GetValue<string>());
        var graph = result["@graph"]!.AsArray();
        Assert.Equal(3, graph.Count);
        Assert.Contains(graph, n => n!["name"]?.GetValue<string>() == "A" && n["knows"]!["@id"]!.GetValue<string>() == "http://example.org/hub");
    }

    [Fact]
    public void OrderedFlatteningSortsByIdentifier()
    {
        var flattened = JsonLdProcessor.Flatten(JsonNode.Parse(Input), options: new JsonLdOptions { Ordered = true }).AsArray();
        var ids = flattened.Select(n => n!["@id"]!.GetValue<string>()).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }
}
