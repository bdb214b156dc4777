using System.Net;
using DihNode.Node.Tests.Server;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Vocab.Import;
using static DihNode.Node.Tests.LinkedData.LinkedDataClient;

namespace DihNode.Node.Tests.LinkedData;

/// <summary>Hub IRIs dereferenced at a real node: content negotiation, extensions, errors, and that every representation says the same.</summary>
public sealed class HubDereferencingTests(NodeFixture node) : IClassFixture<NodeFixture>
{
    [Theory]
    [InlineData(null, "text/html")]
    [InlineData("*/*", "text/html")]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html")]
    [InlineData("text/turtle", "text/turtle")]
    [InlineData("application/x-turtle", "text/turtle")]
    [InlineData("application/n-triples", "application/n-triples")]
    [InlineData("application/rdf+xml", "application/rdf+xml")]
    [InlineData("application/ld+json", "application/ld+json")]
    [InlineData("application/trig", "application/trig")]
    [InlineData("application/n-quads", "application/n-quads")]
    [InlineData("text/turtle;q=0.5, application/ld+json", "application/ld+json")]
    [InlineData("text/html;q=0.1, application/rdf+xml;q=0.9", "application/rdf+xml")]
    [InlineData("text/*", "text/html")]
    [InlineData("application/*", "application/n-triples")]
    public async Task AcceptChoosesTheRepresentation(string? accept, string expected)
    {
        var response = await GetAsync(node.Client, ReD, accept);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Accept", response.Headers.Vary);
        Assert.EndsWith("/" + ReD + (RdfFormats.FromMediaType(expected) is { } f ? f.FileExtension() : ".html"), response.Content.Headers.ContentLocation!.ToString());
    }

    [Theory]
    [InlineData(".ttl", "text/turtle")]
    [InlineData(".nt", "application/n-triples")]
    [InlineData(".rdf", "application/rdf+xml")]
    [InlineData(".jsonld", "application/ld+json")]
    [InlineData(".trig", "application/trig")]
    [InlineData(".nq", "application/n-quads")]
    [InlineData(".html", "text/html")]
    public async Task AnExtensionChoosesTheRepresentationWhateverAcceptSays(string extension, string expected)
    {
        var response = await GetAsync(node.Client, ReD + extension, "image/png");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("Accept", response.Headers.Vary);
    }

    [Fact]
    public async Task AnUnacceptableAcceptIs406()
    {
        var response = await GetAsync(node.Client, ReD, "image/png, application/json;q=0.5");
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Contains("text/turtle", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnUnknownHubIs404AsHtmlOrText()
    {
        var html = await GetAsync(node.Client, "hub/edih2025/no-such-hub", "text/html");
        Assert.Equal(HttpStatusCode.NotFound, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType!.MediaType);
        string page = await html.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Not found</h1>", page);
        Assert.Contains("https://dih.example.org/hub/edih2025/no-such-hub", page);

        var text = await GetAsync(node.Client, "hub/edih2025/no-such-hub.ttl", "text/turtle");
        Assert.Equal(HttpStatusCode.NotFound, text.StatusCode);
        Assert.Equal("text/plain", text.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task APartOfAHubSeesOtherToTheHub()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = node.BaseAddress };
        var response = await client.GetAsync(ReD + "/address");
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/" + ReD, response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task TheNQuadsHoldTheHubsGraphDescriptionAndTheTurtleTheSameStatements()
    {
        var snapshot = node.Store.Rdf.Snapshot();
        Assert.True(snapshot.TryGetId(node.Store.Iris.HubsGraph, out int hubs));
        var expected = HubStoreWriter.ReadDescription(snapshot, hubs, Iri.FromTrusted(ReDIri)).Select(d => d.Triple).ToList();
        Assert.True(expected.Count > 40, $"re_d has {expected.Count} statements");

        var quads = await GetRdfAsync(node.Client, ReD, RdfFormat.NQuads);
        var inHubsGraph = quads.Where(q => q.Graph == node.Store.Iris.HubsGraph).Select(q => q.Triple).ToList();
        Assert.True(Isomorphism.AreIsomorphic(expected, inHubsGraph), Isomorphism.DescribeDifference(expected, inHubsGraph));
        // Everything else is a label of something the hub points to, or its links.
        foreach (var q in quads.Where(q => q.Graph != node.Store.Iris.HubsGraph || q.Subject != Iri.FromTrusted(ReDIri) && !((Iri)q.Subject).Value.StartsWith(ReDIri + "/", StringComparison.Ordinal)))
            Assert.True(q.Predicate.Value.EndsWith("prefLabel", StringComparison.Ordinal) || q.Predicate.Value.EndsWith("title", StringComparison.Ordinal)
                || q.Graph == node.Store.Iris.LinksGraph, q.ToString());
        Assert.Contains(quads, q => q.Subject.ToString() == "<http://publications.europa.eu/resource/authority/country/POL>" && q.Object.ToString() == "\"Poland\"@en");
        Assert.Contains(quads, q => q.Subject.ToString() == "<http://data.europa.eu/nuts/code/PL711>");

        var all = quads.Select(q => q.Triple).Distinct().ToList();
        foreach (var format in new[] { RdfFormat.Turtle, RdfFormat.NTriples, RdfFormat.RdfXml, RdfFormat.JsonLd })
        {
            var triples = (await GetRdfAsync(node.Client, ReD, format)).Select(q => q.Triple).ToList();
            Assert.True(Isomorphism.AreIsomorphic(all, triples), $"{format}: {Isomorphism.DescribeDifference(all, triples)}");
        }
        var trig = await GetRdfAsync(node.Client, ReD, RdfFormat.TriG);
        Assert.True(Isomorphism.AreIsomorphic(quads, trig), Isomorphism.DescribeDifference(quads, trig));
    }

    [Fact]
    public async Task ThePageShowsTheHubAndEmbedsItsJsonLd()
    {
        var response = await GetAsync(node.Client, ReD, "text/html");
        string html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>re_d</h1>", html);
        Assert.Contains("re_d: rethink digital - Central Poland Digitalisation Hub", html);
        Assert.Contains("Poland", html);
        Assert.Contains("PL711", html);
        Assert.Contains(">Miasto Łódź</a> (PL711)", html); // the NUTS 3 region's label, from the RDF store
        Assert.Contains("href=\"https://www.re-d.pl/\"", html);
        Assert.Contains("Tymienieckiego 22G, 90-349 Lodz, Poland", html);
        Assert.Contains("<h2 id=\"topics-technology\">Technologies</h2>", html);
        Assert.Contains("<a href=\"/concept/technology/artificial-intelligence-decision-support\">", html);
        Assert.Contains("<main id=\"content\">", html);
        Assert.Contains("<link rel=\"alternate\" type=\"text/turtle\" href=\"/" + ReD + ".ttl\">", html);
        Assert.Contains("<thead><tr><th scope=\"col\">Technology</th><th scope=\"col\">Level (1–5)</th></tr></thead>", html);

        var embedded = ParseJsonLd(EmbeddedJsonLd(html)).Select(q => q.Triple).ToList();
        var turtle = (await GetRdfAsync(node.Client, ReD, RdfFormat.Turtle)).Select(q => q.Triple).ToList();
        Assert.True(Isomorphism.AreIsomorphic(turtle, embedded), Isomorphism.DescribeDifference(turtle, embedded));
    }

    [Fact]
    public async Task ConditionalGetAnswers304ForTheSameRepresentation()
    {
        var first = await GetAsync(node.Client, ReD, "text/turtle");
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);
        Assert.StartsWith("\"v", etag.Tag);
        Assert.NotNull(first.Content.Headers.LastModified);
        var again = await GetAsync(node.Client, ReD, "text/turtle", etag.Tag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        var html = await GetAsync(node.Client, ReD, "text/html", etag.Tag);
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.NotEqual(etag, html.Headers.ETag);
    }

    [Fact]
    public async Task HeadAnswersWithoutABody()
    {
        var response = await node.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, ReD + ".ttl"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Content.Headers.ContentLength > 1000);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }
}
