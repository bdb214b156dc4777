using System.Text.Json.Nodes;
using DihNode.Rdf.Io.JsonLd;
using DihNode.Rdf.Io.JsonLd.Compaction;

namespace DihNode.Rdf.Tests.Io.JsonLd;

/// <summary>Compaction: terms chosen by value, containers, relative IRIs and the errors it can raise.</summary>
public class CompactJsonLdTests
{
    private static JsonObject Compact(string input, string context, JsonLdOptions? options = null) =>
        JsonLdProcessor.Compact(JsonNode.Parse(input), JsonNode.Parse(context), options ?? new JsonLdOptions { Base = "http://example.org/doc" });

    [Fact]
    public void TermIsChosenByTheValuesLanguageAndType()
    {
        var result = Compact("""
            {"@id": "http://example.org/s",
             "http://example.org/label": [{"@value": "Hallo", "@language": "de"}, {"@value": "Hello", "@language": "en"}, {"@value": "plain"}],
             "http://example.org/when": {"@value": "2024-01-01", "@type": "http://www.w3.org/2001/XMLSchema#date"}}
            """, """
            {"labelDe": {"@id": "http://example.org/label", "@language": "de"},
             "label": "http://example.org/label",
             "when": {"@id": "http://example.org/when", "@type": "http://www.w3.org/2001/XMLSchema#date"}}
            """);
        Assert.Equal("Hallo", result["labelDe"]!.GetValue<string>());
        var plain = result["label"]!.AsArray();
        Assert.Contains(plain, v => v is JsonObject o && o["@language"]?.GetValue<string>() == "en");
        Assert.Contains(plain, v => v is JsonValue s && s.GetValue<string>() == "plain");
        Assert.Equal("2024-01-01", result["when"]!.GetValue<string>());
        Assert.Equal("s", result["@id"]!.GetValue<string>());
    }

    [Fact]
    public void LanguageAndIdMapsAndCompactIris()
    {
        var result = Compact("""
            {"@id": "http://example.org/s",
             "http://example.org/name": [{"@value": "Hub", "@language": "en"}, {"@value": "Knoten", "@language": "de"}],
             "http://example.org/part": [{"@id": "http://example.org/p1", "http://example.org/size": [{"@value": 3}]}]}
            """, """
            {"ex": "http://example.org/",
             "name": {"@id": "ex:name", "@container": "@language"},
             "part": {"@id": "ex:part", "@container": "@id"}}
            """, new JsonLdOptions());
        Assert.Equal("Knoten", result["name"]!["de"]!.GetValue<string>());
        Assert.Equal(3, result["part"]!["ex:p1"]!["ex:size"]!.GetValue<int>());
        Assert.Equal("ex:s", result["@id"]!.GetValue<string>());
    }

    [Fact]
    public void CompactArraysOffKeepsArrays()
    {
        var result = Compact("""{"http://example.org/p": [{"@value": "x"}]}""", """{"p": "http://example.org/p"}""",
            new JsonLdOptions { CompactArrays = false });
        Assert.Single(result["@graph"]!.AsArray());
        Assert.Equal("x", result["@graph"]![0]!["p"]![0]!.GetValue<string>());
    }

    [Fact]
    public void IriThatWouldReadAsCompactIriIsAnError()
    {
        var e = Assert.Throws<JsonLdException>(() => Compact("""{"@id": "ex:thing", "http://example.org/p": "v"}""",
            """{"ex": {"@id": "http://example.org/", "@prefix": true}}""", new JsonLdOptions()));
        Assert.Equal(JsonLdErrorCode.IriConfusedWithPrefix, e.Code);
    }

    [Theory]
    [InlineData("http://a/b/c/d;p?q", "http://a/b/c/g", "g")]
    [InlineData("http://a/b/c/d;p?q", "http://a/b/g", "../g")]
    [InlineData("http://a/b/c/d;p?q", "http://a/g", "../../g")]
    [InlineData("http://a/b/c/d;p?q", "http://a/b/c/", "./")]
    [InlineData("http://a/b/c/d;p?q", "http://a/b/c/d;p?y", "?y")]
    [InlineData("http://a/b/c/d;p?q", "http://a/b/c/d;p?q#s", "#s")]
    [InlineData("http://a/b/c/d", "http://a/b/c/d", "d")]
    [InlineData("http://a/b/c/d", "http://other/b/c/d", "http://other/b/c/d")]
    [InlineData("http://a/b/", "http://a/b/x:y", "./x:y")]
    public void RelativeIrisResolveBack(string baseIri, string iri, string expected)
    {
        string relative = RelativeIris.Relativize(baseIri, iri);
        Assert.Equal(expected, relative);
        Assert.Equal(iri, DihNode.Rdf.Io.IriResolver.Resolve(baseIri, relative));
    }
}
