using DihNode.Rdf.Model;
using DihNode.Rdf.Store;
using DihNode.Vocab.Profile;
using static DihNode.Vocab.Namespaces;

namespace DihNode.Vocab.Import;

/// <summary>
/// Keeps the links graph of one store up to date without reading every hub on every write: an index of the
/// <see cref="HubLinkKeys"/> of each hub in each hubs graph, by website host and by name key, from which only
/// the links of the hubs a write touched are recomputed. The links graph it leaves is the one
/// <see cref="HubStoreWriter.Relink(IStoreTransaction, ProfileIris, IReadOnlyList{Iri})"/> would build: a pair
/// of hubs is linked when some entry of one and some entry of the other share a key and differ in source,
/// so the pairs that change with a hub are exactly the pairs that contain it.
/// </summary>
/// <remarks>
/// Used inside the store's write transaction only (the store serialises writers), one instance per store.
/// The index follows the transaction's state, so the caller must call <see cref="Invalidate"/> when the
/// transaction does not commit. It is checked against the store on every use (the links graph's size before,
/// each hubs graph's number of hubs after); on a mismatch, or on first use, the links graph is rebuilt in
/// full and the index read again.
/// </remarks>
public sealed class CrossSourceLinks
{
    private readonly Dictionary<(int Graph, int Hub), HubLinkKeys> _entries = [];
    private readonly Dictionary<int, List<int>> _graphsOf = [];
    private readonly Dictionary<string, HashSet<(int Graph, int Hub)>> _byHost = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<(int Graph, int Hub)>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _hubsPerGraph = [];
    private long _linkQuads = -1;

    /// <summary>How many full rebuilds this index has made (first use, a mismatch); for tests and diagnostics.</summary>
    public int FullRebuilds { get; private set; }

    /// <summary>Forgets the index (after a rollback): the next use rebuilds the links graph in full.</summary>
    public void Invalidate()
    {
        _linkQuads = -1;
        _entries.Clear();
        _graphsOf.Clear();
        _byHost.Clear();
        _byName.Clear();
        _hubsPerGraph.Clear();
    }

    /// <summary>
    /// Rebuilds the links graph in full (<see cref="HubStoreWriter.Relink(IStoreTransaction, ProfileIris, IReadOnlyList{Iri})"/>)
    /// and reads the index from <paramref name="hubGraphs"/>. Returns the number of linked pairs.
    /// </summary>
    public int Rebuild(IStoreTransaction tx, ProfileIris iris, IReadOnlyList<Iri> hubGraphs)
    {
        Invalidate();
        FullRebuilds++;
        int pairs = HubStoreWriter.Relink(tx, iris, hubGraphs);
        if (tx.TryGetId(DihTerms.Hub, out int hubClass))
        {
            int type = tx.GetOrAddId(Vocabulary.Rdf.Type);
            var predicates = HubLinkKeys.Predicates.Of(tx);
            foreach (int g in GraphIds(tx, hubGraphs))
            {
                var ids = new List<int>();
                var cursor = tx.Find(QuadPattern.InGraph(g, 0, type, hubClass));
                while (cursor.MoveNext()) ids.Add(cursor.Current.S);
                foreach (int id in ids) Add(g, id, HubLinkKeys.Read(tx, predicates, g, id));
            }
        }
        _linkQuads = tx.Count(QuadPattern.InGraph(tx.GetOrAddId(iris.LinksGraph)));
        return pairs;
    }

    /// <summary>
    /// Brings the links graph up to date after the statements of the subjects <paramref name="touched"/> changed
    /// in their hubs graphs (inserted, updated or removed hubs and their parts, as
    /// <see cref="HubStoreWriter.WriteHub"/> and <see cref="HubStoreWriter.RemoveHub"/> report them; subjects that
    /// are not hubs cost a lookup and are skipped). Falls back to <see cref="Rebuild"/> when the index is missing
    /// or does not match the store.
    /// </summary>
    public void Update(IStoreTransaction tx, ProfileIris iris, IReadOnlyList<Iri> hubGraphs, IReadOnlyCollection<(int Graph, int Subject)> touched)
    {
        int links = tx.GetOrAddId(iris.LinksGraph);
        if (_linkQuads < 0 || tx.Count(QuadPattern.InGraph(links)) != _linkQuads)
        {
            Rebuild(tx, iris, hubGraphs);
            return;
        }
        var graphs = GraphIds(tx, hubGraphs);
        bool hubsKnown = tx.TryGetId(DihTerms.Hub, out int hubClass);
        int type = tx.GetOrAddId(Vocabulary.Rdf.Type);
        var predicates = HubLinkKeys.Predicates.Of(tx);
        var changed = new HashSet<int>();
        foreach (var (g, id) in touched)
        {
            if (Remove(g, id)) changed.Add(id);
            if (hubsKnown && graphs.Contains(g) && tx.Count(QuadPattern.InGraph(g, id, type, hubClass)) > 0)
            {
                Add(g, id, HubLinkKeys.Read(tx, predicates, g, id));
                changed.Add(id);
            }
        }
        if (!Matches(tx, graphs, hubsKnown, type, hubClass))
        {
            Rebuild(tx, iris, hubGraphs);
            return;
        }
        int relation = tx.GetOrAddId(DctTerms.Relation);
        foreach (int id in changed)
        {
            tx.RemoveAll(QuadPattern.InGraph(links, id, relation));
            tx.RemoveAll(QuadPattern.InGraph(links, 0, relation, id));
        }
        foreach (var (a, b) in Pairs(changed))
        {
            tx.Add(new EncodedQuad(a, relation, b, links));
            tx.Add(new EncodedQuad(b, relation, a, links));
        }
        _linkQuads = tx.Count(QuadPattern.InGraph(links));
    }

    /// <summary>Every linked pair (smaller id first) that contains one of <paramref name="hubs"/>, from the index.</summary>
    private HashSet<(int, int)> Pairs(HashSet<int> hubs)
    {
        var pairs = new HashSet<(int, int)>();
        foreach (int a in hubs)
        {
            if (!_graphsOf.TryGetValue(a, out var graphs)) continue;
            foreach (int g in graphs)
            {
                var keys = _entries[(g, a)];
                if (keys.Host is not null) Collect(pairs, a, keys, _byHost[keys.Host]);
                if (keys.NameKey is not null) Collect(pairs, a, keys, _byName[keys.NameKey]);
            }
        }
        return pairs;
    }

    private void Collect(HashSet<(int, int)> pairs, int a, HubLinkKeys keys, HashSet<(int Graph, int Hub)> group)
    {
        foreach (var other in group)
            if (_entries[other].Source != keys.Source)
                pairs.Add((Math.Min(a, other.Hub), Math.Max(a, other.Hub)));
    }

    /// <summary>True when the index holds as many hubs per graph as the store (after this transaction's writes).</summary>
    private bool Matches(IStoreTransaction tx, List<int> graphs, bool hubsKnown, int type, int hubClass)
    {
        int indexed = 0;
        foreach (int g in graphs)
        {
            long stored = hubsKnown ? tx.Count(QuadPattern.InGraph(g, 0, type, hubClass)) : 0;
            int held = _hubsPerGraph.GetValueOrDefault(g);
            if (stored != held) return false;
            indexed += held;
        }
        return indexed == _entries.Count;
    }

    private void Add(int graph, int hub, HubLinkKeys keys)
    {
        _entries[(graph, hub)] = keys;
        if (!_graphsOf.TryGetValue(hub, out var graphs)) _graphsOf[hub] = graphs = [];
        graphs.Add(graph);
        _hubsPerGraph[graph] = _hubsPerGraph.GetValueOrDefault(graph) + 1;
        if (keys.Host is not null) Group(_byHost, keys.Host).Add((graph, hub));
        if (keys.NameKey is not null) Group(_byName, keys.NameKey).Add((graph, hub));
    }

    private bool Remove(int graph, int hub)
    {
        if (!_entries.Remove((graph, hub), out var keys)) return false;
        var graphs = _graphsOf[hub];
        graphs.Remove(graph);
        if (graphs.Count == 0) _graphsOf.Remove(hub);
        _hubsPerGraph[graph]--;
        if (keys.Host is not null) Ungroup(_byHost, keys.Host, (graph, hub));
        if (keys.NameKey is not null) Ungroup(_byName, keys.NameKey, (graph, hub));
        return true;
    }

    private static HashSet<(int Graph, int Hub)> Group(Dictionary<string, HashSet<(int Graph, int Hub)>> index, string key)
    {
        if (!index.TryGetValue(key, out var group)) index[key] = group = [];
        return group;
    }

    private static void Ungroup(Dictionary<string, HashSet<(int Graph, int Hub)>> index, string key, (int Graph, int Hub) entry)
    {
        var group = index[key];
        group.Remove(entry);
        if (group.Count == 0) index.Remove(key);
    }

    private static List<int> GraphIds(IQuadStore store, IReadOnlyList<Iri> hubGraphs)
    {
        var ids = new List<int>();
        foreach (var graph in hubGraphs)
            if (store.TryGetId(graph, out int g) && !ids.Contains(g)) ids.Add(g);
        return ids;
    }
}
