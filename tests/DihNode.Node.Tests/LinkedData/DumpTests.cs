using System.Net;
using DihNode.Node.LinkedData;
using DihNode.Node.Tests.Server;
using DihNode.Rdf.Io;
using DihNode.Vocab.Csv;
using static DihNode.Node.Tests.LinkedData.LinkedDataClient;

namespace DihNode.Node.Tests.LinkedData;

/// <summary>The full dumps: every syntax parses and holds the managed graphs; the CSV has one row per hub.</summary>
public sealed class DumpTests(NodeFixture node) : IClassFixture<NodeFixture>
{
    [Theory]
    [InlineData("hubs.nq", RdfFormat.NQuads)]
    [InlineData("hubs.trig", RdfFormat.TriG)]
    [InlineData("hubs.nt", RdfFormat.NTriples)]
    [InlineData("hubs.ttl", RdfFormat.Turtle)]
    [InlineData("hubs.rdf", RdfFormat.RdfXml)]
    [InlineData("hubs.jsonld", RdfFormat.JsonLd)]
    public async Task ADumpParsesAndHoldsTheManagedGraphs(string file, RdfFormat format)
    {
        var snapshot = node.Store.Rdf.Snapshot();
        var managed = DumpEndpoint.ManagedQuads(snapshot, node.Store.Iris).ToList();
        var response = await node.Client.GetAsync("dump/" + file);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(format.MediaType(), response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(file, response.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        var quads = Parse(await response.Content.ReadAsByteArrayAsync(), format);
        if (format.SupportsDatasets())
        {
            Assert.Equal(managed.Count, quads.Count);
            Assert.Equal(managed.Count(q => q.G == Id(snapshot, node.Store.Iris.HubsGraph)), quads.Count(q => q.Graph == node.Store.Iris.HubsGraph));
            Assert.Equal(managed.Select(q => q.G).Distinct().Count(), quads.Select(q => q.Graph).Distinct().Count());
        }
        else
        {
            Assert.Equal(managed.Select(q => (q.S, q.P, q.O)).Distinct().Count(), quads.Count);
            Assert.All(quads, q => Assert.Null(q.Graph));
        }
        Assert.True(quads.Count > 20_000, $"{quads.Count} statements");
    }

    private static int Id(Rdf.Store.IQuadStore snapshot, Rdf.Model.Term term) => snapshot.TryGetId(term, out int id) ? id : -1;

    [Fact]
    public async Task TheCsvHasOneRowPerHubInTheTemplateLayout()
    {
        var response = await node.Client.GetAsync("dump/hubs.csv");
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var records = new CsvReader().Read(await response.Content.ReadAsStreamAsync());
        Assert.Equal(458, records.Count);
        Assert.Equal(["id", "name", "title", "type", "country", "street", "postcode", "city", "website", "description", "sectors", "services", "technologies"], records[0].Fields[..13]);
        var reD = records.Single(r => r.Fields[13] == ReDIri);
        Assert.Equal("re_d", reD.Fields[1]);
        Assert.Equal("PL", reD.Fields[4]);
        Assert.Contains("Cybersecurity=", reD.Fields[12], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownDumpIs404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await node.Client.GetAsync("dump/hubs.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await node.Client.GetAsync("dump/other.ttl")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await node.Client.GetAsync("dump/hubs.html")).StatusCode);
    }
}
