using System.Text;
using System.Text.Json.Nodes;
using DihNode.Rdf.Io;
using DihNode.Rdf.Io.JsonLd;
using DihNode.Rdf.Model;
using static DihNode.Rdf.Tests.Io.WriteTestHelper;

namespace DihNode.Rdf.Tests.Io.JsonLd;

/// <summary>
/// Turtle (or N-Quads) -> JSON-LD from our writer -> quads by RdfParser (toRdf): the dataset must come back
/// isomorphic, with a given context, with prefixes only, and with no context at all.
/// </summary>
public class WriteJsonLdRoundTripTests
{
    private sealed class Collect : IQuadSink
    {
        public readonly List<Quad> Quads = [];
        public void Add(in Quad quad) => Quads.Add(quad);
    }

    private static void AssertRoundTrip(IReadOnlyList<Quad> quads, RdfWriterOptions? options)
    {
        string json = WriteJsonLdTests.Write(quads, options);
        var back = new Collect();
        try
        {
            RdfParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)), RdfFormat.JsonLd, back, new RdfParserOptions { BaseIri = options?.BaseIri });
        }
        catch (RdfSyntaxException e)
        {
            Assert.Fail($"the JSON-LD output does not read back: {e.Message}\n{json}");
        }
        string? difference = Isomorphism.DescribeDifference(quads, back.Quads);
        Assert.True(difference is null, $"JSON-LD round trip differs: {difference}\n--- JSON-LD ---\n{json}");
    }

    [Fact]
    public void DcatRoundTripsWithItsContext()
    {
        var quads = WriteJsonLdTests.ParseTurtle(WriteJsonLdTests.DcatTurtle);
        AssertRoundTrip(quads, new RdfWriterOptions { JsonLdContext = WriteJsonLdTests.DcatContext });
        AssertRoundTrip(quads, new RdfWriterOptions { Prefixes = new Dictionary<string, string> { ["dcat"] = "http://www.w3.org/ns/dcat#" } });
        AssertRoundTrip(quads, null);
    }

    [Fact]
    public void TrickyDatasetRoundTrips()
    {
        var quads = WriteRoundTripTests.Tricky(null, "").Concat(WriteRoundTripTests.Tricky(I("g"), "_i")).Concat(WriteRoundTripTests.Tricky(B("gb"), "_b")).ToList();
        quads.Add(new Quad(B("gb"), I("p"), I("o"), null));
        quads.Add(new Quad(I("s"), I("p"), B("across"), I("g")));
        quads.Add(new Quad(B("across"), I("p"), I("o"), null));
        AssertRoundTrip(quads, null);
        AssertRoundTrip(quads, ExPrefix);
        AssertRoundTrip(quads, new RdfWriterOptions { Prefixes = new Dictionary<string, string> { ["ex"] = Ex, [""] = "http://other.example/dt#" }, BaseIri = Ex + "a/doc" });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomDatasetsRoundTrip(int seed)
    {
        var quads = RandomDataset(seed);
        AssertRoundTrip(quads, ExPrefix);
    }

    public static TheoryData<string> W3CResultFiles() => WriteRoundTripTests.W3CResultFiles();

    [Theory]
    [MemberData(nameof(W3CResultFiles))]
    public void W3CEvaluationResultsRoundTrip(string file)
    {
        string path = Path.Combine(SharedRoot(), "conformance", "rdf11", file);
        var sink = new Collect();
        using (var input = File.OpenRead(path)) RdfParser.Parse(input, file.EndsWith(".nq") ? RdfFormat.NQuads : RdfFormat.NTriples, sink);
        AssertRoundTrip(sink.Quads, ExPrefix);
    }

    [Fact]
    public void SourcePrefixesBecomeTheContext()
    {
        using var ms = new MemoryStream();
        using (var writer = RdfWriter.Create(ms, RdfFormat.JsonLd))
        {
            RdfParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(WriteJsonLdTests.DcatTurtle)), RdfFormat.Turtle, writer);
            writer.Finish();
        }
        var doc = JsonNode.Parse(Encoding.UTF8.GetString(ms.ToArray()))!.AsObject();
        Assert.Equal("http://www.w3.org/ns/dcat#", doc["@context"]!["dcat"]!.GetValue<string>());
        Assert.Contains(doc["@graph"]!.AsArray(), n => n!["@type"]?.GetValue<string>() == "dcat:Catalog");
    }

    [Fact]
    public void PrefixNamedLikeASchemeOfTheDataIsLeftOut()
    {
        var quads = new List<Quad>
        {
            new(Iri.FromTrusted("urn:isbn:123"), Iri.FromTrusted("http://example.org/p"), Iri.FromTrusted("tag:example.org,2024:x"), null),
        };
        var options = new RdfWriterOptions { Prefixes = new Dictionary<string, string> { ["urn"] = "http://example.org/urn/", ["tag"] = "http://example.org/tag/", ["ex"] = Ex } };
        string json = WriteJsonLdTests.Write(quads, options);
        var context = JsonNode.Parse(json)!["@context"]!.AsObject();
        Assert.False(context.ContainsKey("urn"));
        Assert.False(context.ContainsKey("tag"));
        Assert.True(context.ContainsKey("ex"));
        AssertRoundTrip(quads, options);
    }

    [Fact]
    public void VocabularySuffixesThatWouldReadAsIrisOrKeywordsStayFull()
    {
        var quads = new List<Quad>
        {
            new(I("s"), Iri.FromTrusted(Ex + "a:b"), Literal.Simple("colon"), null),
            new(I("s"), Iri.FromTrusted(Ex + "@type"), Literal.Simple("keyword"), null),
            new(I("s"), Iri.FromTrusted(Ex + "plain"), Iri.FromTrusted(Ex + "//x"), null),
        };
        AssertRoundTrip(quads, new RdfWriterOptions { Prefixes = new Dictionary<string, string> { [""] = Ex, ["ex"] = Ex } });
        AssertRoundTrip(quads, new RdfWriterOptions { Prefixes = new Dictionary<string, string> { ["ex"] = Ex } });
    }

    [Fact]
    public void JsonLiteralsKeepTheirLexicalFormEvenWhenIllTyped()
    {
        var rdfJson = Iri.FromTrusted("http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON");
        var quads = new List<Quad>
        {
            new(I("s"), I("p"), Literal.Typed("{ \"b\": 1, \"a\": [true] }", rdfJson), null),
            new(I("s"), I("p"), Literal.Typed("{not json", rdfJson), null),
        };
        AssertRoundTrip(quads, ExPrefix);
    }
}
