using DihNode.Rdf.Model;
using DihNode.Rdf.Store;
using DihNode.Vocab.Import;
using DihNode.Vocab.Profile;
using DihNode.Vocab.Reference;

namespace DihNode.Node.Registry;

/// <summary>
/// Keeps the managed graphs of the RDF store equal to the registry: each hub's description in the hubs
/// graph (PROFILE.md, built by <see cref="HubDescriptionBuilder"/>), the cross-source links, and the
/// reference graphs an import brings. One RDF transaction per registry write.
/// </summary>
internal static class RdfProjection
{
    public static void Apply(IRdfStore rdf, ProfileIris iris, IEnumerable<HubRecord> upserts, IEnumerable<string> deletedIris, ReferenceData? reference)
    {
        using var tx = rdf.BeginWrite();
        if (reference is not null) HubStoreWriter.ReplaceReference(tx, reference);
        int graph = tx.GetOrAddId(iris.HubsGraph);
        foreach (string iri in deletedIris) HubStoreWriter.RemoveHub(tx, graph, Iri.FromTrusted(iri));
        foreach (var record in upserts) HubStoreWriter.WriteHub(tx, graph, HubDescriptionBuilder.Build(record, iris, 0, 0));
        HubStoreWriter.Relink(tx, iris);
        tx.Commit();
    }

    /// <summary>Replaces the whole hubs graph with <paramref name="all"/> (after a crash between a registry commit and its projection, or a new RDF file).</summary>
    public static void Rebuild(IRdfStore rdf, ProfileIris iris, IEnumerable<HubRecord> all)
    {
        using var tx = rdf.BeginWrite();
        int graph = tx.GetOrAddId(iris.HubsGraph);
        tx.RemoveAll(QuadPattern.InGraph(graph));
        foreach (var record in all) HubStoreWriter.WriteHub(tx, graph, HubDescriptionBuilder.Build(record, iris, 0, 0));
        HubStoreWriter.Relink(tx, iris);
        tx.Commit();
    }
}
