using DihNode.Federation.Client;
using DihNode.Federation.Protocol;
using DihNode.Federation.Trust;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace DihNode.Federation.Tests.Fuzz;

/// <summary>
/// One national node (Malta's EDIH hubs) that knows a peer called <see cref="Caller"/>, and raw access to its
/// gRPC service: methods over <c>byte[]</c> with identity marshallers, so a test sends exactly the bytes it
/// wants, signed with the link credentials the node checks (<see cref="LinkCredentialsInterceptor"/>).
/// </summary>
public sealed class ProtobufFuzzFixture : IAsyncLifetime
{
    public const string Caller = "fuzzer";
    private const string Service = "dihnode.federation.v1.Federation";
    private static readonly Marshaller<byte[]> s_bytes = Marshallers.Create(b => b, b => b);

    public static readonly Method<byte[], byte[]> Hello = new(MethodType.Unary, Service, "Hello", s_bytes, s_bytes);
    public static readonly Method<byte[], byte[]> GetStatistics = new(MethodType.Unary, Service, "GetStatistics", s_bytes, s_bytes);
    public static readonly Method<byte[], byte[]> GetSnapshot = new(MethodType.ServerStreaming, Service, "GetSnapshot", s_bytes, s_bytes);
    public static readonly Method<byte[], byte[]> Subscribe = new(MethodType.ServerStreaming, Service, "Subscribe", s_bytes, s_bytes);
    public static readonly Method<byte[], byte[]> Query = new(MethodType.ServerStreaming, Service, "Query", s_bytes, s_bytes);

    private GrpcChannel _channel = null!;

    internal TestNode Node { get; private set; } = null!;

    public CallInvoker Invoker { get; private set; } = null!;

    public Task InitializeAsync()
    {
        // The caller's URL is never reached (a national node does not replicate). The client budget is off: it
        // would answer the fuzzer's thousands of refused calls with HTTP 429 (UNAVAILABLE) before they reach the service.
        Node = TestNode.National("fz", "MT")
            .AddPeer(new PeerLink(Caller, new Uri("http://127.0.0.1:9"), TestNode.Secret))
            .Limits(new Node.Hosting.NodeOptions { Database = "" }.MaxConcurrentQueries, TimeSpan.Zero)
            .Start();
        _channel = GrpcChannel.ForAddress(Node.GrpcUrl, new GrpcChannelOptions { MaxReceiveMessageSize = 16 << 20 });
        Invoker = _channel.Intercept(new LinkCredentialsInterceptor(Caller, TestNode.Secret));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await Node.DisposeAsync();
    }

    public async Task<byte[]> UnaryAsync(Method<byte[], byte[]> method, byte[] request, TimeSpan deadline, CancellationToken token = default) =>
        await Invoker.AsyncUnaryCall(method, null, new CallOptions(deadline: DateTime.UtcNow + deadline, cancellationToken: token), request);

    /// <summary>The responses of a streaming call, at most <paramref name="max"/> of them (then the call is cancelled).</summary>
    public async Task<List<byte[]>> StreamAsync(Method<byte[], byte[]> method, byte[] request, TimeSpan deadline, int max = int.MaxValue)
    {
        using var cancel = new CancellationTokenSource();
        using var call = Invoker.AsyncServerStreamingCall(method, null, new CallOptions(deadline: DateTime.UtcNow + deadline, cancellationToken: cancel.Token), request);
        var responses = new List<byte[]>();
        while (responses.Count < max && await call.ResponseStream.MoveNext(cancel.Token)) responses.Add(call.ResponseStream.Current);
        cancel.Cancel();
        return responses;
    }

    /// <summary>The number of quads the node holds, by the Query rpc.</summary>
    public async Task<long> CountAsync()
    {
        var request = new QueryRequest { Query = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }" };
        var responses = await StreamAsync(Query, request.ToByteArray(), TimeSpan.FromSeconds(10));
        var rows = QueryResponse.Parser.ParseFrom(responses[1]).Rows;
        return long.Parse(rows.Terms[(int)rows.Cells[0] - 1].Literal.Lexical, System.Globalization.CultureInfo.InvariantCulture);
    }
}
