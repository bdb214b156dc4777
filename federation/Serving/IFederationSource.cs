using DihNode.Federation.Protocol;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation;

namespace DihNode.Federation.Serving;

/// <summary>
/// What a node publishes to its peers; the node implements it over its registry and RDF store. The
/// gRPC service (<see cref="FederationService"/>) only translates between it and the wire.
/// </summary>
public interface IFederationSource
{
    /// <summary>The node's identity and capability manifest (without time and sequences, which the service adds).</summary>
    HelloResponse Describe();

    /// <summary>The last sequence of the change feed (0: none yet).</summary>
    long LastSequence { get; }

    /// <summary>The first sequence the feed still holds; a subscriber asking for less must re-bootstrap.</summary>
    long FirstRetainedSequence { get; }

    Statistics GetStatistics();

    /// <summary>Every own hub as of one sequence, read in one transaction.</summary>
    HubSnapshot ReadSnapshot();

    /// <summary>
    /// Up to <paramref name="max"/> changes with sequence at least <paramref name="from"/>, in order.
    /// Throws <see cref="FeedCompactedException"/> when the feed no longer holds <paramref name="from"/>.
    /// </summary>
    ChangePage ReadChanges(long from, int max);

    /// <summary>Completes when a change after <paramref name="sequence"/> has committed, or after <paramref name="timeout"/>.</summary>
    Task WaitForChangeAsync(long sequence, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Runs a SPARQL query over the node's data (SELECT or ASK).</summary>
    QueryResult Query(string sparql, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>The node's view of its peers (replication state), for Hello.</summary>
    IReadOnlyList<PeerState> Peers { get; }
}

/// <summary>A hub's description as published: its IRI and triples (PROFILE.md).</summary>
public sealed record PublishedHub(Iri Hub, IReadOnlyList<Triple> Triples);

/// <summary>All own hubs at <see cref="Sequence"/>.</summary>
public sealed record HubSnapshot(long Sequence, IReadOnlyList<PublishedHub> Hubs);

/// <summary>One change of the feed: an upsert carries the hub's state, a delete only its IRI.</summary>
public sealed record PublishedChange(long Sequence, DateTime Committed, string HubIri, PublishedHub? Upsert);

/// <summary>
/// Changes read from the feed; <see cref="Through"/> is the highest sequence they account for (changes to
/// hubs the node does not publish are left out but covered).
/// </summary>
public sealed record ChangePage(IReadOnlyList<PublishedChange> Changes, long Through);

/// <summary>The feed was compacted past the sequence asked for.</summary>
public sealed class FeedCompactedException(long asked, long firstRetained)
    : Exception($"the change feed starts at sequence {firstRetained}; {asked} was compacted away: bootstrap from a snapshot")
{
    public long FirstRetained { get; } = firstRetained;
}
