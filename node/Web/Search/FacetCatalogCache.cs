using DihNode.Node.Registry;

namespace DihNode.Node.Web.Search;

/// <summary>
/// The facet catalogue, read from the registry once and again after each registry write: the search
/// page and its exports need it on every request, and reading every country and concept each time cost
/// about a third of a search page's allocations. Every registry write goes through
/// <see cref="HubRegistry"/> (the node holds the store's lock), whose <see cref="HubRegistry.Committed"/>
/// drops the catalogue; a catalogue read while a write committed is used once and not kept.
/// </summary>
internal sealed class FacetCatalogCache
{
    private FacetCatalog? _catalog;
    private long _generation;

    public FacetCatalogCache(NodeStore store) => store.Registry.Committed += _ =>
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _catalog, null);
    };

    public async Task<FacetCatalog> GetAsync(RegistryDbContext db, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _catalog) is { } cached) return cached;
        long generation = Interlocked.Read(ref _generation);
        var loaded = await FacetCatalog.LoadAsync(db, cancellationToken);
        if (Interlocked.Read(ref _generation) == generation) Interlocked.CompareExchange(ref _catalog, loaded, null);
        return loaded;
    }
}
