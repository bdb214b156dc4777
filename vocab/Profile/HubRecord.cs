using DihNode.Rdf.Model;

namespace DihNode.Vocab.Profile;

/// <summary>A hub's topic with its self-declared involvement level (1–5), or no level when the source has none.</summary>
public sealed record HubTopic(string Scheme, Iri Concept, int? Level);

/// <summary>
/// A hub as the importers read it, validated, before it becomes triples
/// (<see cref="HubDescriptionBuilder"/>); also the node registry's row. <see cref="Source"/> is the
/// source's short name (edih2025, jrc2022, csv, rdf); <see cref="Key"/> the normalised, source-stable
/// part of the hub IRI and identifier.
/// </summary>
public sealed record HubRecord
{
    public required string Source { get; init; }
    public required string Key { get; init; }
    public required string SourceRecord { get; init; }
    public required string Name { get; init; }
    public string? Title { get; init; }
    public required Iri HubType { get; init; }
    public required Iri Country { get; init; }
    public Iri? NutsRegion { get; init; }
    public string? FullAddress { get; init; }
    public string? Street { get; init; }
    public string? PostCode { get; init; }
    public string? City { get; init; }
    public string? Website { get; init; }
    public string? Description { get; init; }
    public List<HubTopic> Topics { get; init; } = [];

    /// <summary>The hub's IRI when the input names it (RDF input); null: <c>{base}/hub/{source}/{key}</c>.</summary>
    public Iri? Iri { get; init; }

    /// <summary>Statements about the hub outside the profile's properties, kept as given (RDF input).</summary>
    public IReadOnlyList<Triple> Extra { get; init; } = [];

    /// <summary><c>{source}/{key}</c>, the hub's <c>dct:identifier</c>.</summary>
    public string Identifier => $"{Source}/{Key}";
}
