using System.Diagnostics;
using DihNode.Node.Tests.Cli;
using DihNode.Node.Tests.Shapes;
using DihNode.Rdf.Model;
using DihNode.Rdf.Store;
using DihNode.Vocab;
using DihNode.Vocab.Catalog;
using DihNode.Vocab.Import;
using static DihNode.Node.Tests.Vocab.VocabTestData;

namespace DihNode.Node.Tests.Catalog;

/// <summary>The EDIH catalogue 2025 imported once into a memory store, and a scratch folder for Jena's files.</summary>
public sealed class EdihStoreFixture : IDisposable
{
    public EdihStoreFixture()
    {
        HubImporter.Import(Store, Path.Combine(DataDirectory, "dih", "edih-catalogue-2025.csv"), HubInputFormat.Edih2025, Reference, strict: true);
        Directory.CreateDirectory(Scratch);
    }

    public MemoryDataset Store { get; } = new();

    public string Scratch { get; } = Path.Combine(Path.GetTempPath(), "dihnode-catalog-" + Guid.NewGuid().ToString("N"));

    public CatalogOptions Options { get; } = new(Reference.Iris) { Issued = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero) };

    public void Dispose()
    {
        Store.Dispose();
        try { Directory.Delete(Scratch, recursive: true); }
        catch (IOException) { }
    }
}

/// <summary>The DCAT-AP 3.0.1 catalogue of the EDIH data: its content, conformance (ours and Jena's) and what a broken copy reports.</summary>
public sealed class CatalogTests(EdihStoreFixture fixture) : IClassFixture<EdihStoreFixture>
{
    private const string Base = "https://dih.example.org";
    private const string Dcat = Namespaces.Dcat;
    private const string Dct = Namespaces.Dct;

    private IReadOnlyList<Quad> Build(CatalogPage? page = null) => CatalogBuilder.Build(fixture.Store.Snapshot(), fixture.Options, page);

    private static Term? One(IEnumerable<Quad> quads, string s, string p) =>
        quads.Where(q => q.Subject is Iri i && i.Value == s && q.Predicate.Value == p).Select(q => q.Object).SingleOrDefault();

    private static List<Term> All(IEnumerable<Quad> quads, string s, string p) =>
        [.. quads.Where(q => q.Subject is Iri i && i.Value == s && q.Predicate.Value == p).Select(q => q.Object)];

    [Fact]
    public void DescribesTheSourceDatasetWithDistributionsAndServices()
    {
        var quads = Build();
        string catalog = Base + "/catalog", dataset = Base + "/source/edih2025";
        Assert.Equal(Literal.LangString("Digital Innovation Hubs", "en"), One(quads, catalog, Dct + "title"));
        Assert.Equal([Iri.Create(dataset)], All(quads, catalog, Dcat + "dataset"));
        Assert.Equal(Literal.Typed("2025-06-01T00:00:00Z", Vocabulary.Xsd.DateTime), One(quads, catalog, Dct + "issued"));
        var publisher = (Iri)One(quads, catalog, Dct + "publisher")!;
        Assert.Equal(Literal.Simple("DihNode"), One(quads, publisher.Value, Namespaces.Foaf + "name"));
        Assert.Contains(Iri.Create(Namespaces.CountryAuthority + "POL"), All(quads, catalog, Dct + "spatial"));

        Assert.StartsWith("Digital innovation hubs from European Digital Innovation Hubs catalogue export (2025-05-05): 457 hubs in ",
            ((Literal)One(quads, dataset, Dct + "description")!).LexicalForm);
        var cnect = Iri.Create(Namespaces.CorporateBody + "CNECT");
        Assert.Equal(cnect, One(quads, dataset, Dct + "publisher"));
        Assert.NotNull(One(quads, cnect.Value, Namespaces.Foaf + "name"));

        var distributions = All(quads, dataset, Dcat + "distribution").Cast<Iri>().ToList();
        Assert.Equal(6, distributions.Count);
        var turtle = Assert.Single(distributions, d => d.Value.EndsWith("/ttl", StringComparison.Ordinal));
        Assert.Equal(Iri.Create(Base + "/dump/edih2025.ttl"), One(quads, turtle.Value, Dcat + "downloadURL"));
        Assert.Equal(Iri.Create(Base + "/dump/edih2025.ttl"), One(quads, turtle.Value, Dcat + "accessURL"));
        Assert.Equal(Iri.Create("http://publications.europa.eu/resource/authority/file-type/RDF_TURTLE"), One(quads, turtle.Value, Dct + "format"));
        Assert.Equal(Iri.Create("http://www.iana.org/assignments/media-types/text/turtle"), One(quads, turtle.Value, Dcat + "mediaType"));
        var csv = Assert.Single(distributions, d => d.Value.EndsWith("/csv", StringComparison.Ordinal));
        Assert.Equal(Iri.Create("http://www.iana.org/assignments/media-types/text/csv"), One(quads, csv.Value, Dcat + "mediaType"));

        var services = All(quads, catalog, Dcat + "service").Cast<Iri>().OrderBy(s => s.Value, StringComparer.Ordinal).ToList();
        Assert.Equal([Base + "/service/odata", Base + "/service/sparql"], services.Select(s => s.Value));
        Assert.Equal(Iri.Create(Base + "/sparql"), One(quads, Base + "/service/sparql", Dcat + "endpointURL"));
        Assert.Equal(Iri.Create("https://www.w3.org/TR/sparql11-protocol/"), One(quads, Base + "/service/sparql", Dct + "conformsTo"));
        Assert.Equal(Iri.Create(Base + "/odata/$metadata"), One(quads, Base + "/service/odata", Dcat + "endpointDescription"));
        Assert.Equal(Iri.Create(dataset), One(quads, Base + "/service/odata", Dcat + "servesDataset"));
    }

    [Fact]
    public void ConformsToDcatAp()
    {
        var clock = Stopwatch.StartNew();
        var report = Rdf.Shacl.ShaclValidator.Validate(Build(), DcatApShapes.Quads);
        Assert.True(report.Conforms, report.ToText());
        Assert.Equal(5, DcatApShapes.Dropped);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), clock.Elapsed.ToString());
    }

    [Fact]
    public void TheCatalogueTogetherWithAllTheNodesDataConformsToDcatAp()
    {
        // Everything the node publishes in one graph: hubs, links, schemes, countries, NUTS, sources and the catalogue.
        var all = new List<Quad>(Build());
        var snapshot = fixture.Store.Snapshot();
        var cursor = snapshot.Find(default);
        while (cursor.MoveNext())
        {
            var q = cursor.Current;
            all.Add(new Quad((NamedOrBlankNode)snapshot.GetTerm(q.S), (Iri)snapshot.GetTerm(q.P), snapshot.GetTerm(q.O), null));
        }
        Assert.True(all.Count > 50_000);
        var report = Rdf.Shacl.ShaclValidator.Validate(all, DcatApShapes.Quads);
        Assert.True(report.Conforms, report.ToText());
    }

    [SkippableFact]
    public void JenaFindsTheCatalogueConformingToo()
    {
        Skip.If(ShaclTestKit.JenaMissing is not null, ShaclTestKit.JenaMissing);
        string data = Path.Combine(fixture.Scratch, "catalog.ttl");
        ShaclTestKit.Write(data, Build());
        var (conforms, keys) = ShaclTestKit.JenaKeys(data, DcatApShapes.WriteFile(fixture.Scratch));
        Assert.True(conforms, string.Join("\n", keys));
    }

    /// <summary>No catalogue title, a distribution without accessURL, a media type given as a string.</summary>
    private List<Quad> Broken()
    {
        string catalog = Base + "/catalog", turtle = Base + "/source/edih2025/distribution/ttl", nt = Base + "/source/edih2025/distribution/nt";
        var quads = Build().ToList();
        quads.RemoveAll(q => q.Subject is Iri s && (
            (s.Value == catalog && q.Predicate.Value == Dct + "title") ||
            (s.Value == turtle && q.Predicate.Value == Dcat + "accessURL")));
        int i = quads.FindIndex(q => q.Subject is Iri s && s.Value == nt && q.Predicate.Value == Dcat + "mediaType");
        quads[i] = quads[i] with { Object = Literal.Simple("application/n-triples") };
        return quads;
    }

    private static readonly string[] s_expectedBroken =
    [
        $"{Base}/catalog | {Dct}title | MinCountConstraintComponent",
        $"{Base}/source/edih2025/distribution/nt | {Dcat}mediaType | ClassConstraintComponent",
        $"{Base}/source/edih2025/distribution/nt | {Dcat}mediaType | NodeKindConstraintComponent",
        $"{Base}/source/edih2025/distribution/ttl | {Dcat}accessURL | MinCountConstraintComponent",
    ];

    [Fact]
    public void ABrokenCopyGetsTheExpectedViolations()
    {
        var keys = ShaclTestKit.OurKeys(Broken(), DcatApShapes.Quads, out var report);
        Assert.Equal(s_expectedBroken, keys);
        Assert.Equal(4, report.Results.Count);
    }

    [SkippableFact]
    public void JenaReportsTheSameViolationsOnTheBrokenCopy()
    {
        Skip.If(ShaclTestKit.JenaMissing is not null, ShaclTestKit.JenaMissing);
        var broken = Broken();
        string data = Path.Combine(fixture.Scratch, "broken.ttl");
        ShaclTestKit.Write(data, broken);
        var (conforms, jena) = ShaclTestKit.JenaKeys(data, DcatApShapes.WriteFile(fixture.Scratch));
        Assert.False(conforms);
        Assert.Equal(ShaclTestKit.OurKeys(broken, DcatApShapes.Quads, out _), jena);
        Assert.Equal(s_expectedBroken, jena);
    }

    [Fact]
    public void PagesListASliceWithHydraLinks()
    {
        var datasets = new[] { "a", "b", "c" }.Select(k => new SourceDataset(Iri.Create($"{Base}/source/{k}"), k, "Source " + k, null, 1, [])).ToList();
        var quads = CatalogBuilder.Build(datasets, fixture.Options, new CatalogPage(1, 1));
        string catalog = Base + "/catalog", hydra = DcatAp.Hydra;
        Assert.Equal([Iri.Create(Base + "/source/b")], All(quads, catalog, Dcat + "dataset"));
        Assert.Equal([Iri.Create(Base + "/source/b")], All(quads, Base + "/service/sparql", Dcat + "servesDataset"));
        Assert.Equal(Literal.Typed("3", Vocabulary.Xsd.Integer), One(quads, catalog, hydra + "totalItems"));
        string view = ((Iri)One(quads, catalog, hydra + "view")!).Value;
        Assert.Equal(catalog + "?offset=1&limit=1", view);
        Assert.Equal(Iri.Create(catalog + "?offset=0&limit=1"), One(quads, view, hydra + "previous"));
        Assert.Equal(Iri.Create(catalog + "?offset=2&limit=1"), One(quads, view, hydra + "next"));
        Assert.Equal(Iri.Create(catalog + "?offset=2&limit=1"), One(quads, view, hydra + "last"));
        Assert.Null(One(quads, Base + "/source/a", Dct + "title"));

        var last = CatalogBuilder.Build(datasets, fixture.Options, new CatalogPage(2, 1));
        Assert.Null(One(last, catalog + "?offset=2&limit=1", hydra + "next"));
        Assert.True(Rdf.Shacl.ShaclValidator.Validate(quads, DcatApShapes.Quads).Conforms);
        Assert.Throws<ArgumentOutOfRangeException>(() => CatalogBuilder.Build(datasets, fixture.Options, new CatalogPage(0, 0)));
    }

    [Fact]
    public void AnEmptyStoreGivesACatalogueWithoutDatasets()
    {
        using var empty = new MemoryDataset();
        var quads = CatalogBuilder.Build(empty.Snapshot(), fixture.Options);
        Assert.Empty(All(quads, Base + "/catalog", Dcat + "dataset"));
        Assert.True(Rdf.Shacl.ShaclValidator.Validate(quads, DcatApShapes.Quads).Conforms);
    }
}
