using System.Diagnostics;
using System.Globalization;

namespace DihNode.Federation.Tests.Soak;

/// <summary>
/// Watches the process for stalls while the soak runs: a 100 ms timer on the thread pool (how late it
/// wakes shows thread-pool starvation), the pool's thread count, and the time the GC paused the process.
/// A stall hits every request kind at once, so it explains a max latency shared by all of them. It also
/// counts the times a replicating peer's link to the node dropped (seen connected, then not), with the reason.
/// </summary>
internal sealed class StallMeter : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;
    private readonly TimeSpan _pauseBefore = GC.GetTotalPauseDuration();
    private readonly List<(double At, double Late)> _late = [];
    private readonly int[] _collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    private readonly IReadOnlyList<TestNode> _peers;
    private readonly List<string> _drops = [];
    private int _maxThreads;

    public StallMeter(IReadOnlyList<TestNode> peers)
    {
        _peers = peers;
        _run = Task.Run(RunAsync);
    }

    /// <summary>Each drop of a peer's replication link seen so far: when, which peer, why.</summary>
    public IReadOnlyList<string> Drops
    {
        get { lock (_late) return [.. _drops]; }
    }

    private async Task RunAsync()
    {
        var clock = Stopwatch.StartNew();
        var connected = new bool[_peers.Count];
        while (!_stop.IsCancellationRequested)
        {
            for (int i = 0; i < _peers.Count; i++)
                foreach (var status in _peers[i].Replication.Replicators.Select(r => r.Status()))
                {
                    if (connected[i] && !status.Connected)
                        lock (_late) _drops.Add(string.Create(CultureInfo.InvariantCulture, $"{_peers[i].Name} at {clock.Elapsed.TotalSeconds:F1} s: {status.LastError}"));
                    connected[i] = status.Connected;
                }
            var before = clock.Elapsed;
            try { await Task.Delay(100, _stop.Token); } catch (OperationCanceledException) { return; }
            double late = (clock.Elapsed - before).TotalMilliseconds - 100;
            lock (_late) _late.Add((clock.Elapsed.TotalSeconds, late));
            _maxThreads = Math.Max(_maxThreads, ThreadPool.ThreadCount);
        }
    }

    public override string ToString()
    {
        List<(double At, double Late)> late;
        lock (_late) late = [.. _late];
        var p = Percentiles.Of(late.Select(l => l.Late));
        var worst = late.OrderByDescending(l => l.Late).Take(3).Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Late:F0} ms at {l.At:F0} s"));
        return string.Create(CultureInfo.InvariantCulture,
            $"a 100 ms timer woke late by p50 {p.P50:F0} ms, p99 {p.P99:F0} ms, max {p.Max:F0} ms (worst: {string.Join(", ", worst)}); thread pool up to {_maxThreads} threads; GC pauses {(GC.GetTotalPauseDuration() - _pauseBefore).TotalMilliseconds:F0} ms in all "
            + $"({GC.CollectionCount(0) - _collectionsBefore[0]} gen0, {GC.CollectionCount(1) - _collectionsBefore[1]} gen1, {GC.CollectionCount(2) - _collectionsBefore[2]} gen2 collections); "
            + $"peer links dropped {Drops.Count} times");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        _stop.Dispose();
    }
}
