using System.Text;
using System.Text.Json.Nodes;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Tests.Io.JsonLd;

/// <summary>The JSON-LD writer: readable compacted output with a given context, or with the prefixes.</summary>
public class WriteJsonLdTests
{
    internal const string DcatTurtle = """
        @prefix dcat: <http://www.w3.org/ns/dcat#> .
        @prefix dct: <http://purl.org/dc/terms/> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        @prefix foaf: <http://xmlns.com/foaf/0.1/> .

        <https://hub.example.eu/catalog> a dcat:Catalog ;
            dct:title "DIH catalogue"@en , "Katalog der DIH"@de ;
            dcat:dataset <https://hub.example.eu/dataset/robots> .

        <https://hub.example.eu/dataset/robots> a dcat:Dataset ;
            dct:title "Robot cells"@en ;
            dct:issued "2024-03-01"^^xsd:date ;
            dcat:keyword "robotics"@en , "automation"@en ;
            dct:publisher [ a foaf:Organization ; foaf:name "Hub Nord" ] ;
            dcat:distribution [
                a dcat:Distribution ;
                dcat:accessURL <https://hub.example.eu/data/robots.csv> ;
                dcat:byteSize 2048
            ] .
        """;

    internal const string DcatContext = """
        {
          "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
            "title": {"@id": "dct:title", "@container": "@language"},
            "issued": {"@id": "dct:issued", "@type": "xsd:date"},
            "keyword": {"@id": "dcat:keyword", "@language": "en"},
            "publisher": {"@id": "dct:publisher"},
            "name": "foaf:name",
            "dataset": {"@id": "dcat:dataset", "@type": "@id", "@container": "@set"},
            "distribution": {"@id": "dcat:distribution"},
            "accessURL": {"@id": "dcat:accessURL", "@type": "@id"},
            "byteSize": {"@id": "dcat:byteSize"},
            "Catalog": "dcat:Catalog",
            "Dataset": "dcat:Dataset",
            "Distribution": "dcat:Distribution",
            "Organization": "foaf:Organization"
          }
        }
        """;

    internal static List<Quad> ParseTurtle(string text)
    {
        var quads = new List<Quad>();
        RdfParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(text)), RdfFormat.Turtle, new ListSink(quads), new RdfParserOptions { BaseIri = "http://example.org/" });
        return quads;
    }

    internal static string Write(IEnumerable<Quad> quads, RdfWriterOptions? options)
    {
        using var ms = new MemoryStream();
        RdfWriter.Write(ms, RdfFormat.JsonLd, quads, options);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    [Fact]
    public void DcatWithAGivenContextIsCompactAndReadable()
    {
        string json = Write(ParseTurtle(DcatTurtle), new RdfWriterOptions { JsonLdContext = DcatContext });
        var doc = JsonNode.Parse(json)!.AsObject();

        Assert.Equal("dcat", doc["@context"]!["dcat"] is null ? null : "dcat");
        var graph = doc["@graph"]!.AsArray();
        Assert.Equal(2, graph.Count); // catalog and dataset; publisher and distribution are embedded
        var catalog = graph.Single(n => n!["@id"]!.GetValue<string>() == "https://hub.example.eu/catalog")!;
        Assert.Equal("Catalog", catalog["@type"]!.GetValue<string>());
        Assert.Equal("DIH catalogue", catalog["title"]!["en"]!.GetValue<string>());
        Assert.Equal("Katalog der DIH", catalog["title"]!["de"]!.GetValue<string>());
        Assert.Equal(["https://hub.example.eu/dataset/robots"], catalog["dataset"]!.AsArray().Select(v => v!.GetValue<string>()));

        var dataset = graph.Single(n => n!["@id"]!.GetValue<string>() == "https://hub.example.eu/dataset/robots")!;
        Assert.Equal("2024-03-01", dataset["issued"]!.GetValue<string>());
        Assert.Equal(["automation", "robotics"], dataset["keyword"]!.AsArray().Select(v => v!.GetValue<string>()).Order());
        Assert.Equal("Hub Nord", dataset["publisher"]!["name"]!.GetValue<string>());
        Assert.Null(dataset["publisher"]!["@id"]);
        var distribution = dataset["distribution"]!;
        Assert.Equal("Distribution", distribution["@type"]!.GetValue<string>());
        Assert.Equal("https://hub.example.eu/data/robots.csv", distribution["accessURL"]!.GetValue<string>());
        Assert.Equal(2048, distribution["byteSize"]!.GetValue<long>());

        Assert.Contains("\n  \"@graph\": [", json);
        Assert.DoesNotContain("\r", json);
        Assert.DoesNotContain("\\u", json);
    }

    [Fact]
    public void WithoutAContextPrefixesBecomeTheContext()
    {
        var options = new RdfWriterOptions
        {
            Prefixes = new Dictionary<string, string> { ["dcat"] = "http://www.w3.org/ns/dcat#", ["dct"] = "http://purl.org/dc/terms/" },
        };
        string json = Write(ParseTurtle(DcatTurtle), options);
        var doc = JsonNode.Parse(json)!.AsObject();
        Assert.Equal("http://www.w3.org/ns/dcat#", doc["@context"]!["dcat"]!.GetValue<string>());
        var catalog = doc["@graph"]!.AsArray().Single(n => n!["@id"]!.GetValue<string>() == "https://hub.example.eu/catalog")!;
        Assert.Equal("dcat:Catalog", catalog["@type"]!.GetValue<string>());
        Assert.Equal("https://hub.example.eu/dataset/robots", catalog["dcat:dataset"]!["@id"]!.GetValue<string>());
        Assert.Contains(catalog["dct:title"]!.AsArray(), v => v!["@language"]!.GetValue<string>() == "de");
    }

    [Fact]
    public void ContextUrlIsWrittenInPlaceOfTheContext()
    {
        string json = Write(ParseTurtle(DcatTurtle), new RdfWriterOptions { JsonLdContext = DcatContext, JsonLdContextUrl = "https://hub.example.eu/context.jsonld" });
        var doc = JsonNode.Parse(json)!.AsObject();
        Assert.Equal("https://hub.example.eu/context.jsonld", doc["@context"]!.GetValue<string>());
        Assert.Equal("Catalog", doc["@graph"]!.AsArray().First(n => n!["@id"]!.GetValue<string>().EndsWith("catalog"))!["@type"]!.GetValue<string>());
    }

    [Fact]
    public void NamedGraphsAndListsAreKept()
    {
        string trig = """
            @prefix ex: <http://example.org/> .
            ex:g { ex:s ex:p ( 1 "two" ex:three ) . }
            ex:s ex:q true .
            """;
        var quads = new List<Quad>();
        RdfParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(trig)), RdfFormat.TriG, new ListSink(quads));
        string json = Write(quads, new RdfWriterOptions { Prefixes = new Dictionary<string, string> { ["ex"] = "http://example.org/" } });
        var doc = JsonNode.Parse(json)!.AsObject();
        var nodes = doc["@graph"]!.AsArray();
        var g = nodes.Single(n => n!["@id"]!.GetValue<string>() == "ex:g")!;
        var list = g["@graph"]!.AsArray().Single()!["ex:p"]!["@list"]!.AsArray();
        Assert.Equal(3, list.Count);
        Assert.Equal(1, list[0]!.GetValue<long>());
        Assert.Equal("two", list[1]!.GetValue<string>());
        Assert.Equal("ex:three", list[2]!["@id"]!.GetValue<string>());
        Assert.True(nodes.Single(n => n!["@id"]!.GetValue<string>() == "ex:s")!["ex:q"]!.GetValue<bool>());
    }

    [Fact]
    public void BadContextIsRefusedEarly()
    {
        Assert.Throws<ArgumentException>(() => RdfWriter.Create(new MemoryStream(), RdfFormat.JsonLd, new RdfWriterOptions { JsonLdContext = "{ not json" }));
    }

    private sealed class ListSink(List<Quad> quads) : IQuadSink
    {
        public void Add(in Quad quad) => quads.Add(quad);
    }
}
