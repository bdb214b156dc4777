using System.Text.Json.Nodes;
using DihNode.Rdf.Io.JsonLd;
using DihNode.Rdf.Model;
using static DihNode.Rdf.Tests.Io.WriteTestHelper;

namespace DihNode.Rdf.Tests.Io.JsonLd;

/// <summary>Serialize RDF as JSON-LD (fromRdf): lists, native types, rdf:JSON, base direction, graphs.</summary>
public class FromRdfJsonLdTests
{
    private static readonly Iri RdfJson = Iri.FromTrusted("http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON");

    private static JsonObject Node(JsonArray doc, string id) => doc.Single(n => n!["@id"]!.GetValue<string>() == id)!.AsObject();

    [Fact]
    public void WellFormedListBecomesListObjectAndItsNodesDisappear()
    {
        var quads = new List<Quad>
        {
            T(I("s"), "p", B("l1")),
            T(B("l1"), Vocabulary.Rdf.First.Value, Literal.Simple("a")),
            T(B("l1"), Vocabulary.Rdf.Rest.Value, B("l2")),
            T(B("l2"), Vocabulary.Rdf.First.Value, I("o")),
            T(B("l2"), Vocabulary.Rdf.Rest.Value, Vocabulary.Rdf.Nil),
        };
        var doc = JsonLdProcessor.FromRdf(quads, new JsonLdOptions { Ordered = true });
        var only = Assert.Single(doc)!.AsObject();
        var list = only[Ex + "p"]![0]!["@list"]!.AsArray();
        Assert.Equal("a", list[0]!["@value"]!.GetValue<string>());
        Assert.Equal(Ex + "o", list[1]!["@id"]!.GetValue<string>());
    }

    [Fact]
    public void ListNodeReferencedTwiceStaysANode()
    {
        var quads = new List<Quad>
        {
            T(I("s"), "p", B("l1")),
            T(I("t"), "p", B("l1")),
            T(B("l1"), Vocabulary.Rdf.First.Value, Literal.Simple("a")),
            T(B("l1"), Vocabulary.Rdf.Rest.Value, Vocabulary.Rdf.Nil),
        };
        var doc = JsonLdProcessor.FromRdf(quads);
        Assert.Equal(3, doc.Count);
        Assert.Equal("_:l1", Node(doc, Ex + "s")[Ex + "p"]![0]!["@id"]!.GetValue<string>());
    }

    [Fact]
    public void NativeTypesOnlyWhenAsked()
    {
        var quads = new List<Quad>
        {
            T(I("s"), "i", Literal.Typed("42", Vocabulary.Xsd.Integer)),
            T(I("s"), "b", Literal.Typed("true", Vocabulary.Xsd.Boolean)),
            T(I("s"), "d", Literal.Typed("2.5E0", Vocabulary.Xsd.Double)),
            T(I("s"), "x", Literal.Typed("abc", Vocabulary.Xsd.Integer)),
        };
        var typed = Node(JsonLdProcessor.FromRdf(quads), Ex + "s");
        Assert.Equal("42", typed[Ex + "i"]![0]!["@value"]!.GetValue<string>());
        Assert.Equal(Vocabulary.Xsd.Integer.Value, typed[Ex + "i"]![0]!["@type"]!.GetValue<string>());

        var native = Node(JsonLdProcessor.FromRdf(quads, new JsonLdOptions { UseNativeTypes = true }), Ex + "s");
        Assert.Equal(42, native[Ex + "i"]![0]!["@value"]!.GetValue<long>());
        Assert.True(native[Ex + "b"]![0]!["@value"]!.GetValue<bool>());
        Assert.Equal(2.5, native[Ex + "d"]![0]!["@value"]!.GetValue<double>());
        Assert.Equal("abc", native[Ex + "x"]![0]!["@value"]!.GetValue<string>());
        Assert.NotNull(native[Ex + "x"]![0]!["@type"]);
    }

    [Fact]
    public void RdfTypeBecomesTypeUnlessUseRdfType()
    {
        var quads = new List<Quad> { new(I("s"), Vocabulary.Rdf.Type, I("C"), null) };
        Assert.Equal(Ex + "C", Node(JsonLdProcessor.FromRdf(quads), Ex + "s")["@type"]![0]!.GetValue<string>());
        Assert.Equal(Ex + "C", Node(JsonLdProcessor.FromRdf(quads, new JsonLdOptions { UseRdfType = true }), Ex + "s")[Vocabulary.Rdf.Type.Value]![0]!["@id"]!.GetValue<string>());
    }

    [Fact]
    public void JsonLiteralsAreJsonAndBadOnesAnError()
    {
        var good = new List<Quad> { T(I("s"), "j", Literal.Typed("{\"a\": [1, true]}", RdfJson)) };
        var value = Node(JsonLdProcessor.FromRdf(good), Ex + "s")[Ex + "j"]![0]!;
        Assert.Equal("@json", value["@type"]!.GetValue<string>());
        Assert.True(value["@value"]!["a"]![1]!.GetValue<bool>());

        var bad = new List<Quad> { T(I("s"), "j", Literal.Typed("{not json", RdfJson)) };
        var e = Assert.Throws<JsonLdException>(() => JsonLdProcessor.FromRdf(bad));
        Assert.Equal(JsonLdErrorCode.InvalidJsonLiteral, e.Code);
    }

    [Fact]
    public void I18nDatatypeGivesLanguageAndDirection()
    {
        var quads = new List<Quad> { T(I("s"), "t", Literal.Typed("שלום", Iri.FromTrusted("https://www.w3.org/ns/i18n#he_rtl"))) };
        var value = Node(JsonLdProcessor.FromRdf(quads, new JsonLdOptions { RdfDirection = "i18n-datatype" }), Ex + "s")[Ex + "t"]![0]!;
        Assert.Equal("he", value["@language"]!.GetValue<string>());
        Assert.Equal("rtl", value["@direction"]!.GetValue<string>());
        Assert.Null(value["@type"]);
    }

    [Fact]
    public void NamedGraphsNestUnderTheirNode()
    {
        var quads = new List<Quad> { T(I("s"), "p", I("o"), I("g")), T(I("g"), "q", Literal.Simple("meta")) };
        var g = Node(JsonLdProcessor.FromRdf(quads), Ex + "g");
        Assert.Equal("meta", g[Ex + "q"]![0]!["@value"]!.GetValue<string>());
        Assert.Equal(Ex + "s", g["@graph"]![0]!["@id"]!.GetValue<string>());
    }
}
