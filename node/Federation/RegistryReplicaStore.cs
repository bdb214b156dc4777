using DihNode.Federation.Client;
using DihNode.Federation.Replication;
using DihNode.Node.Registry;
using DihNode.Vocab.Profile;
using DihNode.Vocab.Reference;
using Microsoft.Extensions.Logging;

namespace DihNode.Node.Federation;

/// <summary>
/// Keeps peers' hubs in this node's registry (<see cref="IReplicaStore"/>): received triples are read back
/// into the profile's records (<see cref="HubRecordReader"/>) and written through <see cref="HubRegistry"/>
/// with the peer as origin, so they land in the peer's own graph and nobody else's hubs can be touched.
/// A hub that cannot be read, or that another origin owns, is refused with a logged reason; the rest of
/// its batch still applies and the feed moves on.
/// </summary>
internal sealed class RegistryReplicaStore(NodeStore store, ReferenceData reference, PeerStates states, ILogger<RegistryReplicaStore> log) : IReplicaStore
{
    public long? AppliedSequence(string peer) => store.Registry.PeerApplied(peer);

    public async Task ApplySnapshotAsync(string peer, long sequence, IReadOnlyList<ReceivedHub> hubs, CancellationToken cancellationToken)
    {
        var changes = hubs.Select(h => Read(peer, sequence, h.Hub.Value, h)).ToList();
        Report(peer, await store.Registry.ApplyPeerSnapshotAsync(peer, sequence, changes, cancellationToken));
    }

    private readonly GroupCommit _group = new(store);

    /// <summary>
    /// Applies a feed batch through the group commit: batches of several peers that arrive while a write runs
    /// go into the next write together (one registry transaction, one projection), so the cost of a commit is
    /// shared by every peer that had something to apply.
    /// </summary>
    public async Task ApplyChangesAsync(string peer, IReadOnlyList<ReceivedChange> changes, long through, CancellationToken cancellationToken)
    {
        var read = changes.Select(c => Read(peer, c.Sequence, c.HubIri, c.Upsert)).ToList();
        var result = await _group.ApplyAsync(new PeerBatch(peer, read, through), cancellationToken);
        if (result.Refused is { } e) throw new ReplicaRefusedException($"peer '{peer}': {e.Message}", e);
        Report(peer, result.Report);
    }

    public void ReportState(PeerStatus status) => states.Set(status);

    /// <summary>Keeps the peer's self-description (<see cref="PeerDescription"/>) in the registry, so the catalogue has it after a restart too.</summary>
    public void ReportHello(string peer, DihNode.Federation.Protocol.HelloResponse hello)
    {
        try
        {
            PeerDescription.Save(store, peer, PeerDescription.From(hello));
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException e)
        {
            log.LogWarning("could not record the description of peer {Peer}: {Reason}", peer, e.Message);
        }
    }

    private PeerHubChange Read(string peer, long sequence, string iri, ReceivedHub? hub)
    {
        if (hub is null) return new PeerHubChange(sequence, iri, null);
        try
        {
            return new PeerHubChange(sequence, iri, HubRecordReader.Read(hub.Hub, hub.Triples, reference));
        }
        catch (ArgumentException e)
        {
            return new PeerHubChange(sequence, iri, null, "unreadable hub description: " + e.Message);
        }
    }

    private void Report(string peer, PeerApplyReport report)
    {
        foreach (string reason in report.Refused) log.LogWarning("refused from peer {Peer}: {Reason}", peer, reason);
    }
}
