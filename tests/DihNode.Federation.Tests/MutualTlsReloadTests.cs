using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using DihNode.Federation.Client;
using DihNode.Federation.Trust;
using DihNode.Node.Hosting;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace DihNode.Federation.Tests;

/// <summary>
/// A node renews its certificate without a restart (federation/README.md, "Renewing a certificate"): it re-reads
/// its <c>--grpc-cert</c> file when the file is replaced, and presents the new certificate on every new
/// connection, as the gRPC server and as a client; a file it cannot use keeps the certificate in force.
/// Real nodes on loopback over mutual TLS; the probe of <see cref="MutualTlsRotationTests"/> calls Hello both
/// ways every 20 ms, each call on a new connection, and no call may fail.
/// </summary>
public sealed class MutualTlsReloadTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Password = "pfx-password-7d1e";
    private static readonly TimeSpan s_steady = TimeSpan.FromSeconds(1);
    private readonly X509Certificate2 _esOld = Make("es"), _esNew = Make("es"), _eu = Make("eu"), _euNew = Make("eu");
    private readonly List<TestNode> _nodes = [];
    private readonly string _folder = Directory.CreateTempSubdirectory("dihnode-certreload-").FullName;
    private readonly MutualTlsTests.LogCapture _esLog = new(LogLevel.Information);
    private readonly SeenCertificates _seen = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        foreach (var c in new[] { _esOld, _esNew, _eu, _euNew }) c.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task ANodeSwitchesToItsReplacedCertificateFileWithoutARestart()
    {
        // Spain reads its certificate from a file; the aggregator pins Spain's old and new certificates.
        string file = Path.Combine(_folder, "es.pfx");
        await File.WriteAllBytesAsync(file, NodeCertificate.ExportPkcs12(_esOld, Password));
        var es = Node(TestNode.National("es", "ES").WithCertificateFile(file, Password));
        var eu = Node(TestNode.Empty("eu").AsAggregator().WithCertificate(_eu));
        TestNode.Link(eu, es);
        eu.Repin("es", _esOld, _esNew);
        es.Start(b =>
        {
            b.Logging.AddFilter("DihNode.Node.Federation.CertificateFileReloader", LogLevel.Information);
            b.Logging.AddProvider(_esLog);
        });
        eu.Start(b =>
        {
            b.Services.AddSingleton(_seen);
            b.Services.AddGrpc(o => o.Interceptors.Add<ClientCertificateRecorder>());
        });
        var hubs = es.HubIris("");
        Assert.True(await TestNode.WaitUntil(() => eu.HubIris("es").SetEquals(hubs), TimeSpan.FromSeconds(30)), "the aggregator did not copy Spain's hubs");

        await using var probe = new MutualTlsRotationTests.LinkProbe(eu, es);
        await probe.Steady("old certificate", s_steady);
        Assert.Equal(Thumbprint(_esOld), await ServerPresents(eu, es));
        Assert.Equal(Thumbprint(_esOld), _seen.LastFrom("es"));

        // 1. Files Spain cannot use replace its file: each keeps the old certificate, and is logged once.
        using var expired = ExpiredCertificate("es");
        using var keyless = X509CertificateLoader.LoadCertificate(_esNew.RawData);
        var broken = new (string Problem, byte[] Bytes, string Logged)[]
        {
            ("not PKCS#12", "-----BEGIN NOTHING-----\n"u8.ToArray(), "not a readable PKCS#12 file"),
            ("expired", NodeCertificate.ExportPkcs12(expired, Password), "is valid from"),
            ("wrong password", NodeCertificate.ExportPkcs12(_esNew, "another-password"), "the password is wrong"),
            ("no private key", new X509Certificate2Collection(keyless).Export(X509ContentType.Pkcs12, Password)!, "has no private key"),
        };
        for (int i = 0; i < broken.Length; i++)
        {
            var (problem, bytes, logged) = broken[i];
            await Replace(file, bytes);
            await probe.Steady("broken file: " + problem, s_steady);
            Assert.Equal(Thumbprint(_esOld), Thumbprint(es.Federation.Certificate!));
            Assert.Equal(Thumbprint(_esOld), await ServerPresents(eu, es));
            Assert.Equal(Thumbprint(_esOld), _seen.LastFrom("es"));
            Assert.Equal(i + 1, Warnings().Count);
            Assert.Contains(logged, Warnings()[^1], StringComparison.Ordinal);
        }
        // The same broken file written again is not logged again; no message shows the password.
        await Replace(file, broken[^1].Bytes);
        await probe.Steady("broken file rewritten", s_steady);
        var warnings = Warnings();
        output.WriteLine(string.Join("\n", warnings));
        Assert.Equal(broken.Length, warnings.Count);
        Assert.All(warnings, m => Assert.Contains(file, m, StringComparison.Ordinal));
        Assert.DoesNotContain(_esLog.Messages, m => m.Contains(Password, StringComparison.Ordinal) || m.Contains("another-password", StringComparison.Ordinal));

        // 2. The renewed certificate replaces the file (written beside it, then renamed over it): no restart.
        var clock = Stopwatch.StartNew();
        await Replace(file, NodeCertificate.ExportPkcs12(_esNew, Password));
        Assert.True(await TestNode.WaitUntil(() => Thumbprint(es.Federation.Certificate!) == Thumbprint(_esNew), TimeSpan.FromSeconds(10)), "Spain did not read its new certificate file");
        long read = clock.ElapsedMilliseconds;
        string? presented = null;
        while (clock.Elapsed < TimeSpan.FromSeconds(10) && (presented = await ServerPresents(eu, es)) != Thumbprint(_esNew)) await Task.Delay(20);
        long served = clock.ElapsedMilliseconds;
        Assert.Equal(Thumbprint(_esNew), presented);
        output.WriteLine($"switch: the node holds the new certificate {read} ms after the file was replaced; its server presents it {served} ms after (debounce {WatchedFile.Debounce.TotalMilliseconds:F0} ms)");
        await probe.Steady("new certificate", s_steady);

        // Spain presents the new certificate on new connections both ways: as a server (a link pinning only the new
        // certificate answers, one pinning only the old is refused) and as a client (the aggregator saw it).
        Assert.Equal(Thumbprint(_esNew), await ServerPresents(eu, es));
        Assert.Equal(Thumbprint(_esNew), _seen.LastFrom("es"));
        output.WriteLine($"the aggregator saw Spain's client certificates, in order: {string.Join(" → ", _seen.DistinctFrom("es").Select(t => t[..8]))}");
        Assert.Equal([Thumbprint(_esOld), Thumbprint(_esNew)], _seen.DistinctFrom("es"));
        Assert.Contains(_esLog.Messages, m => m.Contains(Thumbprint(_esNew), StringComparison.Ordinal) && m.Contains("reloaded", StringComparison.Ordinal));

        // The node's own replication link keeps working across the switch.
        string iri = hubs.Order().First();
        await es.Store.Registry.UpsertAsync(ReplicationTests.Record(es, iri) with { Name = "Renamed after the switch" });
        Assert.True(await TestNode.WaitUntil(() => NameAt(eu, iri) == "Renamed after the switch", TimeSpan.FromSeconds(10)), "a change made after the switch did not reach the aggregator");

        var failures = probe.FailuresOutsideRestarts();
        output.WriteLine(probe.Summary());
        output.WriteLine($"{probe.Count(ok: true)} calls succeeded, {probe.Count(ok: false)} failed");
        Assert.True(probe.Count(ok: false) == 0, "calls failed during the switch:\n" + string.Join("\n", failures));
        foreach (string phase in probe.SteadyPhases)
            foreach (string direction in new[] { "eu→es", "es→eu" })
                Assert.True(probe.Successes(phase, direction) >= 5, $"too few calls {direction} in '{phase}' to say the link worked");
    }

    [Fact]
    public async Task OneClientPresentsTheReplacedCertificateOnItsNextConnection()
    {
        // Spain accepts only the aggregator's new certificate; one client (one handler) is given the old, then the new.
        var es = Node(TestNode.National("es", "ES").WithCertificate(_esOld));
        es.AddPeer(new PeerLink("eu", new Uri("https://127.0.0.1:1"), TestNode.Secret) { CertificatePins = [Thumbprint(_euNew)] });
        es.Start();
        var options = new FederationOptions { NodeName = "eu", Certificate = _eu, MaxAttempts = 1 };
        using var client = new PeerClient(new PeerLink("es", es.GrpcUrl, TestNode.Secret) { CertificatePins = [Thumbprint(_esOld)] }, options);
        var e = await Assert.ThrowsAsync<RpcException>(() => client.HelloAsync());
        Assert.True(e.StatusCode is StatusCode.Unavailable or StatusCode.Internal, e.ToString());

        options.ReplaceCertificate(_euNew);
        Assert.Equal("es", (await client.HelloAsync()).NodeName);

        // A node without a certificate cannot be given one: its links are cleartext.
        var cleartext = new FederationOptions { NodeName = "de" };
        Assert.Throws<InvalidOperationException>(() => cleartext.ReplaceCertificate(_euNew));
    }

    /// <summary>
    /// The thumbprint of the certificate <paramref name="server"/> presents to a new connection, told by which of two
    /// links answers: one pinning only its old certificate, one pinning only its new; null when neither does.
    /// </summary>
    private async Task<string?> ServerPresents(TestNode client, TestNode server)
    {
        var link = client.Federation.FindPeer(server.Name)!;
        foreach (var certificate in new[] { _esOld, _esNew })
        {
            using var peer = new PeerClient(link with { CertificatePins = [Thumbprint(certificate)] },
                new FederationOptions { NodeName = client.Name, Certificate = client.Federation.Certificate, MaxAttempts = 1 });
            try
            {
                if ((await peer.HelloAsync()).NodeName == server.Name) return Thumbprint(certificate);
            }
            catch (RpcException) { }
        }
        return null;
    }

    /// <summary>Writes the file beside <paramref name="file"/> and renames it over it, as an operator's <c>mv</c> does.</summary>
    private static async Task Replace(string file, byte[] bytes)
    {
        string temporary = file + ".new";
        await File.WriteAllBytesAsync(temporary, bytes);
        File.Move(temporary, file, overwrite: true);
    }

    private List<string> Warnings() => [.. _esLog.Messages.Where(m => m.StartsWith("gRPC certificate not reloaded", StringComparison.Ordinal))];

    private TestNode Node(TestNode node)
    {
        _nodes.Add(node);
        return node;
    }

    private static string? NameAt(TestNode node, string iri)
    {
        using var context = node.Store.NewContext();
        return context.Hubs.Where(h => h.Iri == iri).Select(h => h.Name).FirstOrDefault();
    }

    private static string Thumbprint(X509Certificate2 certificate) => NodeCertificate.Thumbprint(certificate);

    private static X509Certificate2 Make(string name)
    {
        using var made = NodeCertificate.Create(name, ["127.0.0.1", "localhost"], TimeSpan.FromDays(1));
        return X509CertificateLoader.LoadPkcs12(NodeCertificate.ExportPkcs12(made, null), null);
    }

    /// <summary>A certificate that ended half an hour ago (it began an hour ago).</summary>
    private static X509Certificate2 ExpiredCertificate(string name) => NodeCertificate.Create(name, ["127.0.0.1"], TimeSpan.FromMinutes(-30));

    /// <summary>The client certificates a node's gRPC server saw, per calling peer (the link proof's name), in order.</summary>
    internal sealed class SeenCertificates
    {
        private readonly ConcurrentQueue<(string Peer, string Thumbprint)> _seen = new();

        public void Add(string peer, string thumbprint) => _seen.Enqueue((peer, thumbprint));

        public string? LastFrom(string peer) => _seen.LastOrDefault(s => s.Peer == peer).Thumbprint;

        /// <summary>The thumbprints <paramref name="peer"/> presented, each change once, in order.</summary>
        public List<string> DistinctFrom(string peer)
        {
            var list = new List<string>();
            foreach (var (p, t) in _seen)
                if (p == peer && (list.Count == 0 || list[^1] != t)) list.Add(t);
            return list;
        }
    }

    /// <summary>Records the client certificate of every unary call with the node name the caller gives in its Hello.</summary>
    internal sealed class ClientCertificateRecorder(SeenCertificates seen) : Interceptor
    {
        public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        {
            if (request is DihNode.Federation.Protocol.HelloRequest hello && context.GetHttpContext().Connection.ClientCertificate is { } certificate)
                seen.Add(hello.NodeName, NodeCertificate.Thumbprint(certificate));
            return continuation(request, context);
        }
    }
}
