using System.Diagnostics;
using DihNode.Federation.Client;
using DihNode.Federation.Protocol;
using DihNode.Federation.Replication;
using DihNode.Federation.Trust;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace DihNode.Federation.Tests;

/// <summary>
/// The subscription watchdog (README, "Limits"): a publisher that keeps its Subscribe stream open but stops
/// sending heartbeats is dropped as "no heartbeat", not as a transport abort, and counts against its breaker;
/// a stall of this process (the soak's 2.5 s pauses) is not blamed on the peer.
/// </summary>
public sealed class WatchdogTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_heartbeat = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A stand-in publisher "it": Hello at sequence 0, and a Subscribe stream that proves itself (the answer
    /// header) and then does what the test's script says, with the stream kept open until the client goes.
    /// </summary>
    private sealed class ScriptedPublisher : IAsyncDisposable
    {
        private readonly WebApplication _app;

        public ScriptedPublisher(Func<int, IServerStreamWriter<SubscribeResponse>, CancellationToken, Task> script)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
            builder.Services.AddGrpc();
            builder.Services.AddSingleton(new Service(this, script));
            _app = builder.Build();
            _app.MapGrpcService<Service>();
            _app.StartAsync().GetAwaiter().GetResult();
            Url = new Uri(_app.Urls.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
        }

        public Uri Url { get; }

        public int Subscriptions;

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();

        private sealed class Service(ScriptedPublisher owner, Func<int, IServerStreamWriter<SubscribeResponse>, CancellationToken, Task> script) : Protocol.Federation.FederationBase
        {
            private static async Task ProveAsync(ServerCallContext context)
            {
                string nonce = context.RequestHeaders.GetValue(LinkProof.NonceHeader) ?? "";
                await context.WriteResponseHeadersAsync(new Metadata
                {
                    { LinkProof.NodeHeader, "it" },
                    { LinkProof.AnswerHeader, LinkProof.Answer(TestNode.Secret, "it", nonce) },
                });
            }

            public override async Task<HelloResponse> Hello(HelloRequest request, ServerCallContext context)
            {
                await ProveAsync(context);
                return new HelloResponse { NodeName = "it", ProtocolVersion = Serving.FederationService.ProtocolVersion, LastSequence = 0, FirstRetainedSequence = 1 };
            }

            public override async Task Subscribe(SubscribeRequest request, IServerStreamWriter<SubscribeResponse> responseStream, ServerCallContext context)
            {
                int n = Interlocked.Increment(ref owner.Subscriptions);
                await ProveAsync(context);
                await script(n, responseStream, context.CancellationToken);
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            }
        }
    }

    /// <summary>
    /// Stands for the race the soak lost: the gRPC client cancels the call when the read's token is cancelled,
    /// and when the call's cancellation reaches the HTTP/2 stream first, the pending read fails with
    /// IOException "The request was aborted" instead of a cancellation. This handler turns every cancelled
    /// read of a response into that IOException, so the race always goes that way.
    /// </summary>
    private sealed class AbortOnCancelHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var content = new StreamContent(new AbortingStream(await response.Content.ReadAsStreamAsync(cancellationToken)));
            foreach (var header in response.Content.Headers) content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            response.Content = content;
            return response;
        }

        private sealed class AbortingStream(Stream inner) : Stream
        {
            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                try
                {
                    return await inner.ReadAsync(buffer, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    throw new IOException("The request was aborted.");
                }
            }

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

            public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                if (disposing) inner.Dispose();
                base.Dispose(disposing);
            }
        }
    }

    /// <summary>
    /// The system clock, whose timer callbacks can be held back for a while: a stall of this process as the
    /// watchdog sees it (a starved threadpool or a GC pause runs no timer callback), with nothing else stopped.
    /// </summary>
    private sealed class StallingClock : TimeProvider
    {
        private long _stalledUntil;

        public void Stall(TimeSpan length) => Volatile.Write(ref _stalledUntil, GetTimestamp() + (long)(length.TotalSeconds * TimestampFrequency));

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            base.CreateTimer(s =>
            {
                if (GetTimestamp() >= Volatile.Read(ref _stalledUntil)) callback(s);
            }, state, dueTime, period);
    }

    private static SubscribeResponse Heartbeat() => new() { Heartbeat = new Protocol.Heartbeat { LastSequence = 0, Time = Timestamp.FromDateTime(DateTime.UtcNow) } };

    private static FederationOptions Options(int breakerThreshold = 1) => new()
    {
        NodeName = "es",
        Heartbeat = s_heartbeat,
        BreakerThreshold = breakerThreshold,
        BreakerOpenFor = TimeSpan.FromSeconds(30),
    };

    private static PeerClient Client(Uri url, TimeProvider? clock = null, HttpMessageHandler? handler = null) =>
        new(new PeerLink("it", url, TestNode.Secret), Options(), handler) { Clock = clock ?? TimeProvider.System };

    /// <summary>Reads the feed until <paramref name="wanted"/> messages came (then leaves) or the subscription fails.</summary>
    private static async Task<(int Messages, RpcException? Error, double Seconds)> FollowAsync(PeerClient client, int wanted, Action<int>? onMessage = null)
    {
        var clock = Stopwatch.StartNew();
        int messages = 0;
        try
        {
            await foreach (var _ in client.SubscribeAsync(1))
            {
                messages++;
                onMessage?.Invoke(messages);
                if (messages == wanted) break;
            }
            return (messages, null, clock.Elapsed.TotalSeconds);
        }
        catch (RpcException e)
        {
            return (messages, e, clock.Elapsed.TotalSeconds);
        }
    }

    /// <summary>
    /// The soak's drop, made deterministic: the publisher sends one heartbeat and then nothing, the stream
    /// open. The watchdog (3 × 1 s) must end the subscription after about 3 s with a reason that says so,
    /// and (threshold 1) the breaker counts it: a peer that stops heartbeating is unhealthy.
    /// </summary>
    [Fact]
    public async Task APublisherThatStopsHeartbeatingIsDroppedAsSilentAndCountsAgainstTheBreaker()
    {
        await using var peer = new ScriptedPublisher(async (_, stream, token) => await stream.WriteAsync(Heartbeat(), token));
        using var client = Client(peer.Url);
        var clock = Stopwatch.StartNew();
        int messages = 0;
        var e = await Assert.ThrowsAnyAsync<RpcException>(async () =>
        {
            await foreach (var _ in client.SubscribeAsync(1)) messages++;
        });
        double seconds = clock.Elapsed.TotalSeconds;
        output.WriteLine($"dropped after {seconds:F2} s, {messages} message(s): {e.GetType().Name} {e.StatusCode} \"{e.Status.Detail}\"; breaker {client.Breaker.State}");
        Assert.Equal(1, messages);
        Assert.InRange(seconds, 2.9, 6);
        Assert.StartsWith("no heartbeat from peer 'it' for 3", e.Status.Detail);
        Assert.DoesNotContain("aborted", e.Status.Detail);
        Assert.Equal(BreakerState.Open, client.Breaker.State);
    }

    /// <summary>
    /// The soak's message itself. When the gRPC client reports the watchdog's cancellation as a transport
    /// failure (UNAVAILABLE "Error reading next message. IOException: The request was aborted."), the drop
    /// must still say it was silence, and count against the breaker like any silence.
    /// </summary>
    [Fact]
    public async Task AWatchdogCancellationReportedAsATransportAbortIsStillReportedAsSilence()
    {
        await using var peer = new ScriptedPublisher(async (_, stream, token) => await stream.WriteAsync(Heartbeat(), token));
        using var client = Client(peer.Url, handler: new AbortOnCancelHandler());
        var (messages, e, seconds) = await FollowAsync(client, int.MaxValue);
        Assert.NotNull(e);
        output.WriteLine($"dropped after {seconds:F2} s, {messages} message(s): {e.GetType().Name} {e.StatusCode} \"{e.Status.Detail}\"; underneath: {e.Status.DebugException?.Message}; breaker {client.Breaker.State}");
        Assert.Equal(1, messages);
        Assert.InRange(seconds, 2.9, 6);
        var silent = Assert.IsType<PeerSilentException>(e);
        Assert.StartsWith("no heartbeat from peer 'it' for 3", e.Status.Detail);
        // What the transport said is kept underneath, for whoever debugs the link.
        Assert.Contains("The request was aborted", silent.Status.DebugException?.ToString());
        Assert.Equal(BreakerState.Open, client.Breaker.State);
    }

    /// <summary>
    /// The soak's cause: this process stalls 2.5 s (no timer callback runs) while the publisher's next
    /// heartbeat comes 4 s after the last. The stall is not counted as the peer's silence, so the link
    /// stays up and the late heartbeat is read. The control, the same publisher without the stall, is
    /// dropped after 3 s: the stall is what the watchdog forgives, nothing else.
    /// </summary>
    [Fact]
    public async Task AStallOfThisProcessIsNotCountedAsThePeersSilence()
    {
        // The first subscription (stalled) gets its second heartbeat 4 s after the first, the control's 8 s after:
        // under load the control's own real stalls are forgiven too, and must not let it see that heartbeat.
        await using var peer = new ScriptedPublisher(async (n, stream, token) =>
        {
            await stream.WriteAsync(Heartbeat(), token);
            await Task.Delay(TimeSpan.FromSeconds(n == 1 ? 4 : 8), token);
            await stream.WriteAsync(Heartbeat(), token);
        });

        var stalling = new StallingClock();
        using (var client = Client(peer.Url, stalling))
        {
            var (messages, e, seconds) = await FollowAsync(client, 2, n =>
            {
                if (n == 1) _ = Task.Delay(500).ContinueWith(_ => stalling.Stall(TimeSpan.FromSeconds(2.5)), TaskScheduler.Default);
            });
            output.WriteLine($"stalled 2.5 s: {messages} message(s) in {seconds:F2} s, {(e is null ? "no drop" : e.Status.Detail)}; breaker {client.Breaker.State}");
            Assert.Null(e);
            Assert.Equal(2, messages);
            Assert.Equal(BreakerState.Closed, client.Breaker.State);
        }

        using (var control = Client(peer.Url))
        {
            var (messages, e, seconds) = await FollowAsync(control, 2);
            output.WriteLine($"control, no stall: {messages} message(s) in {seconds:F2} s, {e?.Status.Detail}; breaker {control.Breaker.State}");
            Assert.Equal(1, messages);
            Assert.IsType<PeerSilentException>(e);
            Assert.InRange(seconds, 2.9, 8);
        }
    }

    /// <summary>
    /// A stall is forgiven, not the peer's silence around it: a publisher that stays silent is dropped
    /// once three heartbeats' time has passed with this process running (about 3 s + the 2.5 s stall), the
    /// reason says how much was stall, and the breaker counts it.
    /// </summary>
    [Fact]
    public async Task AStallDoesNotHideAPublisherThatStaysSilent()
    {
        await using var peer = new ScriptedPublisher(async (_, stream, token) => await stream.WriteAsync(Heartbeat(), token));
        var stalling = new StallingClock();
        using var client = Client(peer.Url, stalling);
        var (messages, e, seconds) = await FollowAsync(client, int.MaxValue, n =>
        {
            if (n == 1) _ = Task.Delay(500).ContinueWith(_ => stalling.Stall(TimeSpan.FromSeconds(2.5)), TaskScheduler.Default);
        });
        Assert.NotNull(e);
        output.WriteLine($"dropped after {seconds:F2} s: \"{e.Status.Detail}\"; breaker {client.Breaker.State}");
        var silent = Assert.IsType<PeerSilentException>(e);
        // At least the 2.5 s stall made here (a loaded machine adds stalls of its own, forgiven the same way).
        Assert.InRange(seconds, 5.2, 12);
        Assert.InRange(silent.Silence.TotalSeconds, 3.0, 4.1);
        Assert.InRange(silent.Stalled.TotalSeconds, 2.2, 8);
        Assert.Contains("this node was stalled did not count", e.Status.Detail);
        Assert.Equal(BreakerState.Open, client.Breaker.State);
    }

    /// <summary>Any message is a sign of life: batches alone (no heartbeat), each within the limit, keep the link up.</summary>
    [Fact]
    public async Task BatchesWithoutHeartbeatsKeepTheLinkUp()
    {
        await using var peer = new ScriptedPublisher(async (_, stream, token) =>
        {
            for (int i = 1; i <= 3; i++)
            {
                await stream.WriteAsync(new SubscribeResponse { Changes = new ChangeBatch { ThroughSequence = i } }, token);
                await Task.Delay(TimeSpan.FromSeconds(2), token);
            }
        });
        using var client = Client(peer.Url);
        var (messages, e, seconds) = await FollowAsync(client, 3);
        output.WriteLine($"3 batches 2 s apart: {messages} in {seconds:F2} s, {(e is null ? "no drop" : e.Status.Detail)}");
        Assert.Null(e);
        Assert.Equal(3, messages);
    }

    /// <summary>
    /// The replicating side: the first subscription goes silent, the replicator logs the drop as silence (the
    /// soak prints this reason), subscribes again at once after what it applied, and is connected again.
    /// </summary>
    [Fact]
    public async Task TheReplicatorLogsASilentPeerAsSuchAndResubscribes()
    {
        await using var peer = new ScriptedPublisher(async (n, stream, token) =>
        {
            await stream.WriteAsync(Heartbeat(), token);
            while (n > 1)
            {
                await Task.Delay(s_heartbeat, token);
                await stream.WriteAsync(Heartbeat(), token);
            }
        });
        var options = Options(breakerThreshold: 5);
        using var client = new PeerClient(new PeerLink("it", peer.Url, TestNode.Secret), options);
        var store = new CursorStore();
        var log = new ListLogger();
        var replicator = new PeerReplicator(client, store, options, log);
        using var stop = new CancellationTokenSource();
        var run = replicator.RunAsync(stop.Token);
        bool back = await TestNode.WaitUntil(() => peer.Subscriptions >= 2 && replicator.Status().Connected, TimeSpan.FromSeconds(15));
        await stop.CancelAsync();
        await run;
        foreach (string line in log.Lines) output.WriteLine(line);
        Assert.True(back, "the replicator did not subscribe again after the silent subscription");
        var drop = Assert.Single(log.Lines, l => l.Contains("interrupted", StringComparison.Ordinal));
        Assert.Contains("no heartbeat from peer 'it' for 3", drop);
        Assert.Contains(store.States, s => s.LastError?.Contains("no heartbeat from peer 'it'", StringComparison.Ordinal) == true && !s.Connected);
        Assert.Equal(BreakerState.Closed, client.Breaker.State);
    }

    /// <summary>A replica store that only keeps the cursor (at 0: nothing to bootstrap) and the reported states.</summary>
    private sealed class CursorStore : IReplicaStore
    {
        private long _applied;

        public List<PeerStatus> States { get; } = [];

        public long? AppliedSequence(string peer) => Interlocked.Read(ref _applied);

        public Task ApplySnapshotAsync(string peer, long sequence, IReadOnlyList<ReceivedHub> hubs, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("no snapshot expected");

        public Task ApplyChangesAsync(string peer, IReadOnlyList<ReceivedChange> changes, long through, CancellationToken cancellationToken)
        {
            Interlocked.Exchange(ref _applied, through);
            return Task.CompletedTask;
        }

        public void ReportState(PeerStatus status)
        {
            lock (States) States.Add(status);
        }
    }

    private sealed class ListLogger : ILogger
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get { lock (_lines) return [.. _lines]; }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines) _lines.Add($"{logLevel}: {formatter(state, exception)}");
        }
    }
}
