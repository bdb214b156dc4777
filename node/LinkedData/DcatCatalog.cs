using DihNode.Node.Hosting;
using DihNode.Node.Registry;
using DihNode.Vocab.Catalog;

namespace DihNode.Node.LinkedData;

/// <summary>
/// The node's DCAT-AP 3.0 catalogue (<see cref="CatalogBuilder"/>) over its current data: one dataset per
/// source its hubs come from, each with the node's dump files as distributions, and data services for
/// its SPARQL and OData endpoints at the node's public URL. <see cref="PageSize"/> datasets a page.
/// </summary>
internal sealed class DcatCatalog(NodeStore store, NodeOptions options) : ICatalogSource
{
    public const int PageSize = 50;

    public CatalogPage? GetPage(int page, string publicUrl)
    {
        var snapshot = store.Rdf.Snapshot();
        var datasets = SourceDataset.Read(snapshot, store.Iris);
        int last = Math.Max(1, (datasets.Count + PageSize - 1) / PageSize);
        if (page < 1 || page > last) return null;
        string root = (options.PublicUrl ?? publicUrl).TrimEnd('/');
        var catalogOptions = new CatalogOptions(store.Iris)
        {
            SparqlEndpoint = Rdf.Model.Iri.FromTrusted(root + "/sparql"),
            ODataEndpoint = Rdf.Model.Iri.FromTrusted(root + "/odata"),
            // Each dump holds every source's hubs (the node's managed graphs), so every dataset offers the same files.
            Dumps = [.. DumpFormats.All.Select(f => new DumpDistribution(f, root + "/dump/hubs.{ext}"))],
        };
        var slice = datasets.Count > PageSize ? new Vocab.Catalog.CatalogPage((page - 1) * PageSize, PageSize) : (Vocab.Catalog.CatalogPage?)null;
        var quads = CatalogBuilder.Build(datasets, catalogOptions, slice);
        return new CatalogPage([.. quads.Select(q => q.Triple)], page, last);
    }
}
