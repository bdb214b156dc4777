using DihNode.Rdf.Model;
using DihNode.Rdf.Store;
using DihNode.Vocab.Profile;
using DihNode.Vocab.Reference;
using static DihNode.Vocab.Namespaces;

namespace DihNode.Vocab.Import;

/// <summary>
/// Writes a <see cref="HubBatch"/> into an <see cref="IRdfStore"/> in one transaction: the reference
/// graphs (schemes, countries, NUTS) replaced whole; each hub's description compared with what the
/// hubs graph holds for that IRI (new: imported; same statements, up to blank node names: unchanged;
/// else the old description is removed and the new one added: updated); then the links graph
/// recomputed over all hubs in the store. With <c>strict</c>, one rejected row means nothing is written.
/// If anything throws, the transaction rolls back and the store is unchanged.
/// </summary>
public static class HubStoreWriter
{
    public static ImportReport Write(IRdfStore store, HubBatch batch, ReferenceData reference, bool strict, CancellationToken cancellationToken = default)
    {
        var report = new ImportReport
        {
            Accepted = batch.Hubs.Count,
            NutsLinked = batch.NutsLinked,
            NutsCountryHubs = batch.NutsCountryHubs,
        };
        report.RejectedRows.AddRange(batch.Rejected);
        report.Warnings.AddRange(batch.Warnings);
        if (strict && batch.Rejected.Count > 0)
        {
            report.RolledBack = true;
            return report;
        }
        using var tx = store.BeginWrite(cancellationToken);
        ReplaceReference(tx, reference);
        int hubs = tx.GetOrAddId(reference.Iris.HubsGraph);
        foreach (var hub in batch.Hubs)
        {
            switch (WriteHub(tx, hubs, hub))
            {
                case HubWriteOutcome.Imported: report.Imported++; break;
                case HubWriteOutcome.Updated: report.Updated++; break;
                default: report.Unchanged++; break;
            }
        }
        report.CrossSourceLinks = Relink(tx, reference.Iris);
        tx.Commit();
        return report;
    }

    /// <summary>Replaces the reference graphs (schemes, countries, NUTS, sources) with <paramref name="reference"/>'s.</summary>
    public static void ReplaceReference(IStoreTransaction tx, ReferenceData reference)
    {
        foreach (var graph in reference.Graphs)
            if (tx.TryGetId(graph, out int gid)) tx.RemoveAll(QuadPattern.InGraph(gid));
        foreach (var q in reference.AllQuads) tx.Add(Encode(tx, q.Subject, q.Predicate, q.Object, q.Graph!));
    }

    /// <summary>
    /// Writes one hub's description into graph <paramref name="hubsGraph"/>: added when new, left alone when
    /// the stored statements are the same (up to blank node names), else the old description replaced.
    /// </summary>
    /// <remarks>
    /// <paramref name="touched"/>, when given, receives the graph and subject of every statement removed or added, so
    /// that <see cref="CrossSourceLinks.Update"/> can relink just those.
    /// </remarks>
    public static HubWriteOutcome WriteHub(IStoreTransaction tx, int hubsGraph, HubDescription hub, ISet<(int Graph, int Subject)>? touched = null)
    {
        var old = ReadDescription(tx, hubsGraph, hub.Hub);
        if (old.Count > 0 && Same(old.Select(o => o.Triple), hub.Triples)) return HubWriteOutcome.Unchanged;
        foreach (var (encoded, _) in old)
        {
            tx.Remove(encoded);
            touched?.Add((hubsGraph, encoded.S));
        }
        var graph = (NamedOrBlankNode)tx.GetTerm(hubsGraph);
        foreach (var t in hub.Triples)
        {
            var encoded = Encode(tx, t.Subject, t.Predicate, t.Object, graph);
            tx.Add(encoded);
            touched?.Add((hubsGraph, encoded.S));
        }
        return old.Count == 0 ? HubWriteOutcome.Imported : HubWriteOutcome.Updated;
    }

    /// <summary>
    /// Removes a hub's description (its statements and its parts') from <paramref name="hubsGraph"/>; false when
    /// it had none. <paramref name="touched"/>, when given, receives the graph and subject of every statement removed.
    /// </summary>
    public static bool RemoveHub(IStoreTransaction tx, int hubsGraph, Iri hub, ISet<(int Graph, int Subject)>? touched = null)
    {
        var old = ReadDescription(tx, hubsGraph, hub);
        foreach (var (encoded, _) in old)
        {
            tx.Remove(encoded);
            touched?.Add((hubsGraph, encoded.S));
        }
        return old.Count > 0;
    }

    private static EncodedQuad Encode(IStoreTransaction tx, NamedOrBlankNode s, Iri p, Term o, NamedOrBlankNode g) =>
        new(tx.GetOrAddId(s), tx.GetOrAddId(p), tx.GetOrAddId(o), tx.GetOrAddId(g));

    private static bool Same(IEnumerable<Triple> a, IReadOnlyList<Triple> b)
    {
        var left = a.ToList();
        if (left.Count != b.Count) return false;
        bool blank = left.Any(t => t.Subject is BlankNode || t.Object is BlankNode) || b.Any(t => t.Subject is BlankNode || t.Object is BlankNode);
        return blank ? Isomorphism.AreIsomorphic(left, b) : new HashSet<Triple>(left).SetEquals(b);
    }

    /// <summary>The stored description of <paramref name="hub"/> in the hubs graph: its statements and its parts' (blank nodes, <c>{hub}/…</c> IRIs).</summary>
    internal static List<(EncodedQuad Encoded, Triple Triple)> ReadDescription(IQuadStore store, int graph, Iri hub)
    {
        var result = new List<(EncodedQuad, Triple)>();
        if (!store.TryGetId(hub, out int hubId)) return result;
        string prefix = hub.Value + "/";
        var seen = new HashSet<int> { hubId };
        var queue = new Queue<int>([hubId]);
        while (queue.TryDequeue(out int s))
        {
            var cursor = store.Find(QuadPattern.InGraph(graph, s));
            while (cursor.MoveNext())
            {
                var q = cursor.Current;
                var o = store.GetTerm(q.O);
                result.Add((q, new Triple((NamedOrBlankNode)store.GetTerm(q.S), (Iri)store.GetTerm(q.P), o)));
                if ((o is BlankNode || (o is Iri i && i.Value.StartsWith(prefix, StringComparison.Ordinal))) && seen.Add(q.O)) queue.Enqueue(q.O);
            }
        }
        return result;
    }

    /// <summary>
    /// Rebuilds the links graph: two hubs of different sources (<c>dct:source</c>) with the same website
    /// host, or the same slugged name and the same country, get <c>dct:relation</c> to each other.
    /// Returns the number of linked pairs.
    /// </summary>
    public static int Relink(IStoreTransaction tx, ProfileIris iris) => Relink(tx, iris, [iris.HubsGraph]);

    /// <summary>
    /// <see cref="Relink(IStoreTransaction, ProfileIris)"/> over several hubs graphs (a node's own and its
    /// peers' copies): a hub's source is its <c>dct:source</c> within its graph, so the same hub published
    /// by two nodes is linked even when both name the same source.
    /// </summary>
    public static int Relink(IStoreTransaction tx, ProfileIris iris, IReadOnlyList<Iri> hubGraphs)
    {
        int links = tx.GetOrAddId(iris.LinksGraph);
        tx.RemoveAll(QuadPattern.InGraph(links));
        if (!tx.TryGetId(DihTerms.Hub, out int hubClass)) return 0;
        int type = tx.GetOrAddId(Vocabulary.Rdf.Type);
        var predicates = HubLinkKeys.Predicates.Of(tx);
        var all = new List<(int Id, HubLinkKeys Keys)>();
        foreach (var graph in hubGraphs)
        {
            if (!tx.TryGetId(graph, out int g)) continue;
            var ids = new List<int>();
            var cursor = tx.Find(QuadPattern.InGraph(g, 0, type, hubClass));
            while (cursor.MoveNext()) ids.Add(cursor.Current.S);
            foreach (int id in ids) all.Add((id, HubLinkKeys.Read(tx, predicates, g, id)));
        }
        var pairs = new HashSet<(int, int)>();
        foreach (var group in all.Where(h => h.Keys.Host is not null).GroupBy(h => h.Keys.Host).Concat(all.Where(h => h.Keys.NameKey is not null).GroupBy(h => h.Keys.NameKey)))
        {
            var members = group.ToList();
            for (int i = 0; i < members.Count; i++)
                for (int j = i + 1; j < members.Count; j++)
                    if (members[i].Keys.Source != members[j].Keys.Source)
                        pairs.Add((Math.Min(members[i].Id, members[j].Id), Math.Max(members[i].Id, members[j].Id)));
        }
        int relation = tx.GetOrAddId(DctTerms.Relation);
        foreach (var (a, b) in pairs)
        {
            tx.Add(new EncodedQuad(a, relation, b, links));
            tx.Add(new EncodedQuad(b, relation, a, links));
        }
        return pairs.Count;
    }
}
