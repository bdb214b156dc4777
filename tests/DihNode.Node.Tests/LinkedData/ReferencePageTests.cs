using System.Net;
using DihNode.Node.Tests.Server;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using static DihNode.Node.Tests.LinkedData.LinkedDataClient;

namespace DihNode.Node.Tests.LinkedData;

/// <summary>Concepts, schemes and sources dereferenced at a real node.</summary>
public sealed class ReferencePageTests(NodeFixture node) : IClassFixture<NodeFixture>
{
    private const string Cybersecurity = "concept/technology/cybersecurity";

    [Fact]
    public async Task AConceptPageListsItsHubsWithLevels()
    {
        using var context = node.Store.NewContext();
        int expected = context.Involvements.Count(i => i.Concept!.Iri == "https://dih.example.org/" + Cybersecurity);
        Assert.True(expected > 100);
        var response = await GetAsync(node.Client, Cybersecurity, "text/html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Cybersecurity</h1>", html);
        Assert.Contains($"<h2 id=\"list\">Hubs ({expected})</h2>", html);
        Assert.Contains("<a href=\"/" + ReD + "\">re_d</a>", html);
        Assert.Contains("<a href=\"/scheme/technology\">", html);
        var embedded = ParseJsonLd(EmbeddedJsonLd(html));
        Assert.Contains(embedded, q => q.Subject == Iri.FromTrusted("https://dih.example.org/" + Cybersecurity) && q.Predicate.Value.EndsWith("inScheme", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AConceptInTurtleIsItsStatementsInTheSchemesGraph()
    {
        var quads = await GetRdfAsync(node.Client, Cybersecurity, RdfFormat.NQuads);
        var concept = Iri.FromTrusted("https://dih.example.org/" + Cybersecurity);
        Assert.Contains(quads, q => q.Subject == concept && q.Predicate.Value.EndsWith("prefLabel", StringComparison.Ordinal) && q.Graph == node.Store.Iris.SchemesGraph);
        Assert.Contains(quads, q => q.Subject == node.Store.Iris.Scheme("technology") && q.Predicate.Value.EndsWith("prefLabel", StringComparison.Ordinal));
        var turtle = await GetRdfAsync(node.Client, Cybersecurity + ".ttl", RdfFormat.Turtle);
        Assert.True(Isomorphism.AreIsomorphic(quads.Select(q => q.Triple).Distinct(), turtle.Select(q => q.Triple)));
    }

    [Fact]
    public async Task ASchemePageListsItsConceptsWithHubCounts()
    {
        string html = await (await GetAsync(node.Client, "scheme/hub-type", "text/html")).Content.ReadAsStringAsync();
        Assert.Contains("<h2 id=\"list\">Concepts (3)</h2>", html);
        Assert.Contains("<a href=\"/concept/hub-type/edih\">EDIH</a>", html);
        var turtle = await GetRdfAsync(node.Client, "scheme/technology", RdfFormat.Turtle);
        Assert.Equal(34, turtle.Count(q => q.Predicate.Value.EndsWith("hasTopConcept", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ASourcePageListsItsHubs()
    {
        string html = await (await GetAsync(node.Client, "source/edih2025.html")).Content.ReadAsStringAsync();
        Assert.Contains("<h2 id=\"list\">Hubs (457)</h2>", html);
        var jsonld = await GetRdfAsync(node.Client, "source/edih2025", RdfFormat.JsonLd);
        Assert.Contains(jsonld, q => q.Subject == node.Store.Iris.Source("edih2025") && q.Predicate.Value.EndsWith("title", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("concept/technology/no-such-thing")]
    [InlineData("scheme/nothing")]
    [InlineData("source/nowhere.ttl")]
    public async Task AnUnknownReferenceIs404(string path)
    {
        var response = await GetAsync(node.Client, path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AConceptNegotiatesLikeAHub()
    {
        Assert.Equal(HttpStatusCode.NotAcceptable, (await GetAsync(node.Client, Cybersecurity, "image/png")).StatusCode);
        var rdfXml = await GetAsync(node.Client, Cybersecurity, "application/rdf+xml");
        Assert.Equal("application/rdf+xml", rdfXml.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Accept", rdfXml.Headers.Vary);
    }
}
