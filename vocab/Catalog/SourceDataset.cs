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
    public static IReadOnlyList<SourceDataset> Read(IQuadStore store, ProfileIris iris)
    {
        ArgumentNullException.ThrowIfNull(store);
        string prefix = iris.Base + "/source/";
        if (!store.TryGetId(iris.HubsGraph, out int hubs) || !store.TryGetId(Namespaces.DctTerms.Source, out int source)) return [];
        store.TryGetId(Namespaces.DctTerms.Spatial, out int spatial);

        var hubsBySource = new Dictionary<int, List<int>>();
        foreach (var q in store.Find(QuadPattern.InGraph(hubs, p: source)))
        {
            if (!hubsBySource.TryGetValue(q.O, out var list)) hubsBySource[q.O] = list = [];
            list.Add(q.S);
        }

        var result = new List<SourceDataset>();
        foreach (var (sourceId, hubIds) in hubsBySource)
        {
            if (store.GetTerm(sourceId) is not Iri sourceIri || !sourceIri.Value.StartsWith(prefix, StringComparison.Ordinal)) continue;
            string key = sourceIri.Value[prefix.Length..];
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
