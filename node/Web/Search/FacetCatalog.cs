using DihNode.Node.Registry;
using DihNode.Vocab.Profile;
using Microsoft.EntityFrameworkCore;

namespace DihNode.Node.Web.Search;

/// <summary>A facet of the search page: its URL parameter, heading, and the concept scheme it filters on (null: country, hub type).</summary>
internal sealed record Facet(string Key, string Title, string? Scheme)
{
    public const string Country = "country";
    public const string Type = "type";

    /// <summary>The facets in the order the page shows them.</summary>
    public static IReadOnlyList<Facet> All { get; } =
    [
        new(Country, "Country", null),
        new(Type, "Hub type", null),
        new(ConceptSchemes.Sector, "Sector", ConceptSchemes.Sector),
        new(ConceptSchemes.Service, "Service", ConceptSchemes.Service),
        new(ConceptSchemes.Technology, "Technology", ConceptSchemes.Technology),
    ];
}

/// <summary>One value a facet can take: the value in the URL (country code, type notation, concept slug), its label and registry id.</summary>
internal sealed record FacetValue(string Value, string Label, int ConceptId, string? CountryCode);

/// <summary>
/// The values every facet can take, read from the registry's reference tables (countries, hub types and
/// the topic schemes' concepts). A URL names a value by its short form (<c>PL</c>, <c>EDIH</c>,
/// <c>artificial-intelligence</c>); the label is accepted too, ignoring case.
/// </summary>
internal sealed class FacetCatalog
{
    private static readonly Dictionary<string, FacetValue> s_none = new(StringComparer.Ordinal);

    /// <summary>Filled by <see cref="LoadAsync"/>, read-only after it: one catalogue serves concurrent requests (<see cref="FacetCatalogCache"/>).</summary>
    private readonly Dictionary<string, Dictionary<string, FacetValue>> _values = new(StringComparer.Ordinal);

    private FacetCatalog()
    {
        foreach (var facet in Facet.All) _values[facet.Key] = new Dictionary<string, FacetValue>(StringComparer.Ordinal);
    }

    public static async Task<FacetCatalog> LoadAsync(RegistryDbContext db, CancellationToken cancellationToken)
    {
        var catalog = new FacetCatalog();
        var countries = catalog.Values(Facet.Country);
        foreach (var c in await db.Countries.AsNoTracking().ToListAsync(cancellationToken))
            countries[c.Code] = new FacetValue(c.Code, c.Name, 0, c.Code);
        var concepts = await db.Concepts.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var c in concepts)
        {
            string? key = c.Scheme == ConceptSchemes.HubType ? Facet.Type : Facet.All.FirstOrDefault(f => f.Scheme == c.Scheme)?.Key;
            if (key is null) continue;
            string value = key == Facet.Type ? c.Notation ?? c.Label : c.Iri[(c.Iri.LastIndexOf('/') + 1)..];
            catalog.Values(key)[value] = new FacetValue(value, c.Label, c.Id, null);
        }
        return catalog;
    }

    /// <summary>The value of <paramref name="facet"/> that <paramref name="text"/> names (short form or label, any case), or null.</summary>
    public FacetValue? Find(string facet, string text)
    {
        var values = Values(facet);
        if (values.TryGetValue(text, out var exact)) return exact;
        foreach (var v in values.Values)
            if (v.Value.Equals(text, StringComparison.OrdinalIgnoreCase) || v.Label.Equals(text, StringComparison.OrdinalIgnoreCase)) return v;
        return null;
    }

    public FacetValue? ById(string facet, int conceptId) => Values(facet).Values.FirstOrDefault(v => v.ConceptId == conceptId);

    public FacetValue? ByCode(string code) => Values(Facet.Country).GetValueOrDefault(code);

    private Dictionary<string, FacetValue> Values(string facet) => _values.GetValueOrDefault(facet) ?? s_none;
}
