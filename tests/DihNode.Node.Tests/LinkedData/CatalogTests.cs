using System.Net;
using DihNode.Node.Tests.Server;
using DihNode.Rdf.Io;
using static DihNode.Node.Tests.LinkedData.LinkedDataClient;

namespace DihNode.Node.Tests.LinkedData;

/// <summary><c>/catalog</c>: Turtle by default, other syntaxes by Accept or extension, paging parameters checked.</summary>
public sealed class CatalogTests(NodeFixture node) : IClassFixture<NodeFixture>
{
    [Fact]
    public async Task TheCatalogIsTurtleByDefaultAndListsTheSources()
    {
        var response = await GetAsync(node.Client, "catalog", "text/html,*/*;q=0.8");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/turtle", response.Content.Headers.ContentType!.MediaType);
        var quads = Parse(await response.Content.ReadAsByteArrayAsync(), RdfFormat.Turtle);
        var catalog = Rdf.Model.Iri.FromTrusted("https://dih.example.org/catalog");
        Assert.Contains(quads, q => q.Subject == catalog && q.Object.ToString() == "<http://www.w3.org/ns/dcat#Catalog>");
        Assert.Contains(quads, q => q.Subject == catalog && q.Predicate.Value == "http://www.w3.org/ns/dcat#dataset" && q.Object == node.Store.Iris.Source("edih2025"));
    }

    [Fact]
    public async Task TheServedCatalogConformsToDcatApAndPointsAtTheNode()
    {
        var response = await GetAsync(node.Client, "catalog", "text/turtle");
        var quads = Parse(await response.Content.ReadAsByteArrayAsync(), RdfFormat.Turtle);
        var report = Rdf.Shacl.ShaclValidator.Validate(quads, Catalog.DcatApShapes.Quads);
        Assert.True(report.Conforms, report.ToText());
        string root = node.BaseAddress.AbsoluteUri.TrimEnd('/');
        Assert.Contains(quads, q => q.Predicate.Value == "http://www.w3.org/ns/dcat#endpointURL" && q.Object.ToString() == $"<{root}/sparql>");
        var download = quads.First(q => q.Predicate.Value == "http://www.w3.org/ns/dcat#downloadURL" && q.Object.ToString().EndsWith(".ttl>", StringComparison.Ordinal));
        var dump = await node.Client.GetAsync(((Rdf.Model.Iri)download.Object).Value);
        Assert.Equal(HttpStatusCode.OK, dump.StatusCode);
    }

    [Theory]
    [InlineData("catalog", "application/ld+json", RdfFormat.JsonLd)]
    [InlineData("catalog", "application/rdf+xml", RdfFormat.RdfXml)]
    [InlineData("catalog.nt", "image/png", RdfFormat.NTriples)]
    [InlineData("catalog?page=1", "application/n-triples", RdfFormat.NTriples)]
    public async Task TheCatalogNegotiates(string path, string accept, RdfFormat expected)
    {
        var response = await GetAsync(node.Client, path, accept);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected.MediaType(), response.Content.Headers.ContentType!.MediaType);
        Assert.NotEmpty(Parse(await response.Content.ReadAsByteArrayAsync(), expected));
    }

    [Theory]
    [InlineData("catalog?page=0", HttpStatusCode.BadRequest)]
    [InlineData("catalog?page=x", HttpStatusCode.BadRequest)]
    [InlineData("catalog?page=99", HttpStatusCode.NotFound)]
    [InlineData("catalog.html", HttpStatusCode.NotFound)]
    public async Task BadPagesAreRefused(string path, HttpStatusCode expected)
    {
        Assert.Equal(expected, (await node.Client.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotAcceptable, (await GetAsync(node.Client, "catalog", "text/html")).StatusCode);
    }
}
