using System.Text.Json.Nodes;
using DihNode.Conformance.JsonLd;

namespace DihNode.Conformance.Tests;

/// <summary>JSON-LD object comparison: unordered arrays, ordered lists, one-to-one blank node labels.</summary>
public class JsonLdComparisonTests
{
    private static bool Same(string expected, string actual) => JsonLdComparison.AreEqual(JsonNode.Parse(expected), JsonNode.Parse(actual));

    [Fact]
    public void ArraysAreUnorderedButListsAreNot()
    {
        Assert.True(Same("""[{"@id": "a"}, {"@id": "b"}]""", """[{"@id": "b"}, {"@id": "a"}]"""));
        Assert.False(Same("""{"@list": [1, 2]}""", """{"@list": [2, 1]}"""));
        Assert.True(Same("""{"@list": [1, 2]}""", """{"@list": [1, 2]}"""));
        Assert.False(Same("""[1, 1, 2]""", """[1, 2, 2]"""));
    }

    [Fact]
    public void BlankNodeLabelsMatchOneToOne()
    {
        Assert.True(Same("""[{"@id": "_:a", "p": {"@id": "_:b"}}]""", """[{"@id": "_:x", "p": {"@id": "_:y"}}]"""));
        Assert.False(Same("""[{"@id": "_:a", "p": {"@id": "_:b"}}]""", """[{"@id": "_:x", "p": {"@id": "_:x"}}]"""));
        Assert.False(Same("""[{"@id": "_:a", "p": {"@id": "_:a"}}]""", """[{"@id": "_:x", "p": {"@id": "_:y"}}]"""));
        Assert.False(Same("""{"@id": "_:a"}""", """{"@id": "http://example.org/a"}"""));
    }

    [Fact]
    public void NumbersByValueLanguageWithoutCase()
    {
        Assert.True(Same("""{"@value": 1.0}""", """{"@value": 1}"""));
        Assert.False(Same("""{"@value": 1}""", """{"@value": "1"}"""));
        Assert.True(Same("""{"@value": "x", "@language": "en-US"}""", """{"@value": "x", "@language": "en-us"}"""));
        Assert.False(Same("""{"@value": "X"}""", """{"@value": "x"}"""));
        Assert.False(Same("""{"a": 1}""", """{"a": 1, "b": 2}"""));
    }
}
