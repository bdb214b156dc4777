using DihNode.Federation.Client;

namespace DihNode.Federation.Replication;

/// <summary>
/// Where a subscriber keeps its peers' hubs; the node implements it over its registry. Each apply is one
/// transaction that also records the peer's applied sequence, so a restart resumes exactly after the
/// last change that took effect: no gap, and no change applied twice.
/// </summary>
public interface IReplicaStore
{
    /// <summary>The last sequence of <paramref name="peer"/>'s feed applied here; null when never bootstrapped.</summary>
    long? AppliedSequence(string peer);

    /// <summary>Replaces all of <paramref name="peer"/>'s hubs with a snapshot taken at <paramref name="sequence"/>.</summary>
    Task ApplySnapshotAsync(string peer, long sequence, IReadOnlyList<ReceivedHub> hubs, CancellationToken cancellationToken);

    /// <summary>
    /// Applies the changes (in order) of one feed batch and records <paramref name="through"/> as applied.
    /// Changes at or below the applied sequence are skipped (a batch received twice has no second effect);
    /// a batch whose <paramref name="through"/> is below the applied sequence is refused (sequence going backwards).
    /// </summary>
    Task ApplyChangesAsync(string peer, IReadOnlyList<ReceivedChange> changes, long through, CancellationToken cancellationToken);

    /// <summary>Records the link's state for <paramref name="peer"/> (shown in Hello and /healthz).</summary>
    void ReportState(PeerStatus status);

    /// <summary>
    /// Records what <paramref name="peer"/> said of itself on connecting (its catalogue's title and publisher,
    /// country, endpoints), for the aggregator's catalogue; called on every successful Hello. Nothing by default.
    /// </summary>
    void ReportHello(string peer, Protocol.HelloResponse hello)
    {
    }
}

/// <summary>What this node knows about one peer's link.</summary>
public sealed record PeerStatus(string Name, bool Connected, bool Stale, long? Applied, long PeerLastSequence, DateTime? LastContact, string? LastError, BreakerState Breaker);
