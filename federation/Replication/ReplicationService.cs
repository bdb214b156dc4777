using DihNode.Federation.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DihNode.Federation.Replication;

/// <summary>
/// The aggregator's subscriptions: one <see cref="PeerReplicator"/> per configured peer, each on its own
/// task, plus a clock that re-reports every link's state once a second so staleness shows without traffic.
/// </summary>
public sealed class ReplicationService(PeerDirectory peers, IReplicaStore store, FederationOptions options, ILoggerFactory logs) : BackgroundService
{
    private readonly List<PeerReplicator> _replicators = [];

    public IReadOnlyList<PeerReplicator> Replicators => _replicators;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var client in peers.Clients)
            _replicators.Add(new PeerReplicator(client, store, options, logs.CreateLogger("DihNode.Federation.Replication")));
        var runs = _replicators.Select(r => Task.Run(() => r.RunAsync(stoppingToken), stoppingToken)).ToList();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                foreach (var r in _replicators) r.Report();
            }
        }
        catch (OperationCanceledException) { }
        await Task.WhenAll(runs.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
    }
}
