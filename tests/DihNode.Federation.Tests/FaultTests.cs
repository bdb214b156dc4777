using System.Diagnostics;
using DihNode.Federation.Client;
using DihNode.Rdf.Model;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace DihNode.Federation.Tests;

/// <summary>
/// Issue 11, item 15: a peer that goes away (retries, breaker, fail fast), a feed cut in the middle of a
/// stream of changes (the cursor never passes what was applied), oversized messages both ways, and the
/// gRPC health service reporting NOT_SERVING when the registry cannot be opened.
/// </summary>
public sealed class FaultTests(ITestOutputHelper output)
{
    /// <summary>
    /// A stand-in peer answering every call with UNAVAILABLE (a trailers-only gRPC response), so every
    /// attempt that leaves the client is counted at the server.
    /// </summary>
    private sealed class UnavailablePeer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _calls;

        public UnavailablePeer()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
            _app = builder.Build();
            _app.Run(context =>
            {
                Interlocked.Increment(ref _calls);
                context.Response.ContentType = "application/grpc";
                context.Response.Headers["grpc-status"] = "14";
                context.Response.Headers["grpc-message"] = "overloaded";
                return Task.CompletedTask;
            });
            _app.StartAsync().GetAwaiter().GetResult();
            Url = new Uri(_app.Urls.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
        }

        public Uri Url { get; }

        public int Calls => Volatile.Read(ref _calls);

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    [Fact]
    public async Task APeerAnsweringUnavailableIsRetriedBoundedWithBackoffThenTheBreakerFailsFast()
    {
        await using var peer = new UnavailablePeer();
        var options = new FederationOptions
        {
            NodeName = "es",
            MaxAttempts = 3,
            RetryBase = TimeSpan.FromMilliseconds(100),
            BreakerThreshold = 5,
            BreakerOpenFor = TimeSpan.FromMilliseconds(800),
        };
        using var client = new PeerClient(new PeerLink("it", peer.Url, TestNode.Secret), options);

        // First call: exactly 3 attempts reach the peer (the first and two retries), then UNAVAILABLE; the
        // backoff is full jitter up to 100 ms and 200 ms, so the call is bounded (the first call also opens the
        // HTTP/2 connection, which on a loaded machine has taken over a second).
        var clock = Stopwatch.StartNew();
        var first = await Assert.ThrowsAsync<RpcException>(() => client.HelloAsync());
        double firstMs = clock.Elapsed.TotalMilliseconds;
        Assert.Equal(StatusCode.Unavailable, first.StatusCode);
        Assert.Equal("overloaded", first.Status.Detail);
        Assert.Equal(3, peer.Calls);
        Assert.True(firstMs < 5000, $"three attempts took {firstMs:F0} ms");
        Assert.Equal(BreakerState.Closed, client.Breaker.State);

        // Second call: 2 attempts reach the threshold of 5; the third is refused by the open breaker.
        var second = await Assert.ThrowsAsync<RpcException>(() => client.HelloAsync());
        Assert.Equal(5, peer.Calls);
        Assert.Contains("circuit open", second.Status.Detail);
        Assert.Equal(BreakerState.Open, client.Breaker.State);

        // While open: every call (unary, query, snapshot) fails at once, and nothing reaches the peer.
        var fast = new List<double>();
        for (int i = 0; i < 30; i++)
        {
            clock.Restart();
            var e = await Assert.ThrowsAsync<RpcException>(() => (i % 3) switch
            {
                0 => client.HelloAsync(),
                1 => client.QueryAsync("ASK {}", null, null, DateTime.UtcNow.AddSeconds(5)),
                _ => client.GetSnapshotAsync(),
            });
            fast.Add(clock.Elapsed.TotalMilliseconds);
            Assert.Equal(StatusCode.Unavailable, e.StatusCode);
            Assert.Contains("no call made", e.Status.Detail);
        }
        Assert.Equal(5, peer.Calls);
        fast.Sort();
        output.WriteLine($"UNAVAILABLE peer: 3 attempts in {firstMs:F0} ms; open breaker: 30 calls, median {fast[15]:F3} ms, max {fast[^1]:F2} ms, 0 requests");
        Assert.True(fast[^1] < 100, $"a call with the breaker open took {fast[^1]:F1} ms");

        // After the open period: one trial only (half open); it fails, so the breaker opens for twice as long.
        Assert.True(await TestNode.WaitUntil(() => client.Breaker.State == BreakerState.HalfOpen, TimeSpan.FromSeconds(3)));
        clock.Restart();
        var trial = await Assert.ThrowsAsync<RpcException>(() => client.HelloAsync());
        Assert.Equal(6, peer.Calls);
        Assert.Equal(BreakerState.Open, client.Breaker.State);
        Assert.True(await TestNode.WaitUntil(() => client.Breaker.State == BreakerState.HalfOpen, TimeSpan.FromSeconds(5)));
        double reopened = clock.Elapsed.TotalMilliseconds;
        output.WriteLine($"failed trial: open again for {reopened:F0} ms (first period 800 ms)");
        Assert.InRange(reopened, 1500, 4000);
    }

    [Fact]
    public async Task AStoppedPeerOpensTheBreakerAndATrialAfterItsReturnClosesIt()
    {
        await using var it = TestNode.National("it", "IT");
        await using var es = TestNode.Empty("es");
        TestNode.Link(es, it);
        es.Start();
        it.Start();
        var options = new FederationOptions { NodeName = "es", MaxAttempts = 3, RetryBase = TimeSpan.FromMilliseconds(50), BreakerThreshold = 5, BreakerOpenFor = TimeSpan.FromSeconds(1) };
        using var client = new PeerClient(new PeerLink("it", it.GrpcUrl, TestNode.Secret), options);
        Assert.Equal("it", (await client.HelloAsync()).NodeName);
        await it.StopAsync();

        // Connection refused is UNAVAILABLE: two calls (3 + 2 attempts) open the breaker.
        Assert.Equal(StatusCode.Unavailable, (await Assert.ThrowsAsync<RpcException>(() => client.HelloAsync())).StatusCode);
        Assert.Equal(BreakerState.Closed, client.Breaker.State);
        Assert.Contains("circuit open", (await Assert.ThrowsAsync<RpcException>(() => client.HelloAsync())).Status.Detail);
        Assert.Equal(BreakerState.Open, client.Breaker.State);

        // Back again: trials go out as the breaker allows (the channel's own reconnect backoff, at most 5 s, may
        // fail the first); within the bound one succeeds and closes the breaker.
        it.Start();
        var clock = Stopwatch.StartNew();
        string? answer = null;
        int refused = 0;
        while (answer is null && clock.Elapsed < TimeSpan.FromSeconds(12))
        {
            try { answer = (await client.HelloAsync()).NodeName; }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable) { refused++; await Task.Delay(50); }
        }
        output.WriteLine($"peer back: answered after {clock.ElapsedMilliseconds} ms ({refused} calls refused or failed meanwhile)");
        Assert.Equal("it", answer);
        Assert.Equal(BreakerState.Closed, client.Breaker.State);
    }

    [Fact]
    public async Task AFeedCutMidStreamNeverAdvancesTheCursorPastWhatWasApplied()
    {
        // All 457 hubs at the publisher, so the writer cannot run out of distinct hubs before the cut.
        await using var es = TestNode.National("es", null);
        await using var agg = TestNode.Empty("eu").AsAggregator();
        TestNode.Link(agg, es);
        es.Start();
        agg.Start();
        Assert.True(await TestNode.WaitUntil(() => agg.Store.Registry.PeerApplied("es") == es.Store.Registry.LastSequence, TimeSpan.FromSeconds(30)));
        Assert.Equal(es.HubIris(""), agg.HubIris("es"));

        // A writer renames distinct hubs one by one (one change each); the publisher's server dies under it.
        var hubs = es.HubIris("").Order().ToList();
        var sequences = new List<(string Iri, long Sequence)>();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (int i = 0; i < hubs.Count && !stop.IsCancellationRequested; i++)
            {
                await es.Store.Registry.UpsertAsync(ReplicationTests.Record(es, hubs[i]) with { Name = "Cut " + i });
                sequences.Add((hubs[i], es.Store.Registry.LastSequence));
                await Task.Delay(5);
            }
        });
        await TestNode.WaitUntil(() => sequences.Count >= 50, TimeSpan.FromSeconds(20));
        using (var cut = new CancellationTokenSource(TimeSpan.FromMilliseconds(100)))
            await es.App.StopAsync(cut.Token);
        await Task.Delay(300); // writes the aggregator can no longer see
        stop.Cancel();
        await writer;
        Assert.True(sequences.Count < hubs.Count, "the writer ran out of hubs before the cut");

        // The aggregator's cursor settles; what it says was applied is exactly what its registry holds.
        long applied = -1;
        for (int still = 0; still < 10; await Task.Delay(100))
        {
            long now = agg.Store.Registry.PeerApplied("es")!.Value;
            still = now == applied ? still + 1 : 0;
            applied = now;
        }
        long last = es.Store.Registry.LastSequence;
        var renamed = RenamedAt(agg);
        var expected = sequences.Where(s => s.Sequence <= applied).Select(s => s.Iri).ToHashSet();
        output.WriteLine($"{sequences.Count} changes written, feed cut: aggregator applied through {applied} of {last}, {renamed.Count} renamed hubs there");
        Assert.True(applied < last, "the cut left nothing undelivered");
        Assert.Equal(expected.Order(), renamed.Order());

        // The publisher comes back: the aggregator resumes from applied + 1 and converges.
        await es.StopAsync();
        es.Start();
        Assert.True(await TestNode.WaitUntil(() => agg.Store.Registry.PeerApplied("es") == es.Store.Registry.LastSequence, TimeSpan.FromSeconds(20)), "no convergence after the restart");
        Assert.Equal(sequences.Select(s => s.Iri).Order(), RenamedAt(agg).Order());
        Assert.Equal(es.HubIris(""), agg.HubIris("es"));
    }

    [Fact]
    public async Task OversizedMessagesAreRefusedWithResourceExhaustedBothWays()
    {
        await using var it = TestNode.National("it", "IT");
        await using var es = TestNode.Empty("es");
        TestNode.Link(es, it);
        es.Start();
        it.Start();
        int limit = it.Federation.MaxMessageBytes;
        var deadline = () => DateTime.UtcNow.AddSeconds(20);
        string huge = "SELECT * WHERE { ?s ?p ?o } #" + new string('x', limit + 1024);

        // A client allowed to send more than the server accepts: the server refuses the request.
        using (var big = new PeerClient(new PeerLink("it", it.GrpcUrl, TestNode.Secret), new FederationOptions { NodeName = "es", MaxAttempts = 1, MaxMessageBytes = 4 * limit }))
        {
            var e = await Assert.ThrowsAsync<RpcException>(() => big.QueryAsync(huge, null, null, deadline()));
            Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
            output.WriteLine($"server, {huge.Length:N0}-byte query over its {limit:N0}-byte limit: {e.StatusCode} ({e.Status.Detail})");
            // Bindings over the limit: the same.
            var rows = Enumerable.Range(0, limit / 40).Select(i => new Term?[] { Iri.FromTrusted($"https://example.org/a/long/hub/iri/{i:D12}") }).ToList();
            e = await Assert.ThrowsAsync<RpcException>(() => big.QueryAsync("SELECT * WHERE { ?hub ?p ?o }", ["hub"], rows, deadline()));
            Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
            // A request under the limit still works on the same link.
            Assert.True((await big.QueryAsync("ASK { ?s ?p ?o }", null, null, deadline())).Boolean);
        }

        // A client with a small limit refuses to send over it, and refuses an answer over it (one row: every object
        // concatenated, a single message far over 64 KiB; ordinary results come in batches under it).
        using var small = new PeerClient(new PeerLink("it", it.GrpcUrl, TestNode.Secret), new FederationOptions { NodeName = "es", MaxAttempts = 1, MaxMessageBytes = 64 * 1024 });
        var send = await Assert.ThrowsAsync<RpcException>(() => small.QueryAsync("SELECT * WHERE { ?s ?p ?o } #" + new string('x', 100 * 1024), null, null, deadline()));
        Assert.Equal(StatusCode.ResourceExhausted, send.StatusCode);
        var receive = await Assert.ThrowsAsync<RpcException>(() => small.QueryAsync("SELECT (GROUP_CONCAT(STR(?o)) AS ?all) WHERE { ?s ?p ?o }", null, null, deadline()));
        Assert.Equal(StatusCode.ResourceExhausted, receive.StatusCode);
        output.WriteLine($"client, 64 KiB limit: send {send.Status.Detail}; receive {receive.Status.Detail}");
        Assert.True((await small.QueryAsync("ASK { ?s ?p ?o }", null, null, deadline())).Boolean);
    }

    [Fact]
    public async Task HealthReportsNotServingWhileTheRegistryCannotBeOpened()
    {
        await using var it = TestNode.National("it", "IT");
        it.Start();
        using var channel = GrpcChannel.ForAddress(it.GrpcUrl);
        var health = new Health.HealthClient(channel);
        async Task<HealthCheckResponse.Types.ServingStatus> Status() =>
            (await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10))).Status;

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await Status());
        string moved = it.Database + ".moved";
        File.Move(it.Database, moved);
        try
        {
            var clock = Stopwatch.StartNew();
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, await Status());
            output.WriteLine($"registry file gone: NOT_SERVING in {clock.ElapsedMilliseconds} ms");
        }
        finally
        {
            File.Move(moved, it.Database);
        }
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await Status());
    }

    private static List<string> RenamedAt(TestNode node)
    {
        using var context = node.Store.NewContext();
        return [.. context.Hubs.AsNoTracking().Where(h => h.Origin == "es" && h.Name.StartsWith("Cut ")).Select(h => h.Iri)];
    }
}
