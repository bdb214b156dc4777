using DihNode.Rdf.Model;

namespace DihNode.Vocab.Profile;

/// <summary>
/// The IRI patterns of PROFILE.md under one configurable base (no trailing slash):
/// hubs <c>{base}/hub/{source}/{key}</c>, their parts <c>{hub}/address</c> and
/// <c>{hub}/involvement/{scheme}/{concept}</c>, concept schemes <c>{base}/scheme/{scheme}</c>, concepts
/// <c>{base}/concept/{scheme}/{slug}</c>, sources <c>{base}/source/{source}</c>, graphs <c>{base}/graph/{name}</c>.
/// </summary>
public sealed class ProfileIris
{
    public const string DefaultBase = "https://dih.example.org";

    public ProfileIris(string baseIri)
    {
        string b = baseIri.TrimEnd('/');
        string? problem = Iri.Validate(b + "/x");
        if (problem is not null || !b.Contains("://", StringComparison.Ordinal))
            throw new FormatException($"base IRI '{baseIri}' is not an absolute IRI{(problem is null ? "" : ": " + problem)}");
        Base = b;
        HubsGraph = Iri.FromTrusted(b + "/graph/hubs");
        LinksGraph = Iri.FromTrusted(b + "/graph/links");
        SchemesGraph = Iri.FromTrusted(b + "/graph/schemes");
        CountriesGraph = Iri.FromTrusted(b + "/graph/countries");
        NutsGraph = Iri.FromTrusted(b + "/graph/nuts2024");
        SourcesGraph = Iri.FromTrusted(b + "/graph/sources");
    }

    public string Base { get; }

    /// <summary>The named graph of the managed hubs (hub descriptions only).</summary>
    public Iri HubsGraph { get; }

    /// <summary>The cross-source links (dct:relation), recomputed by each import.</summary>
    public Iri LinksGraph { get; }

    public Iri SchemesGraph { get; }

    public Iri CountriesGraph { get; }

    public Iri NutsGraph { get; }

    /// <summary>The descriptions of the sources hubs come from (dcat:Dataset), the objects of <c>dct:source</c>.</summary>
    public Iri SourcesGraph { get; }

    /// <summary>
    /// True for the graphs the node manages from its registry and reference data: every graph under
    /// <c>{base}/graph/</c> (hubs, links, schemes, countries, nuts2024, sources, and the peers' graphs of an
    /// aggregator). SPARQL Update, the Graph Store Protocol and <c>dihnode load</c> may not write them.
    /// </summary>
    public bool IsManagedGraph(Iri graph) => graph.Value.StartsWith(Base + "/graph/", StringComparison.Ordinal);

    public Iri Hub(string source, string key) => Iri.FromTrusted($"{Base}/hub/{source}/{key}");

    public Iri Source(string source) => Iri.FromTrusted($"{Base}/source/{source}");

    public Iri Scheme(string scheme) => Iri.FromTrusted($"{Base}/scheme/{scheme}");

    public Iri Concept(string scheme, string label) => Iri.FromTrusted($"{Base}/concept/{scheme}/{Names.Slug(label)}");

    public static Iri Address(Iri hub) => Iri.FromTrusted(hub.Value + "/address");

    public static Iri Involvement(Iri hub, string scheme, Iri concept) =>
        Iri.FromTrusted($"{hub.Value}/involvement/{scheme}/{concept.Value[(concept.Value.LastIndexOf('/') + 1)..]}");
}
