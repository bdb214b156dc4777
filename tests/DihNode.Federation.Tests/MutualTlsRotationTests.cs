using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using DihNode.Federation.Client;
using DihNode.Federation.Trust;
using Grpc.Core;
using Xunit.Abstractions;

namespace DihNode.Federation.Tests;

/// <summary>
/// Renewing a node's certificate without a flag day (federation/README.md, "Renewing a certificate"): a
/// link holds several pins, any of which is accepted for that peer and for no other. Real nodes on loopback
/// over mutual TLS, as in <see cref="MutualTlsTests"/>; a probe calls Hello both ways all along, as each
/// node's own client does (its current link, pins and certificate), and counts the calls that fail.
/// </summary>
public sealed class MutualTlsRotationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string DeSecret = "de-link-secret-0123456789";
    private static readonly TimeSpan s_steady = TimeSpan.FromSeconds(1);
    private readonly X509Certificate2 _esOld = Make("es"), _esNew = Make("es"), _euOld = Make("eu"), _euNew = Make("eu"), _de = Make("de");
    private readonly List<TestNode> _nodes = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        foreach (var c in new[] { _esOld, _esNew, _euOld, _euNew, _de }) c.Dispose();
    }

    [Fact]
    public async Task ANodeRenewsItsCertificateWhileTheLinkKeepsWorking()
    {
        // Spain's node (B) renews its certificate; the aggregator (A) subscribes to it all along.
        var es = Node(TestNode.National("es", "ES").WithCertificate(_esOld));
        var eu = Node(TestNode.Empty("eu").AsAggregator().WithCertificate(_euOld));
        TestNode.Link(eu, es);
        es.Start();
        eu.Start();
        var hubs = es.HubIris("");
        Assert.True(await TestNode.WaitUntil(() => eu.HubIris("es").SetEquals(hubs), TimeSpan.FromSeconds(30)), "the aggregator did not copy Spain's hubs");
        string iri = hubs.Order().First();

        await using var probe = new LinkProbe(eu, es);
        await probe.Steady("old certificate, one pin", s_steady);

        // 1. The aggregator pins the new certificate next to the old one (its restart only).
        await probe.Restart(eu, () => eu.Repin("es", _esOld, _esNew));
        await probe.Steady("aggregator pins old and new", s_steady);
        // Both of Spain's certificates are now accepted by the aggregator (as a client here; as a server below).
        foreach (var certificate in new[] { _esOld, _esNew })
        {
            using var client = new PeerClient(es.Federation.FindPeer("eu")!, Options("es", certificate));
            Assert.Equal("eu", (await client.HelloAsync()).NodeName);
        }
        Assert.True(await Replicates(es, eu, iri, "after the aggregator's restart"), "replication did not resume after the aggregator restarted");

        // 2. Spain restarts with its new certificate: the link works as soon as it listens.
        var clock = Stopwatch.StartNew();
        long switched = await probe.Restart(es, () => es.WithCertificate(_esNew));
        output.WriteLine($"Spain's restart (stop, new certificate, start): {clock.ElapsedMilliseconds} ms");
        clock.Restart();
        Assert.True(await Replicates(es, eu, iri, "on the new certificate"), "a change made on the new certificate did not reach the aggregator");
        output.WriteLine($"a change replicated {clock.ElapsedMilliseconds} ms after Spain came up with its new certificate");
        await probe.Steady("Spain on its new certificate", s_steady);
        foreach (string direction in new[] { "eu→es", "es→eu" })
            output.WriteLine($"{direction}: first successful Hello {probe.FirstSuccessAfter(direction, switched).TotalMilliseconds:F0} ms after Spain came up with its new certificate");

        // 3. The aggregator removes the old pin (its restart only).
        await probe.Restart(eu, () => eu.Repin("es", _esNew));
        await probe.Steady("aggregator pins the new only", s_steady);
        Assert.True(await Replicates(es, eu, iri, "after the old pin was removed"), "replication did not resume after the old pin was removed");

        var failures = probe.FailuresOutsideRestarts();
        output.WriteLine(probe.Summary());
        output.WriteLine($"{probe.Count(ok: true)} calls succeeded, {probe.Count(ok: false)} failed, all while a node restarted");
        Assert.True(failures.Count == 0, "calls failed while no node was restarting:\n" + string.Join("\n", failures));
        foreach (string phase in probe.SteadyPhases)
            foreach (string direction in new[] { "eu→es", "es→eu" })
                Assert.True(probe.Successes(phase, direction) >= 5, $"too few calls {direction} in '{phase}' to say the link worked");

        // 4. The old certificate is refused now, both ways: as Spain's client certificate at the aggregator...
        using (var client = new PeerClient(es.Federation.FindPeer("eu")!, Options("es", _esOld)))
        {
            var e = await Assert.ThrowsAsync<RpcException>(() => client.HelloAsync());
            output.WriteLine($"the old certificate as a client: {e.StatusCode}: {e.Status.Detail}");
            Assert.True(e.StatusCode is StatusCode.Unavailable or StatusCode.Internal, e.ToString());
        }
        // ...and as a server certificate the aggregator's link to Spain meets (a node on another port serving it).
        var oldServer = Node(TestNode.Empty("es").WithCertificate(_esOld));
        oldServer.AddPeer(new PeerLink("eu", eu.GrpcUrl, TestNode.Secret) { CertificatePins = [NodeCertificate.Thumbprint(_euOld)] });
        oldServer.Start();
        using (var client = new PeerClient(eu.Federation.FindPeer("es")! with { Url = oldServer.GrpcUrl }, Options("eu", _euOld)))
        {
            var e = await Assert.ThrowsAsync<RpcException>(() => client.HelloAsync());
            Assert.Contains(Chain(e), x => x is AuthenticationException && x.Message.Contains("RemoteCertificateValidationCallback", StringComparison.Ordinal));
        }
        // The control: the same server is answered by a link that still pins the old certificate.
        using (var client = new PeerClient(eu.Federation.FindPeer("es")! with { Url = oldServer.GrpcUrl, CertificatePins = [NodeCertificate.Thumbprint(_esOld)] }, Options("eu", _euOld)))
            Assert.Equal("es", (await client.HelloAsync()).NodeName);
    }

    [Fact]
    public async Task EveryPinOfAPeerIsAcceptedForThatPeerOnly()
    {
        // Spain pins two certificates of the aggregator and one of Germany.
        var es = Node(TestNode.National("es", "ES").WithCertificate(_esOld));
        es.AddPeer(new PeerLink("eu", new Uri("https://127.0.0.1:1"), TestNode.Secret) { CertificatePins = [NodeCertificate.Thumbprint(_euOld), NodeCertificate.Thumbprint(_euNew)] });
        es.AddPeer(new PeerLink("de", new Uri("https://127.0.0.1:1"), DeSecret) { CertificatePins = [NodeCertificate.Thumbprint(_de)] });
        es.Start();
        var asEu = new PeerLink("es", es.GrpcUrl, TestNode.Secret) { CertificatePins = [NodeCertificate.Thumbprint(_esOld)] };
        var asDe = asEu with { Secret = DeSecret };

        foreach (var certificate in new[] { _euOld, _euNew })
        {
            using var client = new PeerClient(asEu, Options("eu", certificate));
            Assert.Equal("es", (await client.HelloAsync()).NodeName);
        }
        // Either of the aggregator's certificates with Germany's secret, and Germany's with the aggregator's: denied.
        foreach (var (link, name, certificate, owner) in new[] { (asDe, "de", _euOld, "eu"), (asDe, "de", _euNew, "eu"), (asEu, "eu", _de, "de") })
        {
            using var client = new PeerClient(link, Options(name, certificate));
            var e = await Assert.ThrowsAsync<RpcException>(() => client.HelloAsync());
            output.WriteLine($"{owner}'s certificate with {name}'s secret: {e.StatusCode}: {e.Status.Detail}");
            Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
            Assert.Contains($"not the one pinned for peer '{name}' (it is pinned for '{owner}')", e.Status.Detail, StringComparison.Ordinal);
        }
        using (var de = new PeerClient(asDe, Options("de", _de)))
            Assert.Equal("es", (await de.HelloAsync()).NodeName);

        // The client side: Spain's server certificate among a link's pins is accepted; pins of other nodes are not.
        using (var client = new PeerClient(asEu with { CertificatePins = [NodeCertificate.Thumbprint(_esNew), NodeCertificate.Thumbprint(_esOld)] }, Options("eu", _euNew)))
            Assert.Equal("es", (await client.HelloAsync()).NodeName);
        using (var client = new PeerClient(asEu with { CertificatePins = [NodeCertificate.Thumbprint(_euOld), NodeCertificate.Thumbprint(_de), NodeCertificate.Thumbprint(_esNew)] }, Options("eu", _euNew)))
        {
            var e = await Assert.ThrowsAsync<RpcException>(() => client.HelloAsync());
            Assert.Contains(Chain(e), x => x is AuthenticationException && x.Message.Contains("RemoteCertificateValidationCallback", StringComparison.Ordinal));
        }
    }

    /// <summary>Renames <paramref name="iri"/> at <paramref name="from"/> and waits (10 s at most) until <paramref name="to"/> has the new name.</summary>
    private async Task<bool> Replicates(TestNode from, TestNode to, string iri, string name)
    {
        var clock = Stopwatch.StartNew();
        await from.Store.Registry.UpsertAsync(ReplicationTests.Record(from, iri) with { Name = "Renamed " + name });
        bool arrived = await TestNode.WaitUntil(() => NameAt(to, iri) == "Renamed " + name, TimeSpan.FromSeconds(10));
        output.WriteLine($"change '{name}' replicated in {clock.ElapsedMilliseconds} ms");
        return arrived;
    }

    private static string? NameAt(TestNode node, string iri)
    {
        using var context = node.Store.NewContext();
        return context.Hubs.Where(h => h.Iri == iri).Select(h => h.Name).FirstOrDefault();
    }

    private TestNode Node(TestNode node)
    {
        _nodes.Add(node);
        return node;
    }

    private static FederationOptions Options(string name, X509Certificate2 certificate) =>
        new() { NodeName = name, Certificate = certificate, MaxAttempts = 1 };

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException) yield return x;
        if (e is RpcException { Status.DebugException: { } debug })
            for (Exception? x = debug; x is not null; x = x.InnerException) yield return x;
    }

    private static X509Certificate2 Make(string name)
    {
        using var made = NodeCertificate.Create(name, ["127.0.0.1", "localhost"], TimeSpan.FromDays(1));
        return X509CertificateLoader.LoadPkcs12(NodeCertificate.ExportPkcs12(made, null), null);
    }

    /// <summary>
    /// Calls Hello both ways between two nodes, one after the other, every 20 ms, each on a new connection (so
    /// every call is a full handshake with both certificates checked) through the calling node's current link
    /// and certificate, and records every result with the phase it started and ended in. Phases named
    /// "restart …" are a node's own restart, where failures are expected.
    /// </summary>
    internal sealed class LinkProbe : IAsyncDisposable
    {
        private const string RestartPrefix = "restart ";
        private readonly TestNode _a, _b;
        private readonly CancellationTokenSource _stop = new();
        private readonly ConcurrentQueue<Call> _calls = new();
        private readonly List<string> _steady = [];
        private readonly Task _loop;
        private string _phase = "setting up";

        public LinkProbe(TestNode a, TestNode b)
        {
            (_a, _b) = (a, b);
            _loop = Task.Run(RunAsync);
        }

        public IReadOnlyList<string> SteadyPhases => _steady;

        private string Phase
        {
            get => Volatile.Read(ref _phase);
            set => Volatile.Write(ref _phase, value);
        }

        /// <summary>Lets the probe run for <paramref name="length"/> in a phase where every call must succeed.</summary>
        public async Task Steady(string phase, TimeSpan length)
        {
            _steady.Add(phase);
            Phase = phase;
            await Task.Delay(length);
        }

        /// <summary>Stops <paramref name="node"/>, changes its settings, starts it again; returns the timestamp at which it listens again.</summary>
        public async Task<long> Restart(TestNode node, Action change)
        {
            Phase = RestartPrefix + node.Name;
            await node.StopAsync();
            change();
            node.Start();
            long up = Stopwatch.GetTimestamp();
            Phase = "after " + node.Name + " restarted";
            return up;
        }

        public List<Call> FailuresOutsideRestarts() =>
            [.. _calls.Where(c => !c.Ok && !c.StartPhase.StartsWith(RestartPrefix, StringComparison.Ordinal) && !c.EndPhase.StartsWith(RestartPrefix, StringComparison.Ordinal))];

        public int Count(bool ok) => _calls.Count(c => c.Ok == ok);

        public int Successes(string phase, string direction) => _calls.Count(c => c.Ok && c.StartPhase == phase && c.Direction == direction);

        /// <summary>From <paramref name="since"/> to the end of the first successful call in <paramref name="direction"/> that started after it.</summary>
        public TimeSpan FirstSuccessAfter(string direction, long since) =>
            Stopwatch.GetElapsedTime(since, _calls.Where(c => c.Ok && c.Direction == direction && c.Started >= since).Min(c => c.Ended));

        public string Summary() => string.Join("\n", _calls.GroupBy(c => (c.StartPhase, c.Direction))
            .Select(g => $"{g.Key.StartPhase,-32} {g.Key.Direction}: {g.Count(c => c.Ok)} ok, {g.Count(c => !c.Ok)} failed"));

        private async Task RunAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                await CallAsync(_a, _b.Name);
                await CallAsync(_b, _a.Name);
                try { await Task.Delay(20, _stop.Token); } catch (OperationCanceledException) { }
            }
        }

        private async Task CallAsync(TestNode from, string to)
        {
            string phase = Phase;
            long started = Stopwatch.GetTimestamp();
            string? error = null;
            try
            {
                var federation = from.Federation;
                using var client = new PeerClient(federation.FindPeer(to)!,
                    new FederationOptions { NodeName = from.Name, Certificate = federation.Certificate, MaxAttempts = 1, CallDeadline = TimeSpan.FromSeconds(2) });
                string answered = (await client.HelloAsync()).NodeName;
                if (answered != to) error = $"answered as '{answered}'";
            }
            catch (RpcException e)
            {
                error = $"{e.StatusCode}: {e.Status.Detail}";
            }
            _calls.Enqueue(new Call($"{from.Name}→{to}", phase, Phase, started, Stopwatch.GetTimestamp(), error));
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
        }

        public sealed record Call(string Direction, string StartPhase, string EndPhase, long Started, long Ended, string? Error)
        {
            public bool Ok => Error is null;

            public override string ToString() => $"{Direction} in '{StartPhase}'→'{EndPhase}': {Error}";
        }
    }
}
