namespace DihNode.Node.Registry;

/// <summary>
/// A hub in the registry, the node's source of truth (PROFILE.md's hub, one row). The managed hubs
/// graph is this table projected to RDF; OData serves it as it is. <see cref="Version"/> changes with
/// every write and is the hub's ETag.
/// </summary>
public sealed class Hub
{
    public int Id { get; set; }

    /// <summary><c>{source}/{key}</c>, the hub's <c>dct:identifier</c>.</summary>
    public string Identifier { get; set; } = "";

    public string Iri { get; set; } = "";

    /// <summary>The source's short name: edih2025, jrc2022, csv, rdf (or a peer's, on an aggregator).</summary>
    public string Source { get; set; } = "";

    public string SourceRecord { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Title { get; set; }

    public string? Description { get; set; }

    public int TypeId { get; set; }

    public Concept? Type { get; set; }

    /// <summary>The EU country code (EL, not GR).</summary>
    public string CountryCode { get; set; } = "";

    public Country? Country { get; set; }

    /// <summary>The NUTS 2024 level-3 code the hub's address names (PL711), if any.</summary>
    public string? NutsCode { get; set; }

    public string? Website { get; set; }

    public string? FullAddress { get; set; }

    public string? Street { get; set; }

    public string? PostCode { get; set; }

    public string? City { get; set; }

    /// <summary>Statements about the hub outside the profile (RDF input), as N-Triples; not served by OData.</summary>
    public string? ExtraTriples { get; set; }

    /// <summary>Which node published the hub: empty for this node's own hubs, else the peer's name.</summary>
    public string Origin { get; set; } = "";

    /// <summary>When the hub last changed (UTC).</summary>
    public DateTime Modified { get; set; }

    /// <summary>A number that changes on every write (the change sequence that wrote it): the ETag.</summary>
    public long Version { get; set; }

    public List<Involvement> Involvements { get; set; } = [];
}
