using DihNode.Rdf.Model;
using DihNode.Vocab.Profile;

namespace DihNode.Vocab.Catalog;

/// <summary>
/// One dump distribution: a serialisation and the URL of its file, where <c>{source}</c> stands for
/// the source dataset's short name (<c>edih2025</c>) and <c>{ext}</c> for the format's extension.
/// </summary>
public sealed record DumpDistribution(DumpFormat Format, string UrlTemplate)
{
    /// <summary>The download URL of this distribution of <paramref name="source"/>'s dataset.</summary>
    public Iri Url(string source)
    {
        string url = UrlTemplate.Replace("{source}", source, StringComparison.Ordinal).Replace("{ext}", Format.Extension(), StringComparison.Ordinal);
        return Iri.TryCreate(url, out var iri) ? iri! : throw new FormatException($"dump URL '{url}' ({Format.Label()}) is not an absolute IRI");
    }
}

/// <summary>
/// What the node says about itself in its DCAT-AP catalogue. Everything has a default made from the
/// base IRI: endpoints <c>{base}/sparql</c> and <c>{base}/odata</c>, dumps <c>{base}/dump/{source}.{ext}</c>
/// in every <see cref="DumpFormat"/>, licence CC BY 4.0, language English.
/// </summary>
public sealed class CatalogOptions
{
    public CatalogOptions(ProfileIris iris)
    {
        Iris = iris ?? throw new ArgumentNullException(nameof(iris));
        Catalog = Iri.FromTrusted(iris.Base + "/catalog");
        Publisher = Iri.FromTrusted(iris.Base + "/publisher");
        SparqlEndpoint = Iri.FromTrusted(iris.Base + "/sparql");
        ODataEndpoint = Iri.FromTrusted(iris.Base + "/odata");
        Dumps = [.. DumpFormats.All.Select(f => new DumpDistribution(f, iris.Base + "/dump/{source}.{ext}"))];
    }

    /// <summary>The node's IRI patterns (the source datasets and graphs the catalogue reads).</summary>
    public ProfileIris Iris { get; }

    /// <summary>The catalogue's own IRI (<c>{base}/catalog</c>).</summary>
    public Iri Catalog { get; init; }

    public string Title { get; init; } = "Digital Innovation Hubs";

    public string Description { get; init; } =
        "Europe's Digital Innovation Hubs as linked data: the hubs, their addresses, regions and their involvement in sectors, services and technologies, one dataset per source catalogue.";

    /// <summary>The node's operator, a foaf:Agent (<c>{base}/publisher</c>).</summary>
    public Iri Publisher { get; init; }

    public string PublisherName { get; init; } = "DihNode";

    /// <summary>The licence of the catalogue, its datasets' distributions and services (EU licence table IRI).</summary>
    public Iri Licence { get; init; } = DcatAp.CcBy40;

    /// <summary>The language of the metadata and data (EU language table IRI).</summary>
    public Iri Language { get; init; } = DcatAp.English;

    /// <summary>The node's home page, a foaf:Document; none by default.</summary>
    public Iri? Homepage { get; init; }

    /// <summary>When the catalogue was first published (dct:issued); omitted when null.</summary>
    public DateTimeOffset? Issued { get; init; }

    /// <summary>When the catalogue last changed (dct:modified); the time of the build when null.</summary>
    public DateTimeOffset? Modified { get; init; }

    /// <summary>The SPARQL 1.1 endpoint; no data service for it when null.</summary>
    public Iri? SparqlEndpoint { get; init; }

    /// <summary>The OData v4 service root; no data service for it when null.</summary>
    public Iri? ODataEndpoint { get; init; }

    /// <summary>The dump files offered for each dataset.</summary>
    public IReadOnlyList<DumpDistribution> Dumps { get; init; }
}

/// <summary>One page of the catalogue's datasets: <paramref name="Offset"/> datasets skipped, at most <paramref name="Limit"/> listed.</summary>
public readonly record struct CatalogPage(int Offset, int Limit)
{
    public void Validate()
    {
        if (Offset < 0) throw new ArgumentOutOfRangeException(nameof(Offset), Offset, "the offset is negative");
        if (Limit < 1) throw new ArgumentOutOfRangeException(nameof(Limit), Limit, "the limit is below 1");
    }
}
