using DihNode.Rdf.Model;
using DihNode.Vocab;
using DihNode.Vocab.Profile;
using Microsoft.EntityFrameworkCore;

namespace DihNode.Node.Registry;

/// <summary>
/// The registry's countries and concepts by IRI, for turning records into rows inside one write. A
/// concept not yet in the registry (RDF input naming its own topics) is created on first use.
/// </summary>
/// <remarks>
/// The tables are read without tracking and a row is attached to the context only when a write uses
/// it (or the context's own tracked instance is handed out): tracking all 330 rows cost about 450 KB
/// for every registry write, most of an OData PATCH's allocations.
/// </remarks>
internal sealed class ReferenceLookup
{
    private readonly RegistryDbContext _context;
    private readonly Dictionary<string, Concept> _concepts;
    private readonly Dictionary<string, Country> _countries;

    public ReferenceLookup(RegistryDbContext context, ProfileIris iris)
    {
        _context = context;
        Iris = iris;
        _concepts = context.Concepts.AsNoTracking().ToDictionary(c => c.Iri, StringComparer.Ordinal);
        _countries = context.Countries.AsNoTracking().ToDictionary(c => c.Iri, StringComparer.Ordinal);
    }

    public ProfileIris Iris { get; }

    public bool IsCountry(Iri iri) => _countries.ContainsKey(iri.Value);

    public bool IsConcept(Iri iri) => _concepts.ContainsKey(iri.Value);

    public Country Country(Iri country) =>
        Tracked(_countries.GetValueOrDefault(country.Value) ?? throw new RegistryRuleException("country", $"unknown country <{country.Value}>"));

    public Concept Concept(Iri iri, string scheme)
    {
        if (_concepts.TryGetValue(iri.Value, out var concept)) return Tracked(concept);
        string label = Uri.UnescapeDataString(iri.Value[(iri.Value.LastIndexOfAny(['/', '#']) + 1)..]);
        concept = new Concept { Iri = iri.Value, Scheme = scheme, Label = label.Length > 0 ? label : iri.Value };
        _context.Concepts.Add(concept);
        _concepts.Add(iri.Value, concept);
        return concept;
    }

    /// <summary>The concept with <paramref name="notation"/> or label in <paramref name="scheme"/>, ignoring case.</summary>
    public Concept? FindConcept(string scheme, string notationOrLabel) =>
        _concepts.Values.FirstOrDefault(c => c.Scheme == scheme
            && (string.Equals(c.Notation, notationOrLabel, StringComparison.OrdinalIgnoreCase) || string.Equals(c.Label, notationOrLabel, StringComparison.OrdinalIgnoreCase)))
        is { } found ? Tracked(found) : null;

    /// <summary>The country with EU code <paramref name="code"/>, ignoring case.</summary>
    public Country? FindCountry(string code) =>
        _countries.Values.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.OrdinalIgnoreCase)) is { } found ? Tracked(found) : null;

    /// <summary>The instance the context tracks for this row (one it read or added itself), else <paramref name="concept"/> attached as unchanged.</summary>
    private Concept Tracked(Concept concept)
    {
        if (concept.Id == 0) return concept; // added by this lookup, tracked since
        if (_context.Concepts.Local.FindEntry(concept.Id) is { } entry) return entry.Entity;
        _context.Concepts.Attach(concept);
        return concept;
    }

    private Country Tracked(Country country)
    {
        if (_context.Countries.Local.FindEntry(country.Code) is { } entry) return entry.Entity;
        _context.Countries.Attach(country);
        return country;
    }

    internal static string NutsIri(string code) => Namespaces.NutsCode + code;
}
