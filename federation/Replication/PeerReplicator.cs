using System.Diagnostics;
using DihNode.Federation.Client;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace DihNode.Federation.Replication;

/// <summary>
/// Follows one peer's change feed into the <see cref="IReplicaStore"/>: Hello, then a snapshot when the
/// store has never seen the peer (or the peer compacted its feed past what was applied: OUT_OF_RANGE),
/// then Subscribe from the applied sequence + 1, applying each batch in its own transaction. Any failure
/// drops the link and reconnects with exponential backoff (the client's breaker stops it hammering a dead
/// peer); the copy stays as it was and turns stale after <see cref="FederationOptions.StaleAfter"/>.
/// A peer silent for three heartbeats is such a failure, logged as "no heartbeat" (<see cref="PeerSilentException"/>);
/// a stall of this node is not (<see cref="SubscriptionWatchdog"/>), and a subscription the watchdog ends
/// as a message arrives is re-opened after what was applied without counting a failure.
/// </summary>
public sealed class PeerReplicator(PeerClient client, IReplicaStore store, FederationOptions options, ILogger log)
{
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromSeconds(5);
    private DateTime? _lastContact;
    private long _peerLast;
    private string? _lastError;
    private bool _connected;

    public string Peer => client.Link.Name;

    /// <summary>Time the last snapshot took to download and apply.</summary>
    public TimeSpan? LastBootstrap { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        int failures = 0;
        Report();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await FollowAsync(cancellationToken);
                failures = 0;
            }
            catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
            {
                break;
            }
            catch (Exception e) when (e is RpcException or Wire.WireFormatException or IOException or HttpRequestException or InvalidOperationException or ArgumentException or ReplicaRefusedException)
            {
                failures++;
                _connected = false;
                _lastError = e.Message;
                log.LogWarning("replication from {Peer} interrupted ({Failures} in a row): {Reason}", Peer, failures, e.Message);
                Report();
                var delay = TimeSpan.FromMilliseconds(Math.Min(s_maxBackoff.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(failures - 1, 10))) * (0.5 + Random.Shared.NextDouble() / 2));
                try { await Task.Delay(delay, cancellationToken); } catch (OperationCanceledException) { break; }
            }
        }
        _connected = false;
        Report();
    }

    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        var hello = await client.HelloAsync(cancellationToken);
        Contact(hello.LastSequence);
        store.ReportHello(Peer, hello);
        long? applied = store.AppliedSequence(Peer);
        if (applied is null || applied < hello.FirstRetainedSequence - 1)
            await BootstrapAsync(applied is null ? "first contact" : $"feed compacted past {applied}", cancellationToken);
        else if (applied > hello.LastSequence)
            throw new ReplicaRefusedException($"peer {Peer} is at sequence {hello.LastSequence}, behind the {applied} already applied: its feed went backwards; refusing to follow");
        while (!cancellationToken.IsCancellationRequested)
        {
            long from = store.AppliedSequence(Peer)!.Value + 1;
            try
            {
                await foreach (var message in client.SubscribeAsync(from, cancellationToken))
                {
                    Contact(message.PeerLastSequence);
                    if (message.Through is long through)
                        await store.ApplyChangesAsync(Peer, message.Changes, through, cancellationToken);
                    _connected = true;
                    _lastError = null;
                    Report();
                }
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.OutOfRange)
            {
                await BootstrapAsync("the feed was compacted: " + e.Status.Detail, cancellationToken);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.DeadlineExceeded)
            {
                // The subscription's own deadline: re-open it where it was.
            }
        }
    }

    private async Task BootstrapAsync(string reason, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (sequence, hubs) = await client.GetSnapshotAsync(cancellationToken);
        await store.ApplySnapshotAsync(Peer, sequence, hubs, cancellationToken);
        LastBootstrap = clock.Elapsed;
        Contact(sequence);
        log.LogInformation("bootstrapped {Hubs} hubs of {Peer} at sequence {Sequence} in {Ms} ms ({Reason})", hubs.Count, Peer, sequence, clock.ElapsedMilliseconds, reason);
    }

    private void Contact(long peerLast)
    {
        _lastContact = DateTime.UtcNow;
        _peerLast = peerLast;
    }

    /// <summary>The link's state now (stale when down longer than the bound, or never reached).</summary>
    public PeerStatus Status()
    {
        bool stale = !_connected && (_lastContact is null || DateTime.UtcNow - _lastContact > options.StaleAfter);
        return new PeerStatus(Peer, _connected, stale, store.AppliedSequence(Peer), _peerLast, _lastContact, _lastError, client.Breaker.State);
    }

    /// <summary>Reports the state to the store; called on every change of it and by the service's clock.</summary>
    public void Report() => store.ReportState(Status());
}

/// <summary>The replica store refused a peer's data (a hub it does not own, a sequence going backwards, a malformed hub).</summary>
public sealed class ReplicaRefusedException(string message, Exception? inner = null) : Exception(message, inner);
