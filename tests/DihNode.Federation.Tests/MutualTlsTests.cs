using System.Diagnostics;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using DihNode.Federation.Client;
using DihNode.Federation.Trust;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace DihNode.Federation.Tests;

/// <summary>
/// Mutual TLS on the gRPC links (issue 11, item 15): real Kestrel on loopback, certificates made here as
/// <c>dihnode cert</c> makes them. Spain's node serves over TLS and pins the aggregator "eu" (and, where a
/// test needs a second peer, "de"); a counting interceptor in front of every gRPC method shows whether a
/// refused client got as far as the service.
/// </summary>
public sealed class MutualTlsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string DeSecret = "de-link-secret-0123456789";
    private static readonly TimeSpan s_validity = TimeSpan.FromDays(1);
    private readonly X509Certificate2 _esCert = Make("es"), _euCert = Make("eu"), _deCert = Make("de"), _strangerCert = Make("stranger");
    private readonly CallCounter _esCalls = new();
    private readonly LogCapture _esLog = new();
    private readonly List<TestNode> _nodes = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        foreach (var c in new[] { _esCert, _euCert, _deCert, _strangerCert }) c.Dispose();
    }

    [Fact]
    public async Task ALinkWithTheRightCertificatesSaysHelloAndReplicatesAChange()
    {
        var es = Node(TestNode.National("es", "ES").WithCertificate(_esCert));
        var eu = Node(TestNode.Empty("eu").AsAggregator().WithCertificate(_euCert));
        TestNode.Link(eu, es);
        Assert.Equal("https", es.GrpcUrl.Scheme);
        StartCounted(es);

        var clock = Stopwatch.StartNew();
        using (var client = new PeerClient(eu.Peers[0], Options("eu", _euCert)))
        {
            var hello = await client.HelloAsync();
            output.WriteLine($"Hello over mutual TLS (new channel, handshake included): {clock.ElapsedMilliseconds} ms");
            Assert.Equal("es", hello.NodeName);
            clock.Restart();
            await client.HelloAsync();
            output.WriteLine($"second Hello on the same connection: {clock.Elapsed.TotalMilliseconds:F1} ms");
        }
        // A fresh connection per Hello (TLS handshake, both certificates checked, HTTP/2 setup): the cost of mTLS per link connection.
        var fresh = new List<double>();
        for (int i = 0; i < 9; i++)
        {
            using var client = new PeerClient(eu.Peers[0], Options("eu", _euCert));
            clock.Restart();
            await client.HelloAsync();
            fresh.Add(clock.Elapsed.TotalMilliseconds);
        }
        fresh.Sort();
        output.WriteLine($"Hello on a new mutual-TLS connection (9 runs): median {fresh[4]:F1} ms, max {fresh[^1]:F1} ms");
        Assert.Equal(11, _esCalls.Calls);

        eu.Start();
        var hubs = es.HubIris("");
        Assert.True(hubs.Count > 10);
        Assert.True(await TestNode.WaitUntil(() => eu.HubIris("es").SetEquals(hubs), TimeSpan.FromSeconds(30)), "the aggregator did not copy Spain's hubs over TLS");

        string iri = hubs.Order().First();
        var record = ReplicationTests.Record(es, iri) with { Name = "Renamed over mutual TLS" };
        clock.Restart();
        await es.Store.Registry.UpsertAsync(record);
        Assert.True(await TestNode.WaitUntil(() => NameAt(eu, iri) == "Renamed over mutual TLS", TimeSpan.FromSeconds(5)), "the change did not arrive");
        output.WriteLine($"one hub change replicated over mutual TLS in {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task AClientWithoutACertificateFailsTheHandshakeAndReachesNoMethod()
    {
        var es = Serving();
        // The node's own transport refuses to call a TLS peer without a certificate, so build the bare one.
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, server, _, _) => server is not null && NodeCertificate.Thumbprint(server) == NodeCertificate.Thumbprint(_esCert) },
        };
        using var client = new PeerClient(EuLink(es), Options("eu", null), handler);
        await AssertHandshakeFails(client, "no client certificate");
        Assert.Equal(0, _esCalls.Calls);
        Assert.False(await Http2Answers(es, null));
        Assert.True(await Http2Answers(es, _euCert), "the control: the pinned certificate gets HTTP/2");
        Assert.Equal(0, _esCalls.Calls);
    }

    [Fact]
    public async Task AClientWithAnUnpinnedSelfMadeCertificateFailsTheHandshake()
    {
        var es = Serving();
        using var client = new PeerClient(EuLink(es), Options("eu", _strangerCert));
        await AssertHandshakeFails(client, "self-made unpinned certificate");
        Assert.Equal(0, _esCalls.Calls);
        AssertRefusalLogged(_strangerCert);
        Assert.False(await Http2Answers(es, _strangerCert));
        Assert.Equal(0, _esCalls.Calls);
    }

    [Fact]
    public async Task AClientWithAnotherNodesCertificateFailsTheHandshake()
    {
        // Germany's certificate is a real node's, pinned by the aggregator, but Spain does not link to Germany.
        var es = Serving();
        Assert.Null(es.Federation.FindPeer("de"));
        using var client = new PeerClient(EuLink(es), Options("eu", _deCert));
        await AssertHandshakeFails(client, "another node's certificate");
        Assert.Equal(0, _esCalls.Calls);
        AssertRefusalLogged(_deCert);
        Assert.False(await Http2Answers(es, _deCert));
        // The right certificate on the same server works: the refusals were the certificates'.
        using var right = new PeerClient(EuLink(es), Options("eu", _euCert));
        Assert.Equal("es", (await right.HelloAsync()).NodeName);
        Assert.Equal(1, _esCalls.Calls);
    }

    [Fact]
    public async Task AServerWithAnUnpinnedCertificateIsRefusedByTheClient()
    {
        // Spain's port answers with the stranger's certificate; the aggregator pins Spain's real one.
        var impostor = Node(TestNode.National("es", "ES").WithCertificate(_strangerCert));
        impostor.AddPeer(new PeerLink("eu", new Uri("https://127.0.0.1:1"), TestNode.Secret) { CertificatePins = [NodeCertificate.Thumbprint(_euCert)] });
        StartCounted(impostor);
        var link = new PeerLink("es", impostor.GrpcUrl, TestNode.Secret) { CertificatePins = [NodeCertificate.Thumbprint(_esCert)] };
        using var client = new PeerClient(link, Options("eu", _euCert));
        var e = await AssertHandshakeFails(client, "server with an unpinned certificate");
        Assert.Contains(Chain(e), x => x is AuthenticationException && x.Message.Contains("RemoteCertificateValidationCallback", StringComparison.Ordinal));
        Assert.Equal(0, _esCalls.Calls);
    }

    [Fact]
    public async Task ACertificatePinnedForOnePeerWithAnotherPeersSecretIsPermissionDenied()
    {
        var es = Node(TestNode.National("es", "ES").WithCertificate(_esCert));
        var eu = Node(TestNode.Empty("eu").WithCertificate(_euCert));
        TestNode.Link(eu, es);
        es.AddPeer(new PeerLink("de", new Uri("https://127.0.0.1:1"), DeSecret) { CertificatePins = [NodeCertificate.Thumbprint(_deCert)] });
        StartCounted(es);

        // TLS passes (Germany's certificate is pinned at Spain) but the proof names "eu".
        using (var deAsEu = new PeerClient(EuLink(es), Options("eu", _deCert)))
        {
            var e = await Assert.ThrowsAsync<RpcException>(() => deAsEu.HelloAsync());
            output.WriteLine($"de's certificate, eu's secret: {e.StatusCode}: {e.Status.Detail}");
            Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
            Assert.Contains("pinned for 'de'", e.Status.Detail, StringComparison.Ordinal);
        }
        using (var euAsDe = new PeerClient(new PeerLink("es", es.GrpcUrl, DeSecret) { CertificatePins = [NodeCertificate.Thumbprint(_esCert)] }, Options("de", _euCert)))
        {
            var e = await Assert.ThrowsAsync<RpcException>(() => euAsDe.HelloAsync());
            Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        }
        // Each got as far as the interceptors (TLS was fine) and no further; the matching pair is answered.
        Assert.Equal(2, _esCalls.Calls);
        using var de = new PeerClient(new PeerLink("es", es.GrpcUrl, DeSecret) { CertificatePins = [NodeCertificate.Thumbprint(_esCert)] }, Options("de", _deCert));
        Assert.Equal("es", (await de.HelloAsync()).NodeName);
    }

    [Fact]
    public async Task ACleartextCallToTheTlsPortFails()
    {
        var es = Serving();
        using var client = new PeerClient(new PeerLink("es", new Uri($"http://127.0.0.1:{es.GrpcUrl.Port}"), TestNode.Secret), Options("eu", null));
        await AssertHandshakeFails(client, "cleartext HTTP/2 to the TLS port");
        Assert.Equal(0, _esCalls.Calls);
    }

    /// <summary>Spain's node serving over TLS, with the aggregator "eu" pinned.</summary>
    private TestNode Serving()
    {
        var es = Node(TestNode.National("es", "ES").WithCertificate(_esCert));
        var eu = Node(TestNode.Empty("eu").WithCertificate(_euCert));
        TestNode.Link(eu, es);
        StartCounted(es);
        return es;
    }

    /// <summary>The aggregator's link to Spain's node: its address, secret and Spain's pinned certificate.</summary>
    private static PeerLink EuLink(TestNode es) =>
        new("es", es.GrpcUrl, TestNode.Secret) { CertificatePins = [NodeCertificate.Thumbprint(es.Certificate!)] };

    private static FederationOptions Options(string name, X509Certificate2? certificate) =>
        new() { NodeName = name, Certificate = certificate, MaxAttempts = 1 };

    /// <summary>
    /// The call fails as a transport failure, not as a gRPC answer: <c>UNAVAILABLE</c> or <c>INTERNAL</c>
    /// (Grpc.Net.Client's status for some connection errors, and for the client's own certificate check) with
    /// a TLS or connection error underneath. The server decides on the client's certificate once the client has sent its last
    /// handshake message (TLS 1.3; and .NET on Linux checks a peer's certificate after OpenSSL's handshake
    /// in TLS 1.2 too), so a refused client sees its connection closed before any HTTP/2 frame rather than
    /// an error of its own handshake; the server's handshake is the one that fails (logged).
    /// </summary>
    private async Task<RpcException> AssertHandshakeFails(PeerClient client, string what)
    {
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<RpcException>(() => client.HelloAsync());
        output.WriteLine($"{what}: refused in {clock.ElapsedMilliseconds} ms: {e.StatusCode}: {e.Status.Detail}");
        Assert.True(e.StatusCode is StatusCode.Unavailable or StatusCode.Internal, e.ToString());
        // HttpClient's own transport errors: a gRPC answer (any status a server sends) never carries one.
        Assert.Contains(Chain(e), x => x is AuthenticationException or IOException or HttpRequestException);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "the refusal should be immediate, not a timeout");
        return e;
    }

    /// <summary>
    /// Below gRPC: a bare TLS connection with <paramref name="certificate"/> (null: none) that sends the HTTP/2
    /// connection preface and reads. True when the server answers with HTTP/2 (its SETTINGS frame), false
    /// when the connection fails or is closed first: the server refused the certificate in its handshake.
    /// </summary>
    private static async Task<bool> Http2Answers(TestNode server, X509Certificate2? certificate)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync("127.0.0.1", server.GrpcUrl.Port);
        using var tls = new SslStream(tcp.GetStream());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ApplicationProtocols = [SslApplicationProtocol.Http2],
                ClientCertificates = certificate is null ? null : [certificate],
                LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate!,
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            }, timeout.Token);
            byte[] preface = [.. "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8, 0, 0, 0, 4, 0, 0, 0, 0, 0];
            await tls.WriteAsync(preface, timeout.Token);
            var frame = new byte[9];
            int read = await tls.ReadAsync(frame, timeout.Token);
            return read > 3 && frame[3] == 4; // a SETTINGS frame
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return false;
        }
    }

    /// <summary>The server logged the refusal of <paramref name="certificate"/> in the handshake, by thumbprint.</summary>
    private void AssertRefusalLogged(X509Certificate2 certificate) =>
        Assert.Contains(_esLog.Messages, m => m.StartsWith("TLS handshake refused", StringComparison.Ordinal) && m.Contains(NodeCertificate.Thumbprint(certificate), StringComparison.Ordinal));

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException) yield return x;
        if (e is RpcException { Status.DebugException: { } debug })
            for (Exception? x = debug; x is not null; x = x.InnerException) yield return x;
    }

    private TestNode Node(TestNode node)
    {
        _nodes.Add(node);
        return node;
    }

    private void StartCounted(TestNode node) => node.Start(b =>
    {
        b.Logging.AddProvider(_esLog);
        b.Services.AddSingleton(_esCalls);
        b.Services.AddGrpc(o => o.Interceptors.Add<CallCounter>());
    });

    private static string? NameAt(TestNode node, string iri)
    {
        using var context = node.Store.NewContext();
        return context.Hubs.Where(h => h.Iri == iri).Select(h => h.Name).FirstOrDefault();
    }

    private static X509Certificate2 Make(string name)
    {
        // Round-trip through PKCS#12 as a node reads its certificate from dihnode cert's file.
        using var made = NodeCertificate.Create(name, ["127.0.0.1", "localhost"], s_validity);
        return X509CertificateLoader.LoadPkcs12(NodeCertificate.ExportPkcs12(made, null), null);
    }

    /// <summary>The node's log messages at <paramref name="minimum"/> (warning unless told) and above.</summary>
    internal sealed class LogCapture(LogLevel minimum = LogLevel.Warning) : ILoggerProvider, ILogger
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _messages = new();

        public IEnumerable<string> Messages => _messages;

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) _messages.Enqueue(formatter(state, exception));
        }

        public void Dispose() { }
    }

    /// <summary>Counts every gRPC call that reaches the server's method pipeline (it runs before the link-proof check).</summary>
    internal sealed class CallCounter : Interceptor
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        {
            Interlocked.Increment(ref _calls);
            return continuation(request, context);
        }

        public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
        {
            Interlocked.Increment(ref _calls);
            return continuation(request, responseStream, context);
        }
    }
}
