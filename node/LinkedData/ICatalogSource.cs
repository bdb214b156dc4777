using DihNode.Rdf.Model;

namespace DihNode.Node.LinkedData;

/// <summary>
/// What <c>/catalog</c> serves: the node's DCAT-AP catalogue, one page at a time. The endpoint does
/// content negotiation, paging parameters and caching; the source only builds triples. Register an
/// implementation as a service to replace the default (<see cref="DcatCatalog"/>).
/// </summary>
public interface ICatalogSource
{
    /// <summary>
    /// Page <paramref name="page"/> (from 1) of the catalogue, or null when there is no such page.
    /// <paramref name="publicUrl"/> is the node's public base URL (no trailing slash), for the URLs of
    /// endpoints and downloads (<c>{publicUrl}/sparql</c>, <c>{publicUrl}/dump/hubs.ttl</c>).
    /// </summary>
    CatalogPage? GetPage(int page, string publicUrl);
}

/// <summary>
/// One page of the catalogue: its triples, and the neighbouring pages (null when none), which the
/// endpoint announces in <c>Link</c> headers (RFC 8288, rel next/prev/last).
/// </summary>
public sealed record CatalogPage(IReadOnlyList<Triple> Triples, int Page, int LastPage)
{
    public int? Next => Page < LastPage ? Page + 1 : null;

    public int? Previous => Page > 1 ? Page - 1 : null;
}
