using System.Runtime.CompilerServices;
using DihNode.Federation.Protocol;
using DihNode.Federation.Trust;
using DihNode.Federation.Wire;
using DihNode.Rdf.Model;
using Term = DihNode.Rdf.Model.Term;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using P = DihNode.Federation.Protocol;

namespace DihNode.Federation.Client;

/// <summary>
/// This node's client for one configured peer: over mutual TLS when the peer's URL is <c>https://</c>
/// (<see cref="MutualTls"/>), every call carries the link proof and checks the peer's answer proof,
/// runs under a deadline, passes the peer's circuit breaker, and (unary calls) is retried with
/// exponential backoff and jitter on <c>UNAVAILABLE</c>. Messages over the size limit are refused both ways.
/// </summary>
public sealed class PeerClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly P.Federation.FederationClient _client;
    private readonly FederationOptions _options;
    private readonly PeerConnector _connector;

    /// <param name="handler">A transport of the caller's own (tests); it replaces the address check of <see cref="PeerConnector"/>.</param>
    /// <param name="log">Where refused peer addresses are logged (once per change).</param>
    public PeerClient(PeerLink link, FederationOptions options, HttpMessageHandler? handler = null, ILogger? log = null)
    {
        Link = link;
        _options = options;
        _connector = new PeerConnector(link, options.Resolver, log);
        Breaker = new CircuitBreaker(options.BreakerThreshold, options.BreakerOpenFor);
        _channel = GrpcChannel.ForAddress(link.Url, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = options.MaxMessageBytes,
            MaxSendMessageSize = options.MaxMessageBytes,
            // After failed connections the channel refuses calls until its reconnect backoff ends (by default
            // growing to 120 s): a peer that is back would stay unreachable that long. Bound it like the
            // replicator's own reconnect backoff. (With this node's own transport, whose ConnectCallback checks the
            // peer's address, the channel leaves connections to HttpClient, which opens one per call when needed;
            // the bound still holds for a caller's own handler.)
            MaxReconnectBackoff = TimeSpan.FromSeconds(5),
            HttpHandler = handler ?? Transport(link, options, _connector),
        });
        _client = new P.Federation.FederationClient(_channel.Intercept(new LinkCredentialsInterceptor(options.NodeName, link.Secret)));
    }

    public PeerLink Link { get; }

    /// <summary>Connections refused by the address check so far (none of them opened a socket).</summary>
    public int RefusedConnections => _connector.Refused;

    /// <summary>
    /// The connection settings of a link: connections made by <see cref="PeerConnector"/> (resolve, check every
    /// address, connect to the checked ones); for an <c>https://</c> peer, mutual TLS with the peer's pinned certificate.
    /// </summary>
    private static SocketsHttpHandler Transport(PeerLink link, FederationOptions options, PeerConnector connector)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = connector.ConnectAsync,
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = TimeSpan.FromSeconds(20),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        MutualTls.ConfigureClient(handler, link, options);
        return handler;
    }

    public CircuitBreaker Breaker { get; }

    /// <summary>The clock the subscription watchdog counts silence and stalls by (a test moves it to fake a stall).</summary>
    internal TimeProvider Clock { get; init; } = TimeProvider.System;

    public Task<HelloResponse> HelloAsync(CancellationToken cancellationToken = default) =>
        UnaryAsync((o, n) => _client.HelloAsync(new HelloRequest { NodeName = _options.NodeName, ProtocolVersion = Serving.FederationService.ProtocolVersion }, o), cancellationToken);

    public Task<Statistics> GetStatisticsAsync(CancellationToken cancellationToken = default) =>
        UnaryAsync((o, n) => _client.GetStatisticsAsync(new StatisticsRequest(), o), cancellationToken);

    /// <summary>The peer's snapshot, all batches read and decoded: its sequence and hubs.</summary>
    public async Task<(long Sequence, List<ReceivedHub> Hubs)> GetSnapshotAsync(CancellationToken cancellationToken = default)
    {
        EnterBreaker();
        try
        {
            var (options, nonce) = NewCall(_options.SnapshotDeadline, cancellationToken);
            using var call = _client.GetSnapshot(new SnapshotRequest(), options);
            await VerifyAnswerAsync(call.ResponseHeadersAsync, nonce, () => call.ResponseStream.MoveNext(cancellationToken));
            long sequence = -1;
            var hubs = new List<ReceivedHub>();
            await foreach (var batch in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                if (sequence >= 0 && batch.Sequence != sequence) throw new WireFormatException("sequence", $"snapshot batches disagree on their sequence ({sequence}, {batch.Sequence})");
                sequence = batch.Sequence;
                hubs.AddRange(MessageDecoder.DecodeSnapshot(batch));
                if (batch.Last) break;
            }
            Breaker.Success();
            return (Math.Max(sequence, 0), hubs);
        }
        catch (Exception e) when (Counts(e))
        {
            Breaker.Failure();
            if (Refused(e) is { } refused) throw refused;
            throw;
        }
    }

    /// <summary>
    /// The peer's change feed from <paramref name="fromSequence"/>, decoded; ends when the call does
    /// (deadline, cancellation, link failure: the exception tells which).
    /// </summary>
    public async IAsyncEnumerable<FeedMessage> SubscribeAsync(long fromSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        EnterBreaker();
        var (options, nonce) = NewCall(_options.SubscribeDeadline, cancellationToken);
        using var call = _client.Subscribe(new SubscribeRequest { FromSequence = fromSequence, HeartbeatSeconds = (int)Math.Max(1, _options.Heartbeat.TotalSeconds) }, options);
        try
        {
            await VerifyAnswerAsync(call.ResponseHeadersAsync, nonce, () => call.ResponseStream.MoveNext(cancellationToken));
        }
        catch (Exception e) when (Counts(e))
        {
            Breaker.Failure();
            if (Refused(e) is { } refused) throw refused;
            throw;
        }
        Breaker.Success();
        var stream = call.ResponseStream;
        using var watchdog = new SubscriptionWatchdog(_options.Heartbeat * 3, Clock, cancellationToken);
        while (true)
        {
            // Three missed heartbeats (counted while this process runs): the link is dead even if TCP has not
            // noticed. Any message is a sign of life; the time the caller spends on one is not silence.
            bool more;
            watchdog.Arm();
            try
            {
                more = await stream.MoveNext(watchdog.Token);
            }
            catch (Exception e) when (watchdog.Fired && !cancellationToken.IsCancellationRequested)
            {
                // Whatever the client made of its cancelled read (CANCELLED, or UNAVAILABLE "The request was
                // aborted" when the cancelled call won the race against the cancelled read), it was silence.
                Breaker.Failure();
                throw new PeerSilentException(Link.Name, watchdog.Silence, _options.Heartbeat, watchdog.Stalled, e);
            }
            finally
            {
                watchdog.Disarm();
            }
            if (!more) yield break;
            // The watchdog fired as this message arrived: its token is spent (and the client may have cancelled
            // the call), so end here; the caller re-subscribes after what it applied, nothing counted against the peer.
            bool last = watchdog.Fired;
            var message = stream.Current;
            switch (message.KindCase)
            {
                case SubscribeResponse.KindOneofCase.Heartbeat:
                    yield return new FeedMessage(null, message.Heartbeat.LastSequence, []);
                    break;
                case SubscribeResponse.KindOneofCase.Changes:
                    var batch = message.Changes;
                    var changes = MessageDecoder.DecodeChanges(batch);
                    yield return new FeedMessage(batch.ThroughSequence, batch.ThroughSequence, changes);
                    break;
                default:
                    throw new WireFormatException("kind", "a feed message that is neither changes nor a heartbeat");
            }
            if (last) yield break;
        }
    }

    /// <summary>Runs a SELECT or ASK at the peer with bindings (may be empty); reads all rows (the caller's deadline bounds it).</summary>
    public async Task<RemoteResult> QueryAsync(string query, IReadOnlyList<string>? bindingVariables, IEnumerable<Term?[]>? bindingRows, DateTime deadline, CancellationToken cancellationToken = default)
    {
        var request = new QueryRequest { Query = query };
        if (bindingVariables is not null && bindingRows is not null)
        {
            request.BindingVariables.AddRange(bindingVariables);
            var table = new TermTableWriter(request.BindingTerms);
            foreach (var row in bindingRows)
                foreach (var cell in row) request.BindingCells.Add(cell is null ? 0 : table.Add(cell) + 1);
        }
        EnterBreaker();
        try
        {
            string nonce = LinkProof.NewNonce();
            var options = new CallOptions(new Metadata { { LinkProof.NonceHeader, nonce } }, deadline, cancellationToken);
            using var call = _client.Query(request, options);
            await VerifyAnswerAsync(call.ResponseHeadersAsync, nonce, () => call.ResponseStream.MoveNext(cancellationToken));
            var variables = new List<string>();
            var rows = new List<Term?[]>();
            bool? boolean = null, truncated = false;
            await foreach (var message in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                switch (message.KindCase)
                {
                    case QueryResponse.KindOneofCase.Header: variables.AddRange(message.Header.Variables); break;
                    case QueryResponse.KindOneofCase.Boolean: boolean = message.Boolean; break;
                    case QueryResponse.KindOneofCase.Rows:
                        rows.AddRange(MessageDecoder.DecodeRows(message.Rows, variables.Count));
                        truncated |= message.Rows.Truncated;
                        break;
                }
            }
            Breaker.Success();
            return new RemoteResult(variables, rows, boolean, truncated == true);
        }
        catch (Exception e) when (Counts(e))
        {
            Breaker.Failure();
            if (Refused(e) is { } refused) throw refused;
            throw;
        }
    }

    private async Task<T> UnaryAsync<T>(Func<CallOptions, string, AsyncUnaryCall<T>> start, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            EnterBreaker();
            try
            {
                var (options, nonce) = NewCall(_options.CallDeadline, cancellationToken);
                using var call = start(options, nonce);
                await VerifyAnswerAsync(call.ResponseHeadersAsync, nonce, () => call.ResponseAsync);
                var response = await call.ResponseAsync;
                Breaker.Success();
                return response;
            }
            catch (RpcException e) when (Counts(e))
            {
                Breaker.Failure();
                if (e.StatusCode != StatusCode.Unavailable || attempt >= _options.MaxAttempts)
                {
                    if (Refused(e) is { } refused) throw refused;
                    throw;
                }
                await Task.Delay(Backoff(attempt), cancellationToken);
            }
        }
    }

    /// <summary>Exponential backoff with full jitter: up to base × 2^(attempt-1).</summary>
    internal TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * _options.RetryBase.TotalMilliseconds * (1 << Math.Min(attempt - 1, 10)));

    private (CallOptions Options, string Nonce) NewCall(TimeSpan deadline, CancellationToken cancellationToken)
    {
        string nonce = LinkProof.NewNonce();
        return (new CallOptions(new Metadata { { LinkProof.NonceHeader, nonce } }, DateTime.UtcNow + deadline, cancellationToken), nonce);
    }

    /// <summary>
    /// Checks the peer's answer proof in the response headers. A call refused before the server wrote its
    /// headers (trailers only: no proof, an error status) surfaces that status from <paramref name="status"/>;
    /// one that would go on without a proof is refused here.
    /// </summary>
    private async Task VerifyAnswerAsync(Task<Metadata> headers, string nonce, Func<Task> status)
    {
        var metadata = await headers;
        string? node = metadata.GetValue(LinkProof.NodeHeader);
        if (node is null) await status();
        if (node != Link.Name || !LinkProof.Same(LinkProof.Answer(Link.Secret, Link.Name, nonce), metadata.GetValue(LinkProof.AnswerHeader)))
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"the server at {Link.Url} did not prove it is peer '{Link.Name}' (answered as '{node ?? "nobody"}')"));
    }

    private void EnterBreaker()
    {
        if (!Breaker.TryEnter())
            throw new RpcException(new Status(StatusCode.Unavailable, $"circuit open for peer '{Link.Name}': too many failures, no call made"));
    }

    /// <summary>Failures of the link or the peer count against the breaker; cancellation by us does not.</summary>
    private static bool Counts(Exception e) => e is not OperationCanceledException
        && !(e is RpcException r && r.StatusCode is StatusCode.Cancelled or StatusCode.InvalidArgument or StatusCode.OutOfRange);

    /// <summary>
    /// A call that failed because <see cref="PeerConnector"/> refused the peer's address, as <c>UNAVAILABLE</c>
    /// with the refusal's message (gRPC's own wraps it in "Error starting gRPC call"); null for any other failure.
    /// </summary>
    private static RpcException? Refused(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException ?? (x as RpcException)?.Status.DebugException)
            if (x is PeerAddressRefusedException refused)
                return new RpcException(new Status(StatusCode.Unavailable, refused.Message));
        return null;
    }

    public void Dispose() => _channel.Dispose();
}

/// <summary>A hub as received from a peer.</summary>
public sealed record ReceivedHub(Iri Hub, List<Triple> Triples);

/// <summary>A change as received: <see cref="Upsert"/> null for a delete.</summary>
public sealed record ReceivedChange(long Sequence, DateTime Committed, string HubIri, ReceivedHub? Upsert);

/// <summary>One feed message: changes through <see cref="Through"/> (null for a heartbeat), and the peer's last sequence.</summary>
public sealed record FeedMessage(long? Through, long PeerLastSequence, IReadOnlyList<ReceivedChange> Changes);

/// <summary>A peer's answer to a query: SELECT variables and rows, or an ASK boolean.</summary>
public sealed record RemoteResult(IReadOnlyList<string> Variables, IReadOnlyList<Term?[]> Rows, bool? Boolean, bool Truncated);
