using System.Globalization;
using System.Runtime.CompilerServices;
using DihNode.Rdf.Model;
using DihNode.Rdf.Store;
using DihNode.Vocab;
using DihNode.Vocab.Import;
using DihNode.Vocab.Profile;
using DihNode.Vocab.Reference;

namespace DihNode.Node.Registry;

/// <summary>
/// Keeps the managed graphs of the RDF store equal to the registry: each own hub's description in the
/// hubs graph (PROFILE.md, built by <see cref="HubDescriptionBuilder"/>), each peer's hubs in that peer's
/// graph (<see cref="PeerGraphs"/>) with its provenance, the cross-source links over all of them, and the
/// reference graphs an import brings. One RDF transaction per registry write.
/// </summary>
internal static class RdfProjection
{
    /// <summary>The links index of each store: it follows the store's committed state, one writer at a time.</summary>
    private static readonly ConditionalWeakTable<IRdfStore, CrossSourceLinks> s_links = [];

    /// <summary>The links index of <paramref name="rdf"/> (for tests: how often it rebuilt in full).</summary>
    internal static CrossSourceLinks LinksOf(IRdfStore rdf) => s_links.GetValue(rdf, _ => new CrossSourceLinks());

    /// <summary>
    /// Projects one registry write: removals, upserts and peer marks, then relinks only the hubs it touched
    /// (<see cref="CrossSourceLinks.Update"/>), so the cost follows the size of the write, not of the store.
    /// </summary>
    public static void Apply(IRdfStore rdf, ProfileIris iris, IEnumerable<(HubRecord Record, string Origin)> upserts, IEnumerable<(string Iri, string Origin)> deleted, ReferenceData? reference, IReadOnlyList<PeerMark>? marks = null)
    {
        using var tx = rdf.BeginWrite();
        var links = LinksOf(rdf);
        try
        {
            var touched = new HashSet<(int Graph, int Subject)>();
            if (reference is not null) HubStoreWriter.ReplaceReference(tx, reference);
            foreach (var (iri, origin) in deleted) HubStoreWriter.RemoveHub(tx, GraphOf(tx, iris, origin), Iri.FromTrusted(iri), touched);
            foreach (var (record, origin) in upserts) HubStoreWriter.WriteHub(tx, GraphOf(tx, iris, origin), HubDescriptionBuilder.Build(record, iris, 0, 0), touched);
            foreach (var mark in marks ?? []) PeerGraphs.WriteProvenance(tx, iris, mark);
            links.Update(tx, iris, HubGraphs(tx, iris), touched);
            tx.Commit();
        }
        catch
        {
            links.Invalidate();
            throw;
        }
    }

    /// <summary>Replaces every hubs graph (own and peers') with <paramref name="all"/> (after a crash between a registry commit and its projection, or a new RDF file); relinks in full.</summary>
    public static void Rebuild(IRdfStore rdf, ProfileIris iris, IEnumerable<(HubRecord Record, string Origin)> all, IEnumerable<PeerMark> marks)
    {
        using var tx = rdf.BeginWrite();
        var links = LinksOf(rdf);
        try
        {
            foreach (var graph in HubGraphs(tx, iris))
                if (tx.TryGetId(graph, out int g)) tx.RemoveAll(QuadPattern.InGraph(g));
            foreach (var (record, origin) in all) HubStoreWriter.WriteHub(tx, GraphOf(tx, iris, origin), HubDescriptionBuilder.Build(record, iris, 0, 0));
            foreach (var mark in marks) PeerGraphs.WriteProvenance(tx, iris, mark);
            links.Rebuild(tx, iris, HubGraphs(tx, iris));
            tx.Commit();
        }
        catch
        {
            links.Invalidate();
            throw;
        }
    }

    private static int GraphOf(IStoreTransaction tx, ProfileIris iris, string origin) =>
        tx.GetOrAddId(origin.Length == 0 ? iris.HubsGraph : PeerGraphs.Graph(iris, origin));

    /// <summary>The own hubs graph and every peer graph the store holds.</summary>
    private static List<Iri> HubGraphs(IStoreTransaction tx, ProfileIris iris)
    {
        var graphs = new List<Iri> { iris.HubsGraph };
        string prefix = PeerGraphs.Prefix(iris);
        foreach (int id in tx.GraphNameIds().ToList())
            if (tx.GetTerm(id) is Iri g && g.Value.StartsWith(prefix, StringComparison.Ordinal)) graphs.Add(g);
        return graphs;
    }
}

/// <summary>Where a peer's feed stood after a write: the sequence applied and when it arrived.</summary>
internal sealed record PeerMark(string Peer, long Sequence, DateTime Received);

/// <summary>
/// A peer's named graph <c>{base}/graph/peer/{name}</c> holds its hubs and the graph's provenance (PROV-O):
/// <c>prov:wasDerivedFrom</c> the peer (<c>urn:dihnode:peer:{name}</c>), <c>dih:feedSequence</c> the last
/// sequence of its feed applied, <c>prov:generatedAtTime</c> when that change arrived.
/// </summary>
public static class PeerGraphs
{
    private const string Prov = "http://www.w3.org/ns/prov#";
    public static readonly Iri WasDerivedFrom = Iri.FromTrusted(Prov + "wasDerivedFrom");
    public static readonly Iri GeneratedAtTime = Iri.FromTrusted(Prov + "generatedAtTime");
    public static readonly Iri FeedSequence = Iri.FromTrusted(Namespaces.Dih + "feedSequence");

    public static string Prefix(ProfileIris iris) => iris.Base + "/graph/peer/";

    public static Iri Graph(ProfileIris iris, string peer) => Iri.FromTrusted(Prefix(iris) + peer);

    public static Iri Node(string peer) => Iri.FromTrusted("urn:dihnode:peer:" + peer);

    internal static void WriteProvenance(IStoreTransaction tx, ProfileIris iris, PeerMark mark)
    {
        var graph = Graph(iris, mark.Peer);
        int g = tx.GetOrAddId(graph);
        foreach (var p in new[] { WasDerivedFrom, FeedSequence, GeneratedAtTime })
            tx.RemoveAll(QuadPattern.InGraph(g, tx.GetOrAddId(graph), tx.GetOrAddId(p)));
        void Add(Iri p, Term o) => tx.Add(new EncodedQuad(tx.GetOrAddId(graph), tx.GetOrAddId(p), tx.GetOrAddId(o), g));
        Add(WasDerivedFrom, Node(mark.Peer));
        Add(FeedSequence, Literal.Typed(mark.Sequence.ToString(CultureInfo.InvariantCulture), Vocabulary.Xsd.Integer));
        Add(GeneratedAtTime, Literal.Typed(DateTime.SpecifyKind(mark.Received, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture), Vocabulary.Xsd.DateTime));
    }
}
