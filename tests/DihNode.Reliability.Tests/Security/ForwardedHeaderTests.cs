using System.Net;
using DihNode.Node.Hosting;
using DihNode.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace DihNode.Reliability.Tests.Security;

/// <summary>
/// Issue 11 item 4 with RFC 7239's <c>Forwarded</c> header (https://www.rfc-editor.org/rfc/rfc7239): behind a
/// trusted proxy (<see cref="ProxyNode"/>: 127.0.0.9 and 127.0.0.10/31, 3 errors per 30 s) the client is the
/// right-most <c>for=</c> that is not a trusted proxy, like <c>X-Forwarded-For</c>; <c>unknown</c>, obfuscated
/// identifiers and elements without <c>for=</c> make the proxy that wrote them the client; a header that breaks
/// the grammar, or one that disagrees with <c>X-Forwarded-For</c>, makes the connection the client (one warning
/// per request, never a 500); from an untrusted peer the header is ignored.
/// </summary>
public sealed class ForwardedHeaderTests(ProxyNode node, ITestOutputHelper output) : IClassFixture<ProxyNode>
{
    private const string Bad = "SELECT * WHERE { ?s ?p }";
    private const string Good = "ASK { ?s ?p ?o }";

    private static async Task<int> Ask(HttpClient client, string query, string? forwarded, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, LimitedNode.Sparql(query));
        if (forwarded is not null) request.Headers.TryAddWithoutValidation("Forwarded", forwarded);
        if (forwardedFor is not null) request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }

    private static async Task<List<int>> SpendErrors(HttpClient client, string forwarded)
    {
        var statuses = new List<int>();
        for (int i = 0; i < 4; i++) statuses.Add(await Ask(client, Bad, forwarded));
        statuses.Add(await Ask(client, Good, forwarded));
        return statuses;
    }

    private static bool IsRequest(LogEntry e) => e.Category.EndsWith(".RequestLog", StringComparison.Ordinal);

    private static bool IsWarning(LogEntry e) => e.Category.EndsWith(".ClientIdentity", StringComparison.Ordinal);

    /// <summary>Sends one request from the proxy; the client its request-log entry names and the warnings logged for it.</summary>
    private async Task<(int Status, string Client, List<string> Warnings)> Logged(HttpClient proxy, string? forwarded, string? forwardedFor = null)
    {
        int skip = node.Log.Entries.Count;
        int status = await Ask(proxy, Good, forwarded, forwardedFor);
        var entry = (await node.Log.WaitFor(skip, IsRequest)).Single();
        var warnings = node.Log.Entries.Skip(skip).Where(IsWarning).Select(e => e.Message).ToList();
        return (status, (string)entry.Fields["Client"]!, warnings);
    }

    [Fact]
    public async Task TwoClientsBehindOneProxyHaveTheirOwnBudgetsThroughForwarded()
    {
        using var proxy = LoopbackClient.From(node.BaseAddress, ProxyNode.Proxy);
        var a = await SpendErrors(proxy, "for=203.0.113.41;proto=http;by=127.0.0.9");
        int b = await Ask(proxy, Good, "For=\"[2001:db8::b]:4711\"");
        int aWithPort = await Ask(proxy, Good, "for=\"203.0.113.41:5555\"");
        int aThroughTwo = await Ask(proxy, Good, "for=203.0.113.41, for=127.0.0.11");
        int aOnTwoLines = await Ask(proxy, Good, "for=198.51.100.9, for=203.0.113.41");
        int hidden = await Ask(proxy, Good, "for=_hidden");
        int itself = await Ask(proxy, Good, null);
        output.WriteLine($"Forwarded for=203.0.113.41 through the proxy: {string.Join(" ", a)}; [2001:db8::b]:4711 {b}; "
            + $"203.0.113.41 again with a port {aWithPort}, through two proxies {aThroughTwo}, after a client-written element {aOnTwoLines}; _hidden {hidden}; the proxy itself {itself}");
        Assert.Equal([400, 400, 400, 400, 429], a);
        Assert.Equal(200, b);
        Assert.Equal(429, aWithPort);
        Assert.Equal(429, aThroughTwo);
        Assert.Equal(429, aOnTwoLines);
        Assert.Equal(200, hidden);
        Assert.Equal(200, itself);

        var logged = await Logged(proxy, "for=\"[2001:db8::b]\"");
        Assert.Equal((200, "2001:db8::b"), (logged.Status, logged.Client));
        Assert.Empty(logged.Warnings);
        logged = await Logged(proxy, "for=_hidden");
        Assert.Equal((200, ProxyNode.Proxy), (logged.Status, logged.Client)); // an obfuscated client shares its proxy's budget
        Assert.Empty(logged.Warnings);
    }

    [Fact]
    public async Task AForgedForwardedHeaderFromAnUntrustedPeerChangesNothing()
    {
        using var forger = LoopbackClient.From(node.BaseAddress, "127.0.0.21");
        int skip = node.Log.Entries.Count;
        var spent = await SpendErrors(forger, "for=203.0.113.50");
        var escapes = new List<int>();
        string[] forged = ["for=203.0.113.51", "for=198.51.100.1, for=203.0.113.52", "for=127.0.0.9", "for=\"[2001:db8::9]\"", "for=_x", "for=unknown", "for=\"broken", "for=203.0.113.53;for=203.0.113.54"];
        foreach (string f in forged) escapes.Add(await Ask(forger, Good, f));
        escapes.Add(await Ask(forger, Good, "for=203.0.113.55", "203.0.113.55"));
        output.WriteLine($"untrusted 127.0.0.21 with Forwarded: {string.Join(" ", spent)}, then {forged.Length + 1} forged identities: {string.Join(" ", escapes)}");
        Assert.Equal([400, 400, 400, 400, 429], spent);
        Assert.All(escapes, s => Assert.Equal(429, s));
        var logged = await node.Log.WaitFor(skip, e => IsRequest(e) && e.Fields.GetValueOrDefault("Client") is "127.0.0.21", count: 5 + forged.Length + 1);
        Assert.Equal(5 + forged.Length + 1, logged.Count);
        Assert.DoesNotContain(node.Log.Entries.Skip(skip), IsWarning); // an untrusted peer's headers are not even read

        using var proxy = LoopbackClient.From(node.BaseAddress, ProxyNode.Proxy);
        Assert.Equal(200, await Ask(proxy, Good, "for=203.0.113.50")); // the address it named was not charged
    }

    [Fact]
    public async Task AMalformedHeaderFromTheProxyMakesTheConnectionTheClientWithOneWarning()
    {
        using var proxy = LoopbackClient.From(node.BaseAddress, ProxyNode.Proxy);
        var cases = new (string Forwarded, string? ForwardedFor, string Problem)[]
        {
            ("for=\"203.0.113.70", null, "column 5: the quoted string opened here is not closed"),
            ("for=\"x, for=203.0.113.71", null, "not closed"), // a client-written broken value in the line the proxy appended to
            ("for=[2001:db8::1]", null, "column 5: the parameter 'for' has no value"),
            ("for=\"2001:db8::1\"", null, "without brackets"),
            ("for=203.0.113.72;FOR=203.0.113.73", null, "appears twice"),
            ("for=203.0.113.74", "203.0.113.75", "Forwarded names the client 203.0.113.74 but X-Forwarded-For names 203.0.113.75"),
        };
        foreach (var (forwarded, forwardedFor, problem) in cases)
        {
            var (status, client, warnings) = await Logged(proxy, forwarded, forwardedFor);
            output.WriteLine($"Forwarded: {forwarded}{(forwardedFor is null ? "" : $" with X-Forwarded-For: {forwardedFor}")} -> {status}, client {client}, warning: {string.Join(" | ", warnings)}");
            Assert.Equal(200, status);
            Assert.Equal(ProxyNode.Proxy, client);
            Assert.Contains(problem, Assert.Single(warnings));
        }
        var agreed = await Logged(proxy, "for=\"203.0.113.76:1\"", "198.51.100.2, 203.0.113.76:2");
        Assert.Equal((200, "203.0.113.76"), (agreed.Status, agreed.Client));
        Assert.Empty(agreed.Warnings);
    }

    private static readonly NodeOptions s_options = new()
    {
        Database = "unused",
        TrustedProxies = [ClientIdentity.ParseProxy(ProxyNode.Proxy)!.Value, ClientIdentity.ParseProxy("127.0.0.10/31")!.Value],
    };

    /// <summary>Peer, Forwarded lines, X-Forwarded-For lines, the client, and a part of the problem reported (null: none).</summary>
    public static TheoryData<string, string[], string[], string, string?> Resolutions => new()
    {
        { "192.0.2.50", ["for=203.0.113.1"], [], "192.0.2.50", null },                      // an untrusted peer: ignored
        { "192.0.2.50", ["for=\"broken"], ["198.51.100.1"], "192.0.2.50", null },           // ... not even parsed
        { "127.0.0.9", ["for=203.0.113.1"], [], "203.0.113.1", null },
        { "127.0.0.9", ["for=198.51.100.1, for=203.0.113.1"], [], "203.0.113.1", null },    // the right-most element
        { "127.0.0.9", ["for=203.0.113.1;proto=https;by=127.0.0.9"], [], "203.0.113.1", null },
        { "127.0.0.9", ["FOR=203.0.113.1"], [], "203.0.113.1", null },                      // parameter names ignore case
        { "127.0.0.9", ["For=\"203.0.113.1:4711\""], [], "203.0.113.1", null },             // IPv4 with a port
        { "127.0.0.9", ["for=\"[2001:db8::1]:4711\""], [], "2001:db8::1", null },           // IPv6 with a port
        { "127.0.0.9", ["for=\"[2001:DB8::1]\""], [], "2001:db8::1", null },
        { "127.0.0.9", ["for=\"[::ffff:203.0.113.1]\""], [], "203.0.113.1", null },         // IPv4-mapped is IPv4
        { "127.0.0.9", ["for=\"203.0.113.\\1\""], [], "203.0.113.1", null },                // a quoted-pair
        { "127.0.0.9", ["for=\"203.0.113.1:_port\""], [], "203.0.113.1", null },            // an obfuscated port
        { "127.0.0.9", [" , for=203.0.113.1 ,, "], [], "203.0.113.1", null },               // empty list elements
        { "127.0.0.9", ["for=203.0.113.1 ; proto=http"], [], "203.0.113.1", null },         // space around ';'
        { "127.0.0.9", ["for=198.51.100.1", "for=203.0.113.1"], [], "203.0.113.1", null },  // two lines are one list
        { "127.0.0.9", ["for=203.0.113.1", "for=127.0.0.10"], [], "203.0.113.1", null },    // trusted hops skipped across lines
        { "127.0.0.9", ["for=203.0.113.1, for=127.0.0.10, for=\"127.0.0.11:80\""], [], "203.0.113.1", null },
        { "127.0.0.9", ["for=127.0.0.10, for=127.0.0.11"], [], "127.0.0.10", null },        // all trusted: the farthest
        { "127.0.0.9", ["for=203.0.113.1, for=unknown"], [], "127.0.0.9", null },           // unknown: the proxy that wrote it
        { "127.0.0.9", ["for=UNKNOWN"], [], "127.0.0.9", null },
        { "127.0.0.9", ["for=203.0.113.1, for=_hidden"], [], "127.0.0.9", null },           // obfuscated: the proxy that wrote it
        { "127.0.0.9", ["for=\"_hidden:_port\""], [], "127.0.0.9", null },
        { "127.0.0.9", ["for=_hidden, for=127.0.0.10"], [], "127.0.0.10", null },           // ... which may be a farther proxy
        { "127.0.0.9", ["by=127.0.0.9;proto=https"], [], "127.0.0.9", null },               // no for=: the proxy
        { "127.0.0.9", ["for=\"broken", "for=203.0.113.1"], [], "203.0.113.1", null },      // a broken line left of the client is never read
        { "::ffff:127.0.0.9", ["for=203.0.113.1"], [], "203.0.113.1", null },                 // a dual-stack socket's view of the proxy
        { "127.0.0.12", ["for=203.0.113.1"], [], "127.0.0.12", null },                        // just outside 127.0.0.10/31
        // Malformed: the connection is the client.
        { "127.0.0.9", ["for=\"203.0.113.1"], [], "127.0.0.9", "column 5: the quoted string opened here is not closed" },
        { "127.0.0.9", ["for=\"x, for=203.0.113.1"], [], "127.0.0.9", "not closed" },
        { "127.0.0.9", ["for=203.0.113.1", "for=\"broken"], [], "127.0.0.9", "line 2, column 5" },
        { "127.0.0.9", ["for=[2001:db8::1]"], [], "127.0.0.9", "column 5: the parameter 'for' has no value" },
        { "127.0.0.9", ["for=\"2001:db8::1\""], [], "127.0.0.9", "IPv6 address without brackets" },
        { "127.0.0.9", ["for=\"[2001:db8::1\""], [], "127.0.0.9", "does not close it" },
        { "127.0.0.9", ["for=\"[2001:db8::1]x\""], [], "127.0.0.9", "where only ':PORT' may follow" },
        { "127.0.0.9", ["for=\"[2001:db8::1%eth0]\""], [], "127.0.0.9", "is not an IPv6 address" },
        { "127.0.0.9", ["for=\"[203.0.113.1]\""], [], "127.0.0.9", "is not an IPv6 address" },
        { "127.0.0.9", ["for=\"203.0.113.1:123456\""], [], "127.0.0.9", "the port '123456'" },
        { "127.0.0.9", ["for=203.0.113.256"], [], "127.0.0.9", "is not a node" },
        { "127.0.0.9", ["for=010.0.0.1"], [], "127.0.0.9", "is not a node" },               // no octal or short forms
        { "127.0.0.9", ["for=host.example"], [], "127.0.0.9", "is not a node" },
        { "127.0.0.9", ["for=_"], [], "127.0.0.9", "is not a node" },
        { "127.0.0.9", ["for=203.0.113.1;for=198.51.100.1"], [], "127.0.0.9", "the parameter 'for' appears twice" },
        { "127.0.0.9", ["for=203.0.113.1;For=198.51.100.1"], [], "127.0.0.9", "the parameter 'For' appears twice" },
        { "127.0.0.9", ["for = 203.0.113.1"], [], "127.0.0.9", "column 4: expected '=' after the parameter name 'for'" },
        { "127.0.0.9", ["for=203.0.113.1 for=198.51.100.1"], [], "127.0.0.9", "column 17: expected ';' or ','" },
        { "127.0.0.9", ["for=203.0.113.1;proto"], [], "127.0.0.9", "column 22: expected '=' after the parameter name 'proto', found the end of the line" },
        { "127.0.0.9", ["for="], [], "127.0.0.9", "column 5: the parameter 'for' has no value" },
        { "127.0.0.9", ["for=\"a\u0001\""], [], "127.0.0.9", "column 7: a control character (U+0001)" },
        { "127.0.0.9", ["=203.0.113.1"], [], "127.0.0.9", "column 1: expected a parameter name" },
        // Both headers: believed only when they agree.
        { "127.0.0.9", ["for=203.0.113.1"], ["203.0.113.1"], "203.0.113.1", null },
        { "127.0.0.9", ["for=198.51.100.1, for=203.0.113.1"], ["203.0.113.1"], "203.0.113.1", null },
        { "127.0.0.9", ["for=\"203.0.113.1:1\""], ["203.0.113.1:2"], "203.0.113.1", null },
        { "127.0.0.9", ["for=203.0.113.1"], ["198.51.100.1"], "127.0.0.9", "Forwarded names the client 203.0.113.1 but X-Forwarded-For names 198.51.100.1" },
        { "127.0.0.9", ["for=_hidden"], ["203.0.113.1"], "127.0.0.9", "names the client 127.0.0.9 but" },
        { "127.0.0.9", ["for=\"broken"], ["203.0.113.1"], "127.0.0.9", "not closed" },
        { "127.0.0.9", [], ["203.0.113.1"], "203.0.113.1", null },                             // X-Forwarded-For alone as before
        { "127.0.0.9", ["  "], ["203.0.113.1"], "203.0.113.1", null },                         // an empty Forwarded is none
    };

    [Theory]
    [MemberData(nameof(Resolutions))]
    public void TheClientIsTheRightMostForNotATrustedProxy(string peer, string[] forwarded, string[] forwardedFor, string expected, string? problem)
    {
        var resolution = new ClientIdentity(s_options).Resolve(IPAddress.Parse(peer), forwarded, forwardedFor);
        Assert.Equal(IPAddress.Parse(expected), resolution.Client);
        if (problem is null) Assert.Null(resolution.Problem);
        else Assert.Contains(problem, resolution.Problem);
        var direct = IPAddress.Parse(peer);
        Assert.Equal(new ClientResolution(direct.IsIPv4MappedToIPv6 ? direct.MapToIPv4() : direct, null),
            new ClientIdentity(new NodeOptions { Database = "unused" }).Resolve(direct, forwarded, forwardedFor)); // no trusted proxies: always the peer
    }

    [Theory]
    [InlineData("for=192.0.2.43, for=198.51.100.17;by=203.0.113.60;proto=http;host=example.com", "192.0.2.43|198.51.100.17")] // RFC 7239 section 4's example
    [InlineData("for=\"_gazonk\"", "_gazonk")]
    [InlineData("proto=https;by=203.0.113.43", "-")]
    [InlineData("for=a;;for", null)]
    [InlineData(";;, ;", "")]
    [InlineData("host=\"a\\\"b\";for=x", "x")]
    public void AHeaderLineSplitsIntoElements(string line, string? fors)
    {
        var elements = new List<ForwardedElement>();
        bool ok = ForwardedHeader.TryParse(line, elements, out string? error);
        output.WriteLine($"{line}: {(ok ? string.Join("|", elements.Select(e => e.For ?? "-")) : error)}");
        Assert.Equal(fors is not null, ok);
        if (ok) Assert.Equal(fors, string.Join("|", elements.Select(e => e.For ?? "-")));
    }
}
