using DihNode.Federation.Client;

namespace DihNode.Federation.Network;

/// <summary>
/// The querying node's own part of the network: its hubs and reference vocabularies, without the copies
/// of peers' hubs an aggregator keeps (those are asked of the peers themselves, live).
/// </summary>
public interface INetworkLocalSource
{
    /// <summary>Runs a SELECT or ASK over the node's own graphs; all rows read.</summary>
    RemoteResult Query(string sparql, TimeSpan timeout, CancellationToken cancellationToken);
}
