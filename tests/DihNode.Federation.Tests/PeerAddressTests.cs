using System.Diagnostics;
using System.Net;
using DihNode.Federation.Client;
using DihNode.Node.Cli;
using DihNode.Rdf.Net;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using DihNode.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace DihNode.Federation.Tests;

/// <summary>
/// Issue 11 item 6 for peer URLs: a peer's host is resolved and every address checked before a socket opens
/// (federation/README.md, "Peer addresses"). A counting listener on loopback stands where a refused connection
/// would go: it must count 0; the controls (the same listener named as <c>localhost</c> or 127.0.0.1) count more.
/// </summary>
public sealed class PeerAddressTests(ITestOutputHelper output)
{
    private const string Host = "peer.dihnode.test";

    [Theory]
    [InlineData("169.254.169.254", AddressRange.LinkLocal)]
    [InlineData("169.254.0.1", AddressRange.LinkLocal)]
    [InlineData("fe80::1", AddressRange.LinkLocal)]
    [InlineData("::ffff:169.254.169.254", AddressRange.LinkLocal)]
    [InlineData("::ffff:127.0.0.1", AddressRange.Loopback)]
    [InlineData("127.0.0.1", AddressRange.Loopback)]
    [InlineData("127.8.9.10", AddressRange.Loopback)]
    [InlineData("::1", AddressRange.Loopback)]
    [InlineData("224.0.0.1", AddressRange.Multicast)]
    [InlineData("ff02::1", AddressRange.Multicast)]
    [InlineData("::ffff:239.1.2.3", AddressRange.Multicast)]
    [InlineData("0.0.0.0", AddressRange.Unspecified)]
    [InlineData("0.1.2.3", AddressRange.Unspecified)]
    [InlineData("::", AddressRange.Unspecified)]
    [InlineData("::ffff:0.0.0.0", AddressRange.Unspecified)]
    [InlineData("255.255.255.255", AddressRange.Broadcast)]
    [InlineData("240.0.0.1", AddressRange.Reserved)]
    [InlineData("fec0::1", AddressRange.Reserved)]
    [InlineData("10.1.2.3", AddressRange.Private)]
    [InlineData("172.16.0.1", AddressRange.Private)]
    [InlineData("172.31.255.255", AddressRange.Private)]
    [InlineData("192.168.1.1", AddressRange.Private)]
    [InlineData("fd12:3456::1", AddressRange.Private)]
    [InlineData("172.32.0.1", AddressRange.Public)]
    [InlineData("169.253.1.1", AddressRange.Public)]
    [InlineData("193.0.6.139", AddressRange.Public)]
    [InlineData("2a01:4f8::1", AddressRange.Public)]
    [InlineData("2001:db8::1", AddressRange.Reserved)]
    [InlineData("64:ff9b::a9fe:a9fe", AddressRange.LinkLocal)]
    public void AddressesAreClassifiedWithIpv4MappedFormsAsTheirIpv4Address(string address, AddressRange expected) =>
        Assert.Equal(expected, AddressRanges.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("http://peer.example:5081", "169.254.169.254", false)]
    [InlineData("http://peer.example:5081", "::ffff:169.254.169.254", false)]
    [InlineData("http://peer.example:5081", "fe80::1", false)]
    [InlineData("http://peer.example:5081", "224.0.0.251", false)]
    [InlineData("http://peer.example:5081", "0.0.0.0", false)]
    [InlineData("http://peer.example:5081", "127.0.0.1", false)]
    [InlineData("http://peer.example:5081", "::1", false)]
    [InlineData("http://localhost:5081", "127.0.0.1", true)]
    [InlineData("http://LOCALHOST:5081", "::1", true)]
    [InlineData("http://127.0.0.1:5081", "127.0.0.1", true)]
    [InlineData("http://127.0.0.2:5081", "127.0.0.2", true)]
    [InlineData("http://[::1]:5081", "::1", true)]
    [InlineData("http://localhost:5081", "169.254.169.254", false)]
    [InlineData("http://peer.example:5081", "10.0.0.5", true)]
    [InlineData("http://peer.example:5081", "192.168.10.20", true)]
    [InlineData("http://peer.example:5081", "fd00::5", true)]
    [InlineData("https://peer.example:5081", "193.0.6.139", true)]
    [InlineData("http://peer.example:5081", "64:ff9b::a9fe:a9fe", false)]
    [InlineData("http://peer.example:5081", "2002:a9fe:a9fe::1", false)]
    [InlineData("http://peer.example:5081", "2001:0:4136:e378:8000:63bf:5601:5601", false)]
    [InlineData("http://peer.example:5081", "::169.254.169.254", false)]
    [InlineData("http://peer.example:5081", "64:ff9b::7f00:1", false)]
    [InlineData("http://localhost:5081", "64:ff9b::7f00:1", false)]
    [InlineData("http://[64:ff9b::7f00:1]:5081", "64:ff9b::7f00:1", false)]
    [InlineData("http://[2002:7f00:1::1]:5081", "2002:7f00:1::1", false)]
    [InlineData("http://[::127.0.0.1]:5081", "::127.0.0.1", false)]
    [InlineData("http://[::ffff:127.0.0.1]:5081", "::ffff:127.0.0.1", true)]
    [InlineData("http://peer.example:5081", "100.100.100.200", false)]
    [InlineData("http://peer.example:5081", "fd00:ec2::254", false)]
    [InlineData("http://peer.example:5081", "2001:db8::1", false)]
    [InlineData("http://peer.example:5081", "198.18.0.1", false)]
    [InlineData("http://peer.example:5081", "64:ff9b::808:808", true)]
    [InlineData("http://peer.example:5081", "64:ff9b::a00:1", true)]
    [InlineData("http://peer.example:5081", "2002:808:808::1", true)]
    [InlineData("http://peer.example:5081", "100.64.0.1", true)]
    public void ThePolicyRefusesLinkLocalMulticastUnspecifiedAndUnconfiguredLoopback(string url, string address, bool accepted) =>
        Assert.Equal(accepted, PeerAddressPolicy.Refusal(IPAddress.Parse(address), new Uri(url)) is null);

    [Fact]
    public async Task LiteralLinkLocalPeersAreRefusedBeforeAnySocketOpens()
    {
        foreach (string url in new[] { "http://169.254.169.254:5081", "http://[fe80::1]:5081", "http://[::ffff:169.254.169.254]:5081" })
        {
            using var client = new PeerClient(new PeerLink("meta", new Uri(url), TestNode.Secret), Options(null));
            var clock = Stopwatch.StartNew();
            var e = await Assert.ThrowsAsync<RpcException>(() => client.HelloAsync());
            output.WriteLine($"{url}: {e.StatusCode} after {clock.Elapsed.TotalMilliseconds:F1} ms: {e.Status.Detail}");
            Assert.Equal(StatusCode.Unavailable, e.StatusCode);
            Assert.Contains("peer 'meta' (host ", e.Status.Detail);
            Assert.Contains("an address this node never contacts", e.Status.Detail);
            Assert.Equal(1, client.RefusedConnections);
            // Refused at once: no 5 s connect timeout was waited out (a socket to 169.254.169.254 would hang).
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"refusal took {clock.Elapsed}");
        }
    }

    [Fact]
    public async Task ANameResolvingToTheMetadataAddressOrLoopbackIsRefusedOnEveryCall()
    {
        using var listener = new CountingListener();
        foreach (string resolved in new[] { "169.254.169.254", "::ffff:169.254.169.254", "127.0.0.1", "::ffff:127.0.0.1", "64:ff9b::a9fe:a9fe", "64:ff9b::7f00:1" })
        {
            var address = IPAddress.Parse(resolved);
            using var client = new PeerClient(new PeerLink("meta", new Uri($"http://{Host}:{listener.Port}"), TestNode.Secret), Options(address));
            var times = new List<double>();
            var hello = await Refused(() => client.HelloAsync(), times);
            Assert.Equal($"peer 'meta' (host {Host}) resolves to {address}, an address this node never contacts: " + PeerAddressPolicy.Refusal(address, client.Link.Url), hello.Status.Detail);
            await Refused(() => client.GetStatisticsAsync(), times);
            await Refused(() => client.GetSnapshotAsync(), times);
            await Refused(async () => { await foreach (var _ in client.SubscribeAsync(1)) { } }, times);
            await Refused(() => client.QueryAsync("ASK {}", null, null, DateTime.UtcNow.AddSeconds(5)), times);
            output.WriteLine($"{Host} -> {resolved}: 5 calls refused in {string.Join(", ", times.Select(t => $"{t:F1}"))} ms; {client.RefusedConnections} connections refused");
            Assert.Equal(5, client.RefusedConnections);
            // Refusals count against the breaker like failed connections: 5 failures open it.
            Assert.Equal(BreakerState.Open, client.Breaker.State);
        }
        Assert.Equal(0, listener.Connections);
    }

    /// <summary>
    /// IPv6 literals that carry the metadata or the loopback address (NAT64, 6to4, Teredo, IPv4-compatible) with
    /// the listener's port: before they were classified by their IPv6 range alone, as public, and the node tried
    /// to connect. Each is refused by the check, naming the carried address; the listener counts 0.
    /// </summary>
    [Fact]
    public async Task LiteralPeersCarryingTheMetadataOrLoopbackAddressAreRefusedBeforeAnySocketOpens()
    {
        using var listener = new CountingListener();
        foreach (var (literal, carried) in new[]
        {
            ("64:ff9b::7f00:1", "127.0.0.1: NAT64"),
            ("64:ff9b::a9fe:a9fe", "169.254.169.254: NAT64"),
            ("64:ff9b:1::7f00:1", "127.0.0.1: NAT64 (local use)"),
            ("2002:7f00:1::1", "127.0.0.1: 6to4"),
            ("2001:0:4136:e378:8000:63bf:5601:5601", "65.54.227.120: Teredo server; 169.254.169.254: Teredo client"),
            ("::169.254.169.254", "169.254.169.254: IPv4-compatible"),
        })
        {
            var url = new Uri($"http://[{literal}]:{listener.Port}");
            Assert.Contains("an address this node never contacts", PeerAddressPolicy.CheckConfigured(url));
            using var client = new PeerClient(new PeerLink("nat", url, TestNode.Secret), Options(null));
            var times = new List<double>();
            var e = await Refused(() => client.HelloAsync(), times);
            await Refused(() => client.QueryAsync("ASK {}", null, null, DateTime.UtcNow.AddSeconds(5)), times);
            output.WriteLine($"{url}: {e.Status.Detail} ({string.Join(", ", times.Select(t => $"{t:F1}"))} ms)");
            Assert.StartsWith($"peer 'nat' (host [{IPAddress.Parse(literal)}]) resolves to {IPAddress.Parse(literal)}, an address this node never contacts: ", e.Status.Detail);
            Assert.EndsWith($"(it carries {carried})", e.Status.Detail);
            Assert.Equal(2, client.RefusedConnections);
        }
        await Task.Delay(100);
        Assert.Equal(0, listener.Connections);
    }

    [Fact]
    public async Task APeerConfiguredAsLocalhostOrALoopbackLiteralReachesLoopback()
    {
        using var listener = new CountingListener();
        // The control of the test above: the same listener, named so that loopback is what the operator meant.
        foreach (var (url, resolved) in new (string, IPAddress?)[]
        {
            ($"http://localhost:{listener.Port}", IPAddress.Loopback),
            ($"http://localhost:{listener.Port}", null),
            ($"http://127.0.0.1:{listener.Port}", null),
        })
        {
            int before = listener.Connections;
            using var client = new PeerClient(new PeerLink("local", new Uri(url), TestNode.Secret), Options(resolved));
            // The listener is no gRPC server, so the call fails; what matters is that it was reached.
            var e = await Assert.ThrowsAnyAsync<Exception>(() => client.HelloAsync());
            Assert.Equal(0, client.RefusedConnections);
            Assert.True(listener.Connections > before, $"{url}: the listener was not reached ({e.Message})");
        }
        output.WriteLine($"controls: {listener.Connections} connections reached the listener");
    }

    [Fact]
    public async Task HelloSucceedsToARealNodeNamedAsLocalhostAndReplicationAndServiceAreRefusedToARebindingName()
    {
        using var listener = new CountingListener();
        var metadata = IPAddress.Parse("169.254.169.254");
        await using var es = TestNode.Empty("es")
            .AddPeer(new PeerLink("meta", new Uri($"http://{Host}:{listener.Port}"), TestNode.Secret))
            .AddPeer(new PeerLink("home", new Uri($"http://home.{Host}:{listener.Port}"), TestNode.Secret))
            .AsAggregator()
            .Tune(o => new FederationOptions
            {
                NodeName = o.NodeName, Peers = o.Peers, Aggregator = o.Aggregator, Heartbeat = o.Heartbeat, StaleAfter = o.StaleAfter,
                BreakerOpenFor = o.BreakerOpenFor, Certificate = o.Certificate, MaxAttempts = 1,
                Resolver = (host, _) => ValueTask.FromResult(host.StartsWith("home.", StringComparison.Ordinal) ? [IPAddress.Loopback] : new[] { metadata }),
            })
            .Start();

        // The control: a peer calling the node by "localhost" is accepted and proves itself.
        using (var meta = new PeerClient(new PeerLink("es", new Uri($"http://localhost:{es.GrpcUrl.Port}"), TestNode.Secret), new FederationOptions { NodeName = "meta", MaxAttempts = 1 }))
        {
            var hello = await meta.HelloAsync();
            Assert.Equal("es", hello.NodeName);
        }

        // Replication (snapshot, Subscribe) runs against both peers: every connection is refused.
        var directory = es.App.Services.GetRequiredService<PeerDirectory>();
        var clients = directory.Clients.ToList();
        Assert.True(await TestNode.WaitUntil(() => clients.All(c => c.RefusedConnections >= 1), TimeSpan.FromSeconds(20)),
            "replication did not try both peers: " + string.Join(", ", clients.Select(c => $"{c.Link.Name}={c.RefusedConnections}")));

        // SERVICE to a configured peer goes through the same check.
        using var http = new HttpClient { BaseAddress = es.WebUrl };
        var response = await http.GetAsync("sparql?format=csv&query=" + Uri.EscapeDataString("SELECT * WHERE { SERVICE <urn:dihnode:peer:meta> { ?s ?p ?o } }"));
        string body = await response.Content.ReadAsStringAsync();
        output.WriteLine($"SERVICE: {(int)response.StatusCode} {body}");
        Assert.False(response.IsSuccessStatusCode);
        Assert.Contains($"resolves to {metadata}, an address this node never contacts", body);
        // SERVICE SILENT: no rows, no connection either.
        var silent = await http.GetAsync("sparql?format=csv&query=" + Uri.EscapeDataString("SELECT * WHERE { SERVICE SILENT <urn:dihnode:peer:home> { ?s ?p ?o } }"));
        Assert.True(silent.IsSuccessStatusCode);

        output.WriteLine("refused: " + string.Join(", ", clients.Select(c => $"{c.Link.Name}={c.RefusedConnections}")));
        Assert.Equal(0, listener.Connections);
    }

    [Theory]
    [InlineData("ftp://peer.example:5081", "not an http(s) URL")]
    [InlineData("http://user:pw@peer.example:5081", "user info")]
    [InlineData("http://peer.example:5081/federation", "a path (/federation)")]
    [InlineData("http://peer.example:5081/?x=1", "a query or fragment")]
    [InlineData("http://169.254.169.254:5081", "169.254.169.254 is a link-local address")]
    [InlineData("http://[fe80::1]:5081", "fe80::1 is a link-local address")]
    [InlineData("http://[::ffff:169.254.169.254]:5081", "a link-local address")]
    [InlineData("http://224.0.0.1:5081", "a multicast address")]
    [InlineData("http://0.0.0.0:5081", "an unspecified address")]
    [InlineData("http://[::]:5081", "an unspecified address")]
    [InlineData("http://[64:ff9b::a9fe:a9fe]:5081", "64:ff9b::a9fe:a9fe is a link-local address")]
    [InlineData("http://[64:ff9b::7f00:1]:5081", "an address carrying a loopback address")]
    [InlineData("http://[2002:a9fe:a9fe::1]:5081", "(it carries 169.254.169.254: 6to4)")]
    [InlineData("http://[::169.254.169.254]:5081", "a link-local address")]
    [InlineData("http://100.100.100.200:5081", "a cloud metadata service address")]
    [InlineData("http://[2001:db8::1]:5081", "a reserved address")]
    public void ServeRefusesAPeerUrlItWouldNeverContactWithExitTwo(string url, string reason)
    {
        Assert.Contains(reason, PeerAddressPolicy.CheckConfigured(new Uri(url)));
        // A database in a folder that does not exist: were the URL let through, serve would fail to open it
        // (another exit code, or an exception) instead of starting a server this test would wait on.
        string db = Path.Combine(Path.GetTempPath(), $"dihnode-peeraddress-{Guid.NewGuid():N}", "node.db");
        int code = CommandLine.Run(["serve", "--db", db, "--node-name", "eu", "--grpc-urls", "http://127.0.0.1:0", "--peer", "x=" + url, "--peer-secret", "x=" + TestNode.Secret]);
        Assert.Equal(CommandLine.UsageError, code);
        Assert.False(File.Exists(db), "the database was opened before the peer URL was checked");
    }

    [Theory]
    [InlineData("http://peer.example:5081")]
    [InlineData("http://peer.example:5081/")]
    [InlineData("https://10.0.0.5:5081")]
    [InlineData("http://127.0.0.1:5081")]
    [InlineData("http://localhost:5081")]
    [InlineData("http://[::1]:5081")]
    [InlineData("http://[::ffff:127.0.0.1]:5081")]
    [InlineData("http://[64:ff9b::c100:68b]:5081")]
    [InlineData("http://100.64.0.1:5081")]
    public void ServeAcceptsHttpPeersOnPublicPrivateAndLoopbackAddresses(string url) =>
        Assert.Null(PeerAddressPolicy.CheckConfigured(new Uri(url)));

    private static FederationOptions Options(IPAddress? resolved) => new()
    {
        NodeName = "es",
        MaxAttempts = 1,
        Resolver = resolved is null ? null : (_, _) => ValueTask.FromResult(new[] { resolved }),
    };

    private static async Task<RpcException> Refused(Func<Task> call, List<double> times)
    {
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<RpcException>(call);
        times.Add(clock.Elapsed.TotalMilliseconds);
        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Contains("an address this node never contacts", e.Status.Detail);
        return e;
    }
}
