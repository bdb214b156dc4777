using DihNode.Rdf.Model;
using DihNode.Rdf.Store;
using DihNode.Vocab.Profile;

namespace DihNode.Vocab.Catalog;

/// <summary>
/// A source dataset (<c>{base}/source/{key}</c>, PROFILE.md) as far as the store tells: its title and
/// publisher from the sources graph, the number of hubs naming it with <c>dct:source</c> in the hubs
/// graph and the countries those hubs are in.
/// </summary>
public sealed record SourceDataset(Iri Iri, string Key, string Title, Iri? Publisher, int HubCount, IReadOnlyList<Iri> Countries)
{
    /// <summary>The source datasets that at least one hub names, ordered by IRI.</summary>
    public static IReadOnlyList<SourceDataset> Read(IQuadStore store, ProfileIris iris) => Read(store, iris, iris.HubsGraph);

    /// <summary>
    /// The source datasets the hubs in <paramref name="graph"/> name (an aggregator keeps each peer's hubs in
    /// its own graph), ordered by IRI. A source is any <c>…/source/{key}</c> IRI: a peer mints its sources
    /// under its own base IRI.
    /// </summary>
    public static IReadOnlyList<SourceDataset> Read(IQuadStore store, ProfileIris iris, Iri graph)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(graph);
        bool own = graph.Equals(iris.HubsGraph);
        string prefix = iris.Base + "/source/";
        if (!store.TryGetId(graph, out int hubs) || !store.TryGetId(Namespaces.DctTerms.Source, out int source)) return [];
        store.TryGetId(Namespaces.DctTerms.Spatial, out int spatial);

        var hubsBySource = new Dictionary<int, List<int>>();
        foreach (var q in store.Find(QuadPattern.InGraph(hubs, p: source)))
        {
            if (!hubsBySource.TryGetValue(q.O, out var list)) hubsBySource[q.O] = list = [];
            list.Add(q.S);
        }
        if (!own) DropLocalSources(store, prefix, hubsBySource);

        var result = new List<SourceDataset>();
        foreach (var (sourceId, hubIds) in hubsBySource)
        {
            if (store.GetTerm(sourceId) is not Iri sourceIri) continue;
            int at = own ? (sourceIri.Value.StartsWith(prefix, StringComparison.Ordinal) ? prefix.Length : -1) : SourceKeyStart(sourceIri.Value);
            if (at < 0 || at >= sourceIri.Value.Length) continue;
            string key = sourceIri.Value[at..];
            var countries = new SortedSet<string>(StringComparer.Ordinal);
            if (spatial != 0)
            {
                foreach (int hub in hubIds)
                    foreach (var q in store.Find(QuadPattern.InGraph(hubs, s: hub, p: spatial)))
                        if (store.GetTerm(q.O) is Iri c && c.Value.StartsWith(Namespaces.CountryAuthority, StringComparison.Ordinal))
                            countries.Add(c.Value);
            }
            var (title, publisher) = Describe(store, iris, sourceId);
            result.Add(new SourceDataset(sourceIri, key, title ?? key, publisher, hubIds.Count, [.. countries.Select(Iri.FromTrusted)]));
        }
        result.Sort((a, b) => string.CompareOrdinal(a.Iri.Value, b.Iri.Value));
        return result;
    }

    /// <summary>
    /// A peer with another base IRI: its hubs keep the peer's <c>dct:source</c> and, as this node records
    /// them, also one of this node's sources (<c>{base}/source/rdf</c>). The peer's own source names the dataset:
    /// a hub's local sources are dropped when it names a foreign one.
    /// </summary>
    private static void DropLocalSources(IQuadStore store, string prefix, Dictionary<int, List<int>> hubsBySource)
    {
        bool Local(int id) => store.GetTerm(id) is Iri i && i.Value.StartsWith(prefix, StringComparison.Ordinal);
        var withForeign = hubsBySource.Where(e => !Local(e.Key)).SelectMany(e => e.Value).ToHashSet();
        if (withForeign.Count == 0) return;
        foreach (var (id, list) in hubsBySource.Where(e => Local(e.Key)).ToList())
        {
            list.RemoveAll(withForeign.Contains);
            if (list.Count == 0) hubsBySource.Remove(id);
        }
    }

    /// <summary>Where the key starts in a peer's <c>{its base}/source/{key}</c> IRI; -1 when it is no such IRI.</summary>
    private static int SourceKeyStart(string iri)
    {
        int at = iri.LastIndexOf("/source/", StringComparison.Ordinal);
        return at < 0 || iri.IndexOf('/', at + 8) >= 0 ? -1 : at + 8;
    }

    /// <summary>The title (English first) and publisher the sources graph gives.</summary>
    private static (string? Title, Iri? Publisher) Describe(IQuadStore store, ProfileIris iris, int sourceId)
    {
        if (!store.TryGetId(iris.SourcesGraph, out int graph)) return (null, null);
        string? title = null;
        Iri? publisher = null;
        if (store.TryGetId(Namespaces.DctTerms.Title, out int titleId))
        {
            foreach (var q in store.Find(QuadPattern.InGraph(graph, s: sourceId, p: titleId)))
            {
                if (store.GetTerm(q.O) is not Literal l) continue;
                if (title is null || l.Language == "en") title = l.LexicalForm;
            }
        }
        if (store.TryGetId(Namespaces.DctTerms.Publisher, out int publisherId))
            foreach (var q in store.Find(QuadPattern.InGraph(graph, s: sourceId, p: publisherId)))
                publisher ??= store.GetTerm(q.O) as Iri;
        return (title, publisher);
    }
}
