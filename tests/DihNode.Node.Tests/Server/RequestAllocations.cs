using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace DihNode.Node.Tests.Server;

/// <summary>Requests that measure the whole process (allocations, collections) run one at a time, after every other test class.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class QuietProcessCollection
{
    public const string Name = "Quiet process";
}

/// <summary>What a sequential loop of one kind of request cost the process.</summary>
/// <param name="BytesPerRequest">Bytes allocated by the whole process (server and client) per request: <c>GC.GetTotalAllocatedBytes(true)</c> around the loop.</param>
/// <param name="BodyBytes">The answer's body size (of the last answer).</param>
public sealed record RequestCost(string Kind, int Requests, long BytesPerRequest, int Gen0, int Gen1, int Gen2, double MedianMs, double P95Ms, long BodyBytes)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Kind,-24} {BytesPerRequest / 1024.0,9:0.0} KB/request  gen0 {Gen0,4} gen1 {Gen1,3} gen2 {Gen2,3}  median {MedianMs,6:0.00} ms  p95 {P95Ms,6:0.00} ms  body {BodyBytes,8:N0} B");
}

/// <summary>
/// Measures requests against a quiet node: each loop is sequential (one request in flight), so the
/// process-wide allocation counter and collection counts around it belong to that kind of request (the
/// client's share is small and constant: the body is read into one reused buffer). The server is
/// asynchronous, so the per-thread counter would miss the work done on other threads.
/// </summary>
public static class RequestAllocations
{
    public static async Task<RequestCost> MeasureAsync(string kind, HttpClient client, Func<int, HttpRequestMessage> request,
        int requests, int warmup = 5, Func<int, HttpResponseMessage, Task>? onAnswer = null)
    {
        var buffer = new byte[64 * 1024];
        long body = 0;
        for (int i = 0; i < warmup; i++) body = await SendAsync(client, request(i), buffer, i, onAnswer);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var times = new double[requests];
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < requests; i++)
        {
            long started = Stopwatch.GetTimestamp();
            body = await SendAsync(client, request(warmup + i), buffer, warmup + i, onAnswer);
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Array.Sort(times);
        return new RequestCost(kind, requests, allocated / requests, GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1,
            GC.CollectionCount(2) - gen2, times[requests / 2], times[(int)(requests * 0.95)], body);
    }

    private static async Task<long> SendAsync(HttpClient client, HttpRequestMessage request, byte[] buffer, int i, Func<int, HttpResponseMessage, Task>? onAnswer)
    {
        using (request)
        using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            if (onAnswer is not null)
            {
                await onAnswer(i, response);
                return 0;
            }
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            long length = 0;
            await using var stream = await response.Content.ReadAsStreamAsync();
            for (int n; (n = await stream.ReadAsync(buffer)) > 0;) length += n;
            return length;
        }
    }
}

/// <summary>
/// Samples the runtime's allocation ticks (one event per ~100 KB allocated, with the type of the object
/// that crossed the mark and whether it went to the large object heap), so a report can say which types
/// the bytes are: char[] of text builders, byte[] of buffers, strings.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private readonly Dictionary<(string Type, bool Large), long> _bytes = [];
    private volatile bool _recording;

    public void Start()
    {
        lock (_bytes) _bytes.Clear();
        _recording = true;
    }

    /// <summary>The sampled types with the most bytes, largest first: "type (LOH) bytes".</summary>
    public IReadOnlyList<string> Stop(int top = 6)
    {
        _recording = false;
        lock (_bytes)
            return _bytes.OrderByDescending(kv => kv.Value).Take(top)
                .Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key.Type}{(kv.Key.Large ? " (LOH)" : "")} ~{kv.Value / 1024} KB")).ToList();
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_recording || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null) return;
        int amount = e.PayloadNames!.IndexOf("AllocationAmount64"), kind = e.PayloadNames.IndexOf("AllocationKind"), type = e.PayloadNames.IndexOf("TypeName");
        if (amount < 0 || kind < 0 || type < 0) return;
        var key = ((string?)e.Payload[type] ?? "?", Convert.ToInt32(e.Payload[kind], CultureInfo.InvariantCulture) == 1);
        long bytes = Convert.ToInt64(e.Payload[amount], CultureInfo.InvariantCulture);
        lock (_bytes) _bytes[key] = _bytes.GetValueOrDefault(key) + bytes;
    }
}
