using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace DihNode.Federation.Tests.Soak;

/// <summary>
/// What the network soak measured: every request's latency and status by kind (a SPARQL shape, an OData
/// page, a write ...), transport failures (no HTTP answer at all), and the peers' replication lag per
/// registry write. Thread-safe: 55 clients record at once.
/// </summary>
internal sealed class SoakRecorder
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _latencies = new();
    private readonly ConcurrentDictionary<int, int> _statuses = new();
    private readonly ConcurrentDictionary<string, int> _acknowledged = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly ConcurrentQueue<string> _unexpected = new();
    private readonly ConcurrentQueue<string> _malformed = new();

    public static readonly Stopwatch Clock = Stopwatch.StartNew();

    /// <summary>Answers by status code, every kind together.</summary>
    public IReadOnlyDictionary<int, int> Statuses => _statuses;

    /// <summary>Requests that got no HTTP answer (connection refused or reset, timeout), with the kind and message.</summary>
    public IReadOnlyCollection<string> Failures => _failures;

    /// <summary>Answers neither 2xx nor a server error (a 404 of a page the client expected, a 400 ...), first 50 with their body.</summary>
    public IReadOnlyCollection<string> Unexpected => _unexpected;

    /// <summary>Acknowledged writes by kind.</summary>
    public IReadOnlyDictionary<string, int> Acknowledged => _acknowledged;

    public int Requests => _latencies.Values.Sum(b => b.Count);

    /// <summary>Sends <paramref name="request"/>, reads the whole answer and records it under <paramref name="kind"/>; null when no answer came.</summary>
    public async Task<(int Status, string Body, string? ETag)?> SendAsync(HttpClient client, string kind, HttpRequestMessage request)
    {
        long start = Clock.ElapsedTicks;
        try
        {
            using var response = await client.SendAsync(request, CancellationToken.None);
            string body = await response.Content.ReadAsStringAsync(CancellationToken.None);
            double ms = (Clock.ElapsedTicks - start) * 1000.0 / Stopwatch.Frequency;
            int status = (int)response.StatusCode;
            _latencies.GetOrAdd(kind, _ => []).Add(ms);
            _statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (status is < 200 or >= 300 && _unexpected.Count < 50)
                _unexpected.Enqueue($"{kind} {request.Method} {request.RequestUri}: {status} {Shorten(body)}");
            return (status, body, response.Headers.ETag?.ToString());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            _failures.Enqueue($"{kind} {request.Method} {request.RequestUri}: {e.GetType().Name} {e.Message}");
            return null;
        }
        finally
        {
            request.Dispose();
        }
    }

    /// <summary>200 answers whose body was not a whole document of its kind, first 50.</summary>
    public IReadOnlyCollection<string> MalformedAnswers => _malformed;

    public void Malformed(string detail)
    {
        if (_malformed.Count < 50) _malformed.Enqueue(detail);
    }

    public void Acknowledge(string kind) => _acknowledged.AddOrUpdate(kind, 1, (_, n) => n + 1);

    public IEnumerable<(string Kind, Percentiles Latency)> ByKind() =>
        _latencies.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => (k.Key, Percentiles.Of(k.Value)));

    public Percentiles Overall() => Percentiles.Of(_latencies.Values.SelectMany(b => b));

    public Percentiles Queries() => Percentiles.Of(_latencies.Where(k => !SoakWriters.Kinds.Contains(k.Key)).SelectMany(k => k.Value));

    public Percentiles Writes() => Percentiles.Of(_latencies.Where(k => SoakWriters.Kinds.Contains(k.Key)).SelectMany(k => k.Value));

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "…";
}

/// <summary>p50/p95/p99/max of a set of milliseconds (nearest rank).</summary>
internal readonly record struct Percentiles(int Count, double P50, double P95, double P99, double Max)
{
    public static Percentiles Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return default;
        double At(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new(sorted.Length, At(0.50), At(0.95), At(0.99), sorted[^1]);
    }

    public override string ToString() => Count == 0 ? "none" : string.Create(CultureInfo.InvariantCulture,
        $"{Count:N0}: p50 {P50:F0} ms, p95 {P95:F0} ms, p99 {P99:F0} ms, max {Max:F0} ms");
}

/// <summary>
/// When each acknowledged registry write became visible at a replicating peer: the peer's registry and
/// RDF projection hold the write's change-feed sequence (its <c>Committed</c> event, raised after the
/// projection, with the peer's applied cursor for the node read then).
/// </summary>
internal sealed class ReplicationLag
{
    private readonly object _gate = new();
    private readonly List<(long Sequence, long AcknowledgedTicks)> _pending = [];
    private readonly List<double> _lags = [];
    private long _applied;

    public string Peer { get; }

    public ReplicationLag(TestNode peer, string publisher)
    {
        Peer = peer.Name;
        peer.Store.Registry.Committed += _ =>
        {
            try
            {
                Seen(peer.Store.Registry.PeerApplied(publisher) ?? 0);
            }
            catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
            {
                // The peer is shutting down.
            }
        };
    }

    /// <summary>A write the node acknowledged at <paramref name="acknowledgedTicks"/> with change sequence <paramref name="sequence"/>.</summary>
    public void Expect(long sequence, long acknowledgedTicks)
    {
        lock (_gate)
        {
            if (sequence <= _applied) _lags.Add(Milliseconds(acknowledgedTicks)); // already there: an upper bound
            else _pending.Add((sequence, acknowledgedTicks));
        }
    }

    public void Seen(long applied)
    {
        lock (_gate)
        {
            if (applied <= _applied) return;
            _applied = applied;
            foreach (var (sequence, ticks) in _pending.Where(p => p.Sequence <= applied)) _lags.Add(Milliseconds(ticks));
            _pending.RemoveAll(p => p.Sequence <= applied);
        }
    }

    public int Pending
    {
        get { lock (_gate) return _pending.Count; }
    }

    public (int Count, double Median, double P99, double Max) Figures()
    {
        lock (_gate)
        {
            var p = Percentiles.Of(_lags);
            return (p.Count, p.P50, p.P99, p.Max);
        }
    }

    private static double Milliseconds(long fromTicks) => (SoakRecorder.Clock.ElapsedTicks - fromTicks) * 1000.0 / Stopwatch.Frequency;
}
