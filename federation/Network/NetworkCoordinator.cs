using System.Collections.Concurrent;
using DihNode.Federation.Client;
using DihNode.Federation.Protocol;
using DihNode.Federation.Wire;
using DihNode.Federation.Query;
using DihNode.Rdf.Model;
using DihNode.Vocab.Profile;
using Microsoft.Extensions.Logging;

namespace DihNode.Federation.Network;

/// <summary>
/// Network mode (<c>/sparql?scope=network</c>) for the life of the node: the configured peers, the node's
/// own data, and each peer's exchanged statistics (Hello for its base IRI, GetStatistics for its
/// predicates and classes with counts), kept for <see cref="StatisticsLifetime"/> so source selection does
/// not cost two calls per peer per query. <see cref="Begin"/> starts one request.
/// </summary>
public sealed class NetworkCoordinator(PeerDirectory peers, FederationOptions options, INetworkLocalSource local, ILogger<NetworkCoordinator> log)
{
    private readonly ConcurrentDictionary<string, PeerProfile> _profiles = new(StringComparer.Ordinal);

    /// <summary>How long a peer's statistics are used before they are asked again.</summary>
    public TimeSpan StatisticsLifetime { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Rows of bindings per bound-join call.</summary>
    public int BindingBatch { get; init; } = 500;

    /// <summary>Beyond this many distinct bindings a pattern is fetched whole and joined here instead.</summary>
    public int MaxBoundJoinBindings { get; init; } = 5000;

    /// <summary>Bound-join calls in flight at once per request.</summary>
    public int Parallelism { get; init; } = 8;

    internal PeerDirectory Peers => peers;

    internal INetworkLocalSource Local => local;

    internal FederationOptions Options => options;

    internal ILogger Log => log;

    /// <summary>
    /// One network-mode request that must end by <paramref name="deadline"/> (UTC): the SERVICE handler the
    /// rewritten query runs with, and its report. <paramref name="explicitServices"/> answers any SERVICE the
    /// query names itself (configured peers only).
    /// </summary>
    public NetworkRequest Begin(DateTime deadline, PeerServiceHandler? explicitServices)
    {
        var endpoint = Iri.FromTrusted("urn:dihnode:network:" + Guid.NewGuid().ToString("N"));
        return new NetworkRequest(this, endpoint, deadline, explicitServices?.WithDeadline(deadline));
    }

    /// <summary>The peer's statistics and hubs graph, from the cache while fresh.</summary>
    internal async Task<PeerProfile> ProfileAsync(PeerClient peer, CancellationToken cancellationToken)
    {
        if (_profiles.TryGetValue(peer.Link.Name, out var known) && DateTime.UtcNow - known.Fetched < StatisticsLifetime) return known;
        var hello = await peer.HelloAsync(cancellationToken);
        var stats = await peer.GetStatisticsAsync(cancellationToken);
        var profile = PeerProfile.Read(peer, hello, stats, DateTime.UtcNow);
        _profiles[peer.Link.Name] = profile;
        return profile;
    }
}

/// <summary>What source selection knows of a peer: its hubs graph, VoID partitions, feed sequence.</summary>
internal sealed record PeerProfile(
    PeerClient Client,
    Iri HubsGraph,
    IReadOnlyDictionary<string, long> Predicates,
    IReadOnlyDictionary<string, long> Classes,
    long Triples,
    long Sequence,
    DateTime Fetched)
{
    public string Name => Client.Link.Name;

    /// <summary>
    /// The profile a peer's Hello and Statistics describe. Both are the peer's messages: a base IRI that is not
    /// one, a class or predicate listed twice or not an IRI, a negative count end as a
    /// <see cref="WireFormatException"/> naming the field (the request then reports the peer missing), never
    /// as another exception that would fail the whole network query.
    /// </summary>
    public static PeerProfile Read(PeerClient client, HelloResponse hello, Statistics stats, DateTime fetched)
    {
        ProfileIris iris;
        try { iris = new ProfileIris(hello.BaseIri); }
        catch (FormatException e) { throw new WireFormatException("HelloResponse.base_iri", e.Message); }
        var decoded = MessageDecoder.DecodeStatistics(stats);
        return new PeerProfile(client, iris.HubsGraph, decoded.Predicates, decoded.Classes, stats.Triples, Math.Max(stats.Sequence, hello.LastSequence), fetched);
    }
}
