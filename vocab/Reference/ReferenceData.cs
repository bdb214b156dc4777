using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Vocab.Csv;
using DihNode.Vocab.Profile;
using static DihNode.Vocab.Namespaces;

namespace DihNode.Vocab.Reference;

/// <summary>
/// The reference vocabularies an import needs, read from a data directory laid out like
/// <c>../shared/data</c>: <c>vocab/countries-current.ttl</c> (EU country authority table),
/// <c>vocab/nuts2024-levels0-2.ttl</c> plus the level-3 rows of <c>vocab/nuts2024.csv</c>, and
/// <c>dih/taxonomies.csv</c> for the concept schemes. Each vocabulary goes into its own named graph.
/// </summary>
public sealed class ReferenceData
{
    private readonly Dictionary<string, Iri> _countriesByCode = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<Iri> _countries = [];
    private readonly Dictionary<Iri, string> _euCodes = [];

    private ReferenceData(ProfileIris iris, ConceptSchemes schemes)
    {
        Iris = iris;
        Schemes = schemes;
    }

    public ProfileIris Iris { get; }

    public ConceptSchemes Schemes { get; }

    public List<Quad> CountryQuads { get; } = [];

    public List<Quad> NutsQuads { get; } = [];

    public List<Quad> SourceQuads { get; } = [];

    public NutsMatcher Nuts { get; private set; } = null!;

    /// <summary>All reference statements: concept schemes, countries, NUTS, source descriptions.</summary>
    public IEnumerable<Quad> AllQuads => Schemes.Quads.Concat(CountryQuads).Concat(NutsQuads).Concat(SourceQuads);

    /// <summary>The graphs this data owns (replaced whole on each import).</summary>
    public IEnumerable<Iri> Graphs => [Iris.SchemesGraph, Iris.CountriesGraph, Iris.NutsGraph, Iris.SourcesGraph];

    /// <summary>The sources a hub's <c>dct:source</c> may name: short name, title, publisher (OP corporate body code or null).</summary>
    public static IReadOnlyList<(string Source, string Title, string? Publisher)> Sources { get; } =
    [
        ("edih2025", "European Digital Innovation Hubs catalogue export (2025-05-05)", "CNECT"),
        ("jrc2022", "JRC S3 Platform, Digital Innovation Hubs Tool (legacy snapshot, 2022)", "JRC"),
        ("csv", "National platform hub CSV (DihNode template)", null),
        ("odata", "Hubs registered through the node's OData service", null),
        ("rdf", "Hub RDF import", null),
    ];

    /// <summary>A current country concept by authority IRI, ISO 3166-1 alpha-2 code, EU code (EL, UK) or authority code (DEU).</summary>
    public Iri? FindCountry(string value)
    {
        string v = value.Trim();
        if (v.StartsWith(CountryAuthority, StringComparison.Ordinal))
            return Iri.TryCreate(v, out var iri) && _countries.Contains(iri!) ? iri : null;
        return _countriesByCode.GetValueOrDefault(v);
    }

    public bool IsCountry(Iri iri) => _countries.Contains(iri);

    /// <summary>The EU protocol code (as NUTS uses: EL, UK) of a country concept, or null.</summary>
    public string? EuCode(Iri country) => _euCodes.GetValueOrDefault(country);

    /// <summary>Reads the reference data from <paramref name="dataDirectory"/> (the folder holding <c>vocab/</c> and <c>dih/</c>).</summary>
    public static ReferenceData Load(string dataDirectory, ProfileIris iris)
    {
        var schemes = ConceptSchemes.Build(iris, Path.Combine(dataDirectory, "dih", "taxonomies.csv"));
        var data = new ReferenceData(iris, schemes);
        data.LoadCountries(Path.Combine(dataDirectory, "vocab", "countries-current.ttl"));
        data.DescribeSources();
        data.LoadNuts(Path.Combine(dataDirectory, "vocab", "nuts2024-levels0-2.ttl"), Path.Combine(dataDirectory, "vocab", "nuts2024.csv"));
        AddSchemeTitles(data.CountryQuads, iris.CountriesGraph, "Countries and territories (EU authority table)");
        AddSchemeTitles(data.NutsQuads, iris.NutsGraph, "NUTS 2024");
        return data;
    }

    private void DescribeSources()
    {
        foreach (var (source, title, publisher) in Sources)
        {
            var s = Iris.Source(source);
            SourceQuads.Add(new Quad(s, Vocabulary.Rdf.Type, DcatTerms.Dataset, Iris.SourcesGraph));
            SourceQuads.Add(new Quad(s, DctTerms.Title, Literal.LangString(title, "en"), Iris.SourcesGraph));
            SourceQuads.Add(new Quad(s, DctTerms.Description, Literal.LangString($"Digital Innovation Hubs from the source '{title}', as the node's registry holds them.", "en"), Iris.SourcesGraph));
            if (publisher is null) continue;
            var agent = Iri.FromTrusted(CorporateBody + publisher);
            SourceQuads.Add(new Quad(s, DctTerms.Publisher, agent, Iris.SourcesGraph));
            SourceQuads.Add(new Quad(agent, Vocabulary.Rdf.Type, FoafTerms.Agent, Iris.SourcesGraph));
            SourceQuads.Add(new Quad(agent, FoafTerms.Name, Literal.Simple(publisher == "JRC" ? "Joint Research Centre" : "Directorate-General for Communications Networks, Content and Technology"), Iris.SourcesGraph));
        }
    }

    /// <summary>
    /// Gives each concept scheme of <paramref name="quads"/> without a <c>dct:title</c> one from its
    /// <c>skos:prefLabel</c> (or <paramref name="fallback"/>): DCAT-AP requires a title on every concept scheme
    /// a catalogue refers to, and the published country and NUTS files have labels only.
    /// </summary>
    private static void AddSchemeTitles(List<Quad> quads, Iri graph, string fallback)
    {
        var schemes = quads.Where(q => q.Predicate == Vocabulary.Rdf.Type && q.Object == SkosTerms.ConceptScheme).Select(q => q.Subject).Distinct().ToList();
        foreach (var scheme in schemes)
        {
            if (quads.Any(q => q.Subject == scheme && q.Predicate == DctTerms.Title)) continue;
            var label = quads.Where(q => q.Subject == scheme && q.Predicate == SkosTerms.PrefLabel).Select(q => q.Object).OfType<Literal>().FirstOrDefault();
            quads.Add(new Quad(scheme, DctTerms.Title, label ?? Literal.LangString(fallback, "en"), graph));
        }
    }

    private void LoadCountries(string path)
    {
        Parse(path, Iris.CountriesGraph, CountryQuads);
        foreach (var q in CountryQuads)
        {
            if (q.Subject is not Iri s || !s.Value.StartsWith(CountryAuthority, StringComparison.Ordinal)) continue;
            if (q.Predicate == SkosTerms.InScheme) _countries.Add(s);
            if (q.Predicate == SkosTerms.Notation && q.Object is Literal l && (l.Datatype == EuvocTerms.IsoAlpha2 || l.Datatype == EuvocTerms.IsgCou))
                _countriesByCode.TryAdd(l.LexicalForm, s);
            if (q.Predicate == SkosTerms.Notation && q.Object is Literal e && e.Datatype == EuvocTerms.IsgCou)
                _euCodes[s] = e.LexicalForm;
        }
        foreach (var c in _countries) _countriesByCode.TryAdd(c.Value[CountryAuthority.Length..], c);
        _countriesByCode.TryAdd("XK", Iri.FromTrusted(CountryAuthority + "XKX")); // Kosovo has no ISO notation
    }

    private void LoadNuts(string levels02Ttl, string nutsCsv)
    {
        Parse(levels02Ttl, Iris.NutsGraph, NutsQuads);
        var records = new CsvReader { SourceName = nutsCsv }.Read(File.ReadAllBytes(nutsCsv));
        var header = records[0].Fields;
        int code = Array.IndexOf(header, "code"), level = Array.IndexOf(header, "level"), country = Array.IndexOf(header, "country_code"),
            label = Array.IndexOf(header, "label"), latin = Array.IndexOf(header, "label_latin"), parent = Array.IndexOf(header, "parent_code");
        if (code < 0 || level < 0 || country < 0 || label < 0 || latin < 0 || parent < 0)
            throw new CsvFormatException("expected the columns code, level, country_code, label, label_latin, parent_code", 1, 1, 1, nutsCsv);
        var regions = new List<NutsRegion>();
        foreach (var r in records.Skip(1))
        {
            if (r.Fields[level] != "3" || r.Fields[code].EndsWith("ZZZ", StringComparison.Ordinal)) continue;
            var iri = Iri.FromTrusted(NutsCode + r.Fields[code]);
            regions.Add(new NutsRegion(iri, r.Fields[country], r.Fields[label], r.Fields[latin]));
            void Add(Iri p, Term o) => NutsQuads.Add(new Quad(iri, p, o, Iris.NutsGraph));
            Add(Vocabulary.Rdf.Type, SkosTerms.Concept);
            Add(SkosTerms.InScheme, NutsTerms.Scheme2024);
            Add(SkosTerms.Notation, Literal.Simple(r.Fields[code]));
            Add(SkosTerms.PrefLabel, Literal.Simple(r.Fields[label]));
            Add(NutsTerms.Level, Literal.Simple("3"));
            Add(SkosTerms.Broader, Iri.FromTrusted(NutsCode + r.Fields[parent]));
        }
        Nuts = new NutsMatcher(regions);
    }

    private static void Parse(string path, Iri graph, List<Quad> into)
    {
        using var input = File.OpenRead(path);
        RdfParser.Parse(input, RdfFormat.Turtle, new IntoGraph(into, graph), new RdfParserOptions { SourceName = path });
    }

    private sealed class IntoGraph(List<Quad> into, Iri graph) : IQuadSink
    {
        public void Add(in Quad quad) => into.Add(quad with { Graph = graph });
    }
}
