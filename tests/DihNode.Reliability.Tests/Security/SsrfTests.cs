using System.Net;
using System.Text;
using DihNode.Node.Hosting;
using DihNode.Rdf.Model;
using DihNode.Rdf.Store;
using DihNode.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace DihNode.Reliability.Tests.Security;

/// <summary>
/// A node whose LOAD allow-list names the test listener on loopback (by name and by address), as a
/// careless operator might: the node must still refuse, because it checks the address it would connect to.
/// </summary>
public sealed class SsrfNode() : LimitedNode(o => new NodeOptions
{
    Database = o.Database,
    Urls = o.Urls,
    ApiKey = o.ApiKey,
    LoadAllowList = [$"http://localhost:{Listener.Port}/", $"http://127.0.0.1:{Listener.Port}/allowed/", "http://169.254.169.254/",
        $"http://[64:ff9b::7f00:1]:{Listener.Port}/", "http://[64:ff9b::a9fe:a9fe]/", $"http://[2002:7f00:1::1]:{Listener.Port}/", "http://[::169.254.169.254]/"],
})
{
    public static CountingListener Listener { get; } = new();
}

/// <summary>
/// Issue 11 item 6: SERVICE, LOAD and JSON-LD remote contexts never make the node open a socket to
/// the cloud metadata address, localhost, a file, or a host nobody configured: the test listener
/// counts 0 connections after every attempt.
/// </summary>
public sealed class SsrfTests(SsrfNode node, ITestOutputHelper output) : IClassFixture<SsrfNode>
{
    private static int Port => SsrfNode.Listener.Port;

    public static TheoryData<string> ServiceTargets => new()
    {
        "http://169.254.169.254/latest/meta-data/",
        $"http://localhost:{Port}/sparql",
        $"http://127.0.0.1:{Port}/sparql",
        $"http://[::ffff:127.0.0.1]:{Port}/sparql",
        "file:///etc/passwd",
        "http://unconfigured.example/sparql",
    };

    [Theory]
    [MemberData(nameof(ServiceTargets))]
    public async Task ServiceIsRefusedBeforeAnySocketOpens(string target)
    {
        int before = SsrfNode.Listener.Connections;
        foreach (string silent in new[] { "", "SILENT " })
        {
            using var response = await node.Client.GetAsync(LimitedNode.Sparql($"SELECT * WHERE {{ SERVICE {silent}<{target}> {{ ?s ?p ?o }} }}"));
            string body = await response.Content.ReadAsStringAsync();
            output.WriteLine($"SERVICE {silent}<{target}>: {(int)response.StatusCode} {BodyLimitTestsShorten(body)}");
            Assert.DoesNotContain("fetched", body);
            Assert.DoesNotContain("root:", body);
            if (silent.Length == 0) Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        await Task.Delay(100);
        Assert.Equal(before, SsrfNode.Listener.Connections);
    }

    public static TheoryData<string> LoadTargets => new()
    {
        $"http://localhost:{Port}/data.ttl",                 // allow-listed, but loopback
        $"http://127.0.0.1:{Port}/allowed/data.ttl",         // allow-listed, but loopback
        $"http://127.0.0.1:{Port}/other.ttl",                // not allow-listed
        "http://169.254.169.254/latest/meta-data/iam",       // allow-listed, but link-local (cloud metadata)
        $"http://[64:ff9b::7f00:1]:{Port}/data.ttl",         // allow-listed, but NAT64 of loopback
        "http://[64:ff9b::a9fe:a9fe]/latest/meta-data/iam",  // allow-listed, but NAT64 of the metadata address
        $"http://[2002:7f00:1::1]:{Port}/data.ttl",          // allow-listed, but 6to4 of loopback
        "http://[::169.254.169.254]/latest/meta-data/iam",   // allow-listed, but IPv4-compatible metadata address
        "file:///etc/passwd",
        "http://unconfigured.example/data.ttl",
    };

    [Theory]
    [MemberData(nameof(LoadTargets))]
    public async Task LoadIsRefusedBeforeAnySocketOpens(string target)
    {
        int before = SsrfNode.Listener.Connections;
        using var writer = node.WriterClient();
        foreach (string silent in new[] { "", "SILENT " })
        {
            string update = $"LOAD {silent}<{target}> INTO GRAPH <http://example.org/loaded>";
            using var response = await writer.PostAsync("sparql/update", new StringContent(update, Encoding.UTF8, "application/sparql-update"));
            string body = await response.Content.ReadAsStringAsync();
            output.WriteLine($"LOAD {silent}<{target}>: {(int)response.StatusCode} {BodyLimitTestsShorten(body)}");
            if (silent.Length == 0) Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}");
        }
        await Task.Delay(100);
        Assert.Equal(before, SsrfNode.Listener.Connections);
        var snapshot = node.Store.Rdf.Snapshot();
        Assert.False(snapshot.TryGetId(Iri.FromTrusted("http://example.org/leak"), out int leak) && snapshot.Count(QuadPattern.InAllGraphs(leak)) > 0);
    }

    /// <summary>
    /// An allow-listed literal IPv6 URL that carries the loopback or the metadata address: refused by the address
    /// check itself (the message names the carried address), not by a failed connection. Before, the classification
    /// saw only the IPv6 range and called these public.
    /// </summary>
    [Theory]
    [InlineData("64:ff9b::7f00:1", true, "loopback (it carries 127.0.0.1: NAT64)")]
    [InlineData("64:ff9b::a9fe:a9fe", false, "link-local; 169.254.169.254 is the cloud metadata service (it carries 169.254.169.254: NAT64)")]
    [InlineData("2002:7f00:1::1", true, "loopback (it carries 127.0.0.1: 6to4)")]
    [InlineData("::169.254.169.254", false, "link-local; 169.254.169.254 is the cloud metadata service (it carries 169.254.169.254: IPv4-compatible)")]
    public async Task AnAllowListedIpv6LiteralCarryingLoopbackOrTheMetadataAddressIsRefusedByTheAddressCheck(string literal, bool listenerPort, string reason)
    {
        int before = SsrfNode.Listener.Connections;
        string target = listenerPort ? $"http://[{literal}]:{Port}/data.ttl" : $"http://[{literal}]/latest/meta-data/iam";
        using var writer = node.WriterClient();
        using var response = await writer.PostAsync("sparql/update", new StringContent($"LOAD <{target}> INTO GRAPH <http://example.org/loaded>", Encoding.UTF8, "application/sparql-update"));
        string body = await response.Content.ReadAsStringAsync();
        output.WriteLine($"LOAD <{target}>: {(int)response.StatusCode} {BodyLimitTestsShorten(body)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"resolves to {IPAddress.Parse(literal)}, an address this node never contacts: {reason}", body);
        await Task.Delay(100);
        Assert.Equal(before, SsrfNode.Listener.Connections);
    }

    public static TheoryData<string, string> RemoteDocuments => new()
    {
        { "application/ld+json", $"{{\"@context\": \"http://127.0.0.1:{Port}/context.jsonld\", \"@id\": \"http://example.org/s\", \"name\": \"x\"}}" },
        { "application/ld+json", $"{{\"@context\": [\"http://localhost:{Port}/a.jsonld\", {{\"@vocab\": \"http://example.org/\"}}], \"@id\": \"http://example.org/s\", \"name\": \"x\"}}" },
        { "application/ld+json", $"{{\"@context\": {{\"@version\": 1.1, \"@import\": \"http://127.0.0.1:{Port}/import.jsonld\"}}, \"@id\": \"http://example.org/s\", \"http://example.org/p\": \"x\"}}" },
        { "application/ld+json", $"{{\"@context\": {{\"p\": {{\"@id\": \"http://example.org/p\", \"@context\": \"http://127.0.0.1:{Port}/scoped.jsonld\"}}}}, \"@id\": \"http://example.org/s\", \"p\": {{\"q\": 1}}}}" },
        { "application/ld+json", "{\"@context\": \"http://169.254.169.254/latest/meta-data/\", \"@id\": \"http://example.org/s\"}" },
        { "application/ld+json", "{\"@context\": \"file:///etc/passwd\", \"@id\": \"http://example.org/s\"}" },
        { "application/rdf+xml", $"<!DOCTYPE rdf:RDF [<!ENTITY e SYSTEM \"http://127.0.0.1:{Port}/entity\">]><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"http://example.org/s\"><rdf:value>&e;</rdf:value></rdf:Description></rdf:RDF>" },
        { "application/rdf+xml", $"<!DOCTYPE rdf:RDF SYSTEM \"http://127.0.0.1:{Port}/rdf.dtd\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>" },
    };

    [Theory]
    [MemberData(nameof(RemoteDocuments))]
    public async Task RemoteContextsAndEntitiesInAGraphStoreBodyAreNeverFetched(string mediaType, string body)
    {
        int before = SsrfNode.Listener.Connections;
        using var writer = node.WriterClient();
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        using var response = await writer.PutAsync("graph-store?graph=" + Uri.EscapeDataString("http://example.org/remote"), content);
        string text = await response.Content.ReadAsStringAsync();
        output.WriteLine($"{mediaType}: {(int)response.StatusCode} {BodyLimitTestsShorten(text)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await Task.Delay(100);
        Assert.Equal(before, SsrfNode.Listener.Connections);
    }

    private static string BodyLimitTestsShorten(string text) => Limits.BodyLimitTests.PathologicalShorten(text);
}
