using DihNode.Rdf.Model;
using DihNode.Vocab;
using DihNode.Vocab.Profile;

namespace DihNode.Node.Registry;

/// <summary>
/// The registry's countries and concepts by IRI, for turning records into rows inside one write. A
/// concept not yet in the registry (RDF input naming its own topics) is created on first use.
/// </summary>
internal sealed class ReferenceLookup
{
    private readonly RegistryDbContext _context;
    private readonly Dictionary<string, Concept> _concepts;
    private readonly Dictionary<string, Country> _countries;

    public ReferenceLookup(RegistryDbContext context, ProfileIris iris)
    {
        _context = context;
        Iris = iris;
        _concepts = context.Concepts.ToDictionary(c => c.Iri, StringComparer.Ordinal);
        _countries = context.Countries.ToDictionary(c => c.Iri, StringComparer.Ordinal);
    }

    public ProfileIris Iris { get; }

    public bool IsCountry(Iri iri) => _countries.ContainsKey(iri.Value);

    public bool IsConcept(Iri iri) => _concepts.ContainsKey(iri.Value);

    public Country Country(Iri country) =>
        _countries.GetValueOrDefault(country.Value) ?? throw new RegistryRuleException("country", $"unknown country <{country.Value}>");

    public Concept Concept(Iri iri, string scheme)
    {
        if (_concepts.TryGetValue(iri.Value, out var concept)) return concept;
        string label = Uri.UnescapeDataString(iri.Value[(iri.Value.LastIndexOfAny(['/', '#']) + 1)..]);
        concept = new Concept { Iri = iri.Value, Scheme = scheme, Label = label.Length > 0 ? label : iri.Value };
        _context.Concepts.Add(concept);
        _concepts.Add(iri.Value, concept);
        return concept;
    }

    /// <summary>The concept with <paramref name="notation"/> or label in <paramref name="scheme"/>, ignoring case.</summary>
    public Concept? FindConcept(string scheme, string notationOrLabel) =>
        _concepts.Values.FirstOrDefault(c => c.Scheme == scheme
            && (string.Equals(c.Notation, notationOrLabel, StringComparison.OrdinalIgnoreCase) || string.Equals(c.Label, notationOrLabel, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The country with EU code <paramref name="code"/>, ignoring case.</summary>
    public Country? FindCountry(string code) =>
        _countries.Values.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.OrdinalIgnoreCase));

    internal static string NutsIri(string code) => Namespaces.NutsCode + code;
}
