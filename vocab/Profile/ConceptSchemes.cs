using DihNode.Rdf.Model;
using DihNode.Vocab.Csv;
using static DihNode.Vocab.Namespaces;

namespace DihNode.Vocab.Profile;

/// <summary>
/// The profile's SKOS concept schemes: hub types (fixed), and the EDIH 2025 sectors, services,
/// technologies and the legacy 2022 sectors read from <c>taxonomies.csv</c>
/// (<c>source, facet, label, hub_count</c>), with the legacy-to-2025 matches of <see cref="SectorMapping"/>.
/// </summary>
public sealed class ConceptSchemes
{
    public const string HubType = "hub-type";
    public const string Sector = "sector";
    public const string Service = "service";
    public const string Technology = "technology";
    public const string LegacySector = "sector-2022";

    /// <summary>The hub types: label and notation.</summary>
    public static IReadOnlyList<(string Label, string Notation)> HubTypes { get; } =
        [("EDIH", "EDIH"), ("Seal of Excellence", "SoE"), ("DIH", "DIH")];

    private static readonly (string Scheme, string Title)[] s_schemes =
    [
        (HubType, "DIH hub types"),
        (Sector, "EDIH catalogue sectors (2025)"),
        (Service, "EDIH catalogue services (2025)"),
        (Technology, "EDIH catalogue technologies (2025)"),
        (LegacySector, "JRC DIH tool market sectors (legacy, 2022)"),
    ];

    private readonly Dictionary<(string Scheme, string Label), Iri> _concepts = [];
    private readonly List<Quad> _quads = [];

    private ConceptSchemes(ProfileIris iris) => Iris = iris;

    public ProfileIris Iris { get; }

    /// <summary>The schemes' statements, in <see cref="ProfileIris.SchemesGraph"/>.</summary>
    public IReadOnlyList<Quad> Quads => _quads;

    /// <summary>The concept for <paramref name="label"/> in <paramref name="scheme"/> (labels compared ignoring case), or null.</summary>
    public Iri? Find(string scheme, string label) => _concepts.GetValueOrDefault((scheme, label.Trim().ToLowerInvariant()));

    public static ConceptSchemes Build(ProfileIris iris, string taxonomiesCsv)
    {
        var records = new CsvReader { SourceName = taxonomiesCsv }.Read(File.ReadAllBytes(taxonomiesCsv));
        if (records.Count == 0 || !records[0].Fields.SequenceEqual(["source", "facet", "label", "hub_count"]))
            throw new CsvFormatException("expected the columns source,facet,label,hub_count", 1, 1, 1, taxonomiesCsv);
        var schemes = new ConceptSchemes(iris);
        foreach (var (scheme, title) in s_schemes)
        {
            var s = iris.Scheme(scheme);
            schemes.Add(s, Vocabulary.Rdf.Type, SkosTerms.ConceptScheme);
            schemes.Add(s, SkosTerms.PrefLabel, Literal.LangString(title, "en"));
            schemes.Add(s, DctTerms.Title, Literal.LangString(title, "en")); // DCAT-AP requires a title on a concept scheme
        }
        foreach (var (label, notation) in HubTypes) schemes.AddConcept(HubType, label, notation);
        foreach (var r in records.Skip(1))
        {
            string scheme = (r.Fields[0], r.Fields[1]) switch
            {
                ("edih-catalogue-2025", "sector") => Sector,
                ("edih-catalogue-2025", "service") => Service,
                ("edih-catalogue-2025", "technology") => Technology,
                ("jrc-dih-tool-legacy-2022", "sector") => LegacySector,
                _ => throw new CsvFormatException($"unknown source/facet '{r.Fields[0]}/{r.Fields[1]}'", r.Row, r.Line, 1, taxonomiesCsv),
            };
            schemes.AddConcept(scheme, r.Fields[2], null);
        }
        foreach (var (legacy, exact, sector) in SectorMapping.Table)
        {
            var from = schemes.Find(LegacySector, legacy);
            var to = schemes.Find(Sector, sector);
            if (from is null || to is null) continue; // a taxonomy without that label
            schemes.Add(from, exact ? SkosTerms.ExactMatch : SkosTerms.CloseMatch, to);
        }
        return schemes;
    }

    private void AddConcept(string scheme, string label, string? notation)
    {
        string key = label.Trim().ToLowerInvariant();
        if (_concepts.ContainsKey((scheme, key))) return;
        var c = Iris.Concept(scheme, label);
        _concepts[(scheme, key)] = c;
        var s = Iris.Scheme(scheme);
        Add(c, Vocabulary.Rdf.Type, SkosTerms.Concept);
        Add(c, SkosTerms.PrefLabel, Literal.LangString(label.Trim(), "en"));
        Add(c, SkosTerms.InScheme, s);
        Add(c, SkosTerms.TopConceptOf, s);
        Add(s, SkosTerms.HasTopConcept, c);
        if (notation is not null) Add(c, SkosTerms.Notation, Literal.Simple(notation));
    }

    private void Add(Iri s, Iri p, Term o) => _quads.Add(new Quad(s, p, o, Iris.SchemesGraph));
}
