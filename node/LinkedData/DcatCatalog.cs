using System.Globalization;
using DihNode.Node.Federation;
using DihNode.Node.Hosting;
using DihNode.Node.Registry;
using DihNode.Rdf.Model;
using DihNode.Vocab.Catalog;
using Microsoft.EntityFrameworkCore;

namespace DihNode.Node.LinkedData;

/// <summary>
/// The node's DCAT-AP 3.0 catalogue (<see cref="CatalogBuilder"/>) over its current data: one dataset per
/// source its own hubs come from, each with the node's dump files as distributions, and data services for
/// its SPARQL and OData endpoints at the node's public URL. A node holding peers' hubs (an aggregator) lists
/// each peer's catalogue as a part (<c>dct:hasPart</c>): a <c>dcat:Catalog</c> titled and published as the
/// peer said in its Hello (<see cref="PeerDescription"/>), with the source datasets of that peer's hubs (read
/// from the peer's graph) and the peer's dumps as their distributions. <see cref="PageSize"/> entries
/// (own datasets, then peers) a page.
/// </summary>
internal sealed class DcatCatalog(NodeStore store, NodeOptions options) : ICatalogSource
{
    public const int PageSize = 50;

    /// <summary>The catalogue title: <see cref="NodeOptions.CatalogTitle"/>, else one naming the node's country.</summary>
    public static string TitleOf(NodeOptions options) =>
        options.CatalogTitle ?? (options.Country is { Length: > 0 } c ? $"Digital Innovation Hubs ({c})" : "Digital Innovation Hubs");

    public static string PublisherOf(NodeOptions options) => options.PublisherName ?? "DihNode";

    public CatalogPage? GetPage(int page, string publicUrl)
    {
        var snapshot = store.Rdf.Snapshot();
        var datasets = SourceDataset.Read(snapshot, store.Iris);
        var parts = Peers(snapshot);
        int last = Math.Max(1, (datasets.Count + parts.Count + PageSize - 1) / PageSize);
        if (page < 1 || page > last) return null;
        string root = (options.PublicUrl ?? publicUrl).TrimEnd('/');
        var catalogOptions = new CatalogOptions(store.Iris)
        {
            Title = TitleOf(options),
            PublisherName = PublisherOf(options),
            SparqlEndpoint = Iri.FromTrusted(root + "/sparql"),
            ODataEndpoint = Iri.FromTrusted(root + "/odata"),
            // Each dump holds every source's hubs (the node's managed graphs), so every dataset offers the same files.
            Dumps = [.. DumpFormats.All.Select(f => new DumpDistribution(f, root + "/dump/hubs.{ext}"))],
        };
        var slice = datasets.Count + parts.Count > PageSize ? new Vocab.Catalog.CatalogPage((page - 1) * PageSize, PageSize) : (Vocab.Catalog.CatalogPage?)null;
        var quads = CatalogBuilder.Build(datasets, catalogOptions, slice, parts);
        return new CatalogPage([.. quads.Select(q => q.Triple)], page, last);
    }

    /// <summary>The peers whose hubs this node holds, by name, each with the source datasets of its graph.</summary>
    private List<PeerCatalogue> Peers(Rdf.Store.IQuadStore snapshot)
    {
        List<string> origins;
        Dictionary<string, PeerDescription> described;
        Dictionary<string, string> received;
        Dictionary<string, string> countries;
        using (var context = store.NewContext())
        {
            countries = context.Countries.AsNoTracking().ToDictionary(c => c.Code, c => c.Iri, StringComparer.OrdinalIgnoreCase);
            origins = context.Hubs.AsNoTracking().Where(h => h.Origin != "").Select(h => h.Origin).Distinct().ToList();
            if (origins.Count == 0) return [];
            described = PeerDescription.LoadAll(context);
            received = context.Settings.AsNoTracking().Where(s => s.Key.StartsWith("peer/") && s.Key.EndsWith("/received")).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        }
        var result = new List<PeerCatalogue>();
        foreach (string name in origins.Order(StringComparer.Ordinal))
        {
            var d = described.GetValueOrDefault(name);
            var datasets = SourceDataset.Read(snapshot, store.Iris, PeerGraphs.Graph(store.Iris, name));
            DateTimeOffset? at = received.TryGetValue(HubRegistry.ReceivedKey(name), out string? text)
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
            Iri? country = d is { Country.Length: > 0 } && countries.TryGetValue(d.Country, out string? c) ? Iri.FromTrusted(c) : null;
            result.Add(new PeerCatalogue(
                name,
                d is { Title.Length: > 0 } ? d.Title : $"Digital Innovation Hubs of federation node '{name}'",
                d is { Publisher.Length: > 0 } ? d.Publisher : $"Operator of federation node '{name}'",
                d is { PublicUrl.Length: > 0 } && Uri.TryCreate(d.PublicUrl, UriKind.Absolute, out _) ? d.PublicUrl : null,
                country, datasets, at));
        }
        return result;
    }
}
