using System.Net;
using DihNode.Node.Hosting;
using DihNode.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace DihNode.Reliability.Tests.Security;

/// <summary>
/// A node behind two trusted proxies (127.0.0.9 and the network 127.0.0.10/31), with a budget of 3 errors per
/// 30 s window: a fourth error costs the client its window.
/// </summary>
public sealed class ProxyNode() : LoggedNode(o => new NodeOptions
{
    Database = o.Database,
    Urls = o.Urls,
    ApiKey = o.ApiKey,
    TrustedProxies = [ClientIdentity.ParseProxy(ProxyNode.Proxy)!.Value, ClientIdentity.ParseProxy("127.0.0.10/31")!.Value],
    ClientBudgetWindow = TimeSpan.FromSeconds(30),
    ClientTimeBudget = TimeSpan.FromSeconds(100),
    ClientErrorBudget = 3,
})
{
    public const string Proxy = "127.0.0.9";
}

/// <summary>
/// Issue 11 item 4 behind a reverse proxy: the per-client budget and the request log identify a client by
/// the address a trusted proxy forwards (<c>X-Forwarded-For</c>, the right-most address that is not itself a
/// trusted proxy); from any other peer the header is ignored, so a client cannot pick its identity.
/// </summary>
public sealed class ForwardedClientTests(ProxyNode node, ITestOutputHelper output) : IClassFixture<ProxyNode>
{
    private const string Bad = "SELECT * WHERE { ?s ?p }";
    private const string Good = "ASK { ?s ?p ?o }";

    private async Task<int> Ask(HttpClient client, string query, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, LimitedNode.Sparql(query));
        if (forwardedFor is not null) request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }

    /// <summary>Four errors (one over the budget of 3), then a valid query: the statuses.</summary>
    private async Task<List<int>> SpendErrors(HttpClient client, string? forwardedFor)
    {
        var statuses = new List<int>();
        for (int i = 0; i < 4; i++) statuses.Add(await Ask(client, Bad, forwardedFor));
        statuses.Add(await Ask(client, Good, forwardedFor));
        return statuses;
    }

    [Fact]
    public async Task TwoClientsBehindOneTrustedProxyHaveSeparateBudgets()
    {
        using var proxy = LoopbackClient.From(node.BaseAddress, ProxyNode.Proxy);
        var a = await SpendErrors(proxy, "203.0.113.1");
        output.WriteLine("client 203.0.113.1 through the proxy: " + string.Join(" ", a));
        Assert.Equal([400, 400, 400, 400, 429], a);
        int b = await Ask(proxy, Good, "203.0.113.2");
        int itself = await Ask(proxy, Good, null);
        int again = await Ask(proxy, Good, "203.0.113.1");
        output.WriteLine($"through the same proxy: 203.0.113.2 {b}, the proxy itself {itself}, 203.0.113.1 again {again}");
        Assert.Equal(200, b);
        Assert.Equal(200, itself);
        Assert.Equal(429, again);

        // The request log shows the forwarded client, not the proxy.
        var entries = await node.Log.WaitFor(0, e => e.Category.EndsWith(".RequestLog", StringComparison.Ordinal) && e.Fields.GetValueOrDefault("Client") is "203.0.113.2");
        output.WriteLine("request log: " + entries[0].Message);
        Assert.Single(entries);
    }

    [Fact]
    public async Task AForgedHeaderFromAnUntrustedPeerDoesNotEscapeItsBudget()
    {
        using var forger = LoopbackClient.From(node.BaseAddress, "127.0.0.20");
        var spent = await SpendErrors(forger, "203.0.113.20");
        var escapes = new List<int>();
        foreach (string forged in (string[])["203.0.113.21", "198.51.100.1, 203.0.113.22", ProxyNode.Proxy, "127.0.0.11", "unknown"])
            escapes.Add(await Ask(forger, Good, forged));
        output.WriteLine($"untrusted 127.0.0.20 with a different X-Forwarded-For on each request: {string.Join(" ", spent)}, then forged identities: {string.Join(" ", escapes)}");
        Assert.Equal([400, 400, 400, 400, 429], spent);
        Assert.All(escapes, s => Assert.Equal(429, s));

        // Its errors were charged to itself, not to the address it named: that client, through the proxy, is served.
        using var proxy = LoopbackClient.From(node.BaseAddress, ProxyNode.Proxy);
        Assert.Equal(200, await Ask(proxy, Good, "203.0.113.20"));
        var logged = await node.Log.WaitFor(0, e => e.Category.EndsWith(".RequestLog", StringComparison.Ordinal) && e.Fields.GetValueOrDefault("Client") is "127.0.0.20", count: 10);
        Assert.Equal(10, logged.Count);
    }

    [Fact]
    public async Task AddressesAClientWroteBeforeTheProxyAreIgnored()
    {
        using var proxy = LoopbackClient.From(node.BaseAddress, ProxyNode.Proxy);
        Assert.Equal([400, 400, 400, 400, 429], await SpendErrors(proxy, "203.0.113.30"));
        // The client sent "X-Forwarded-For: 198.51.100.7" itself; the proxy appended the address it saw.
        int forged = await Ask(proxy, Good, "198.51.100.7, 203.0.113.30");
        // Two trusted proxies in a row (127.0.0.11 forwarded to 127.0.0.9): the client is the address before them.
        int chained = await Ask(proxy, Good, "203.0.113.30, 127.0.0.11");
        int other = await Ask(proxy, Good, "203.0.113.30, 198.51.100.8");
        output.WriteLine($"after 203.0.113.30 spent its budget: with a forged left part {forged}, through two proxies {chained}, a different right-most client {other}");
        Assert.Equal(429, forged);
        Assert.Equal(429, chained);
        Assert.Equal(200, other);
    }

    public static TheoryData<string, string[], string> Resolutions => new()
    {
        { "192.0.2.50", ["203.0.113.1"], "192.0.2.50" },                        // an untrusted peer: the header is ignored
        { "127.0.0.9", [], "127.0.0.9" },                                       // a trusted peer without the header is the client
        { "127.0.0.9", ["203.0.113.1"], "203.0.113.1" },
        { "127.0.0.9", ["198.51.100.1, 203.0.113.1"], "203.0.113.1" },          // the right-most untrusted address
        { "127.0.0.9", ["203.0.113.1, 127.0.0.10, 127.0.0.11"], "203.0.113.1" }, // trusted hops are skipped
        { "127.0.0.9", ["127.0.0.10, 127.0.0.11"], "127.0.0.10" },              // all trusted: the farthest one
        { "127.0.0.9", ["198.51.100.1", "203.0.113.1"], "203.0.113.1" },        // two header lines are one list
        { "127.0.0.9", ["203.0.113.1, unknown"], "127.0.0.9" },                  // not an address: stop at the proxy that sent it
        { "127.0.0.9", ["203.0.113.1:4711"], "203.0.113.1" },
        { "127.0.0.9", ["[2001:db8::1]:4711"], "2001:db8::1" },
        { "127.0.0.9", ["2001:db8::2"], "2001:db8::2" },
        { "127.0.0.9", ["::ffff:203.0.113.1"], "203.0.113.1" },
        { "::ffff:127.0.0.9", ["203.0.113.1"], "203.0.113.1" },                  // a dual-stack socket's view of the proxy
        { "127.0.0.12", ["203.0.113.1"], "127.0.0.12" },                         // just outside 127.0.0.10/31
    };

    [Theory]
    [MemberData(nameof(Resolutions))]
    public void TheClientIsTheRightMostAddressNotATrustedProxy(string peer, string[] header, string expected)
    {
        var identity = new ClientIdentity(node.Options);
        Assert.Equal(IPAddress.Parse(expected), identity.Resolve(IPAddress.Parse(peer), header));
        Assert.Equal(IPAddress.Parse(peer).IsIPv4MappedToIPv6 ? IPAddress.Parse(peer).MapToIPv4() : IPAddress.Parse(peer),
            new ClientIdentity(new NodeOptions { Database = "unused" }).Resolve(IPAddress.Parse(peer), header)); // no trusted proxies: always the peer
    }
}
