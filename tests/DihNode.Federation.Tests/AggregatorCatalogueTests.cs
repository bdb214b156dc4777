using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Shacl;

namespace DihNode.Federation.Tests;

/// <summary>
/// The aggregator's DCAT-AP catalogue: each peer's catalogue is a part (<c>dct:hasPart</c>) with the title
/// and publisher the peer gave in its Hello and the datasets of its hubs; the whole still conforms to the
/// DCAT-AP 3.0.1 shapes (with the five dangling <c>sh:property</c> triples of the published shapes left out,
/// as the node tests do).
/// </summary>
public sealed class AggregatorCatalogueTests : IAsyncLifetime
{
    private const string Dct = "http://purl.org/dc/terms/";
    private const string Dcat = "http://www.w3.org/ns/dcat#";
    private const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private TestNode _es = null!, _it = null!, _de = null!, _agg = null!;

    public async Task InitializeAsync()
    {
        _es = TestNode.National("es", "ES").Describe("ES", "Digital Innovation Hubs of Spain", "Spanish ministry for digital transformation");
        _it = TestNode.National("it", "IT").Describe("IT", "Digital Innovation Hubs of Italy", "Italian ministry of enterprises");
        _de = TestNode.National("de", "DE", "https://de.example.org").Describe("DE", "Digital Innovation Hubs of Germany", "German federal ministry for economic affairs");
        _agg = TestNode.Empty("eu").AsAggregator().Describe(null, "European Digital Innovation Hubs network", "European Commission");
        foreach (var n in new[] { _es, _it, _de }) TestNode.Link(_agg, n);
        _es.Start(); _it.Start(); _de.Start(); _agg.Start();
        var union = new HashSet<string>([.. _es.HubIris(), .. _it.HubIris(), .. _de.HubIris()]);
        Assert.True(await TestNode.WaitUntil(() => _agg.HubIris().SetEquals(union), TimeSpan.FromSeconds(30)), "the aggregator did not reach the union");
    }

    public async Task DisposeAsync()
    {
        foreach (var n in new[] { _agg, _es, _it, _de }) await n.DisposeAsync();
    }

    private static async Task<List<Quad>> CatalogueAsync(TestNode node)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node.WebUrl, "catalog"));
        request.Headers.Add("Accept", "application/n-triples");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var quads = new List<Quad>();
        await using var body = await response.Content.ReadAsStreamAsync();
        RdfParser.Parse(body, RdfFormat.NTriples, new ListSink(quads), new RdfParserOptions { SourceName = "catalog" });
        return quads;
    }

    private static IEnumerable<Term> Objects(List<Quad> quads, string s, string p) =>
        quads.Where(q => q.Subject is Iri i && i.Value == s && q.Predicate.Value == p).Select(q => q.Object);

    private static string Text(List<Quad> quads, string s, string p) => ((Literal)Assert.Single(Objects(quads, s, p))).LexicalForm;

    [Fact]
    public async Task EachPeersCatalogueIsAPartWithItsTitlePublisherAndDatasetsAndTheWholeConformsToDcatAp()
    {
        string catalog = _agg.Store.Iris.Base + "/catalog";
        // The registry commits first and the RDF projection (which the catalogue reads) right after: wait for both.
        var quads = await CatalogueAsync(_agg);
        for (int i = 0; i < 50 && quads.Count(q => q.Predicate.Value == Dcat + "dataset") < 3; i++)
        {
            await Task.Delay(100);
            quads = await CatalogueAsync(_agg);
        }
        Assert.Equal("European Digital Innovation Hubs network", Text(quads, catalog, Dct + "title"));
        var parts = Objects(quads, catalog, Dct + "hasPart").Cast<Iri>().Select(i => i.Value).Order().ToList();
        Assert.Equal([catalog + "/peer/de", catalog + "/peer/es", catalog + "/peer/it"], parts);

        var expected = new Dictionary<string, (TestNode Node, string Title, string Publisher, string Country)>
        {
            ["es"] = (_es, "Digital Innovation Hubs of Spain", "Spanish ministry for digital transformation", "ESP"),
            ["it"] = (_it, "Digital Innovation Hubs of Italy", "Italian ministry of enterprises", "ITA"),
            ["de"] = (_de, "Digital Innovation Hubs of Germany", "German federal ministry for economic affairs", "DEU"),
        };
        foreach (var (name, want) in expected)
        {
            string part = $"{catalog}/peer/{name}";
            Assert.Contains(new Quad(Iri.Create(part), Iri.Create(Rdf + "type"), Iri.Create(Dcat + "Catalog"), null), quads);
            Assert.Equal(want.Title, Text(quads, part, Dct + "title"));
            var publisher = ((Iri)Assert.Single(Objects(quads, part, Dct + "publisher"))).Value;
            Assert.Equal(want.Publisher, Text(quads, publisher, "http://xmlns.com/foaf/0.1/name"));
            Assert.Equal("http://publications.europa.eu/resource/authority/country/" + want.Country, ((Iri)Assert.Single(Objects(quads, part, Dct + "spatial"))).Value);
            // The peer's hubs are one EDIH 2025 dataset under its part, derived from the peer's own source dataset,
            // downloadable from the peer itself.
            string dataset = ((Iri)Assert.Single(Objects(quads, part, Dcat + "dataset"))).Value;
            Assert.Equal(part + "/dataset/edih2025", dataset);
            string peerBase = want.Node.Store.Iris.Base;
            Assert.Equal(peerBase + "/source/edih2025", ((Iri)Assert.Single(Objects(quads, dataset, "http://www.w3.org/ns/prov#wasDerivedFrom"))).Value);
            Assert.Contains($"{want.Node.HubIris().Count} hubs", Text(quads, dataset, Dct + "description"));
            var downloads = Objects(quads, dataset + "/distribution/ttl", Dcat + "downloadURL").Cast<Iri>().Select(i => i.Value);
            Assert.Equal([new Uri(want.Node.WebUrl, "dump/hubs.ttl").AbsoluteUri], downloads);
            // The aggregator's own SPARQL endpoint serves the copy.
            Assert.Contains(Iri.Create(dataset), Objects(quads, _agg.Store.Iris.Base + "/service/sparql", Dcat + "servesDataset"));
        }
        // The aggregator holds no hubs of its own: no dataset directly in the top catalogue.
        Assert.Empty(Objects(quads, catalog, Dcat + "dataset"));

        var report = ShaclValidator.Validate(quads, DcatApShapes.Quads);
        Assert.True(report.Conforms, report.ToText());
        Assert.Equal(5, DcatApShapes.Dropped);
    }

    [Fact]
    public async Task ANationalNodesOwnCatalogueHasNoPartsAndConforms()
    {
        var quads = await CatalogueAsync(_es);
        string catalog = _es.Store.Iris.Base + "/catalog";
        Assert.Empty(Objects(quads, catalog, Dct + "hasPart"));
        Assert.Equal("Digital Innovation Hubs of Spain", Text(quads, catalog, Dct + "title"));
        Assert.Single(Objects(quads, catalog, Dcat + "dataset"));
        Assert.True(ShaclValidator.Validate(quads, DcatApShapes.Quads).Conforms);
    }

    private sealed class ListSink(List<Quad> into) : IQuadSink
    {
        public void Add(in Quad quad) => into.Add(quad);
    }
}
