using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DihNode.Node.Tests.Server;
using DihNode.Reliability.Tests.Support;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Store;
using Xunit.Abstractions;

namespace DihNode.Reliability.Tests.Security;

/// <summary>
/// Issue 11 item 10: SPARQL Update and Graph Store writes without the key, or with a wrong one, get 401
/// and leave the data byte for byte as it was (a hash of every quad, the registry's change sequence, and
/// the bytes of both database files); an update sent to the query endpoint is refused even with the key.
/// </summary>
public sealed class CredentialTests(NodeFixture node, ITestOutputHelper output) : IClassFixture<NodeFixture>
{
    private const string Update = "INSERT DATA { GRAPH <http://example.org/auth> { <http://example.org/s> <http://example.org/p> 1 } }";
    private const string Turtle = "<http://example.org/s> <http://example.org/p> 2 .";

    private static readonly (string Name, Action<HttpRequestMessage> Apply)[] s_badCredentials =
    [
        ("none", _ => { }),
        ("wrong bearer", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "wrong-key-0123456789")),
        ("key prefix", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", NodeFixture.ApiKey[..^1])),
        ("key plus one", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", NodeFixture.ApiKey + "x")),
        ("empty bearer", r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer ")),
        ("basic scheme", r => r.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + NodeFixture.ApiKey)))),
        ("wrong X-API-Key", r => r.Headers.Add("X-API-Key", "nope")),
        ("key in query string", r => r.RequestUri = new Uri(r.RequestUri!.OriginalString + (r.RequestUri.OriginalString.Contains('?') ? "&" : "?") + "key=" + NodeFixture.ApiKey, UriKind.Relative)),
    ];

    private static IEnumerable<(string Name, Func<HttpRequestMessage> Make)> Writes()
    {
        static HttpContent Body(string text, string type) => new StringContent(text, Encoding.UTF8, type);
        string graph = "graph-store?graph=" + Uri.EscapeDataString("http://example.org/auth");
        yield return ("update body", () => new HttpRequestMessage(HttpMethod.Post, "sparql/update") { Content = Body(Update, "application/sparql-update") });
        yield return ("update form", () => new HttpRequestMessage(HttpMethod.Post, "sparql/update") { Content = new FormUrlEncodedContent([new("update", Update)]) });
        yield return ("GSP PUT", () => new HttpRequestMessage(HttpMethod.Put, graph) { Content = Body(Turtle, "text/turtle") });
        yield return ("GSP POST", () => new HttpRequestMessage(HttpMethod.Post, graph) { Content = Body(Turtle, "text/turtle") });
        yield return ("GSP POST new graph", () => new HttpRequestMessage(HttpMethod.Post, "graph-store") { Content = Body(Turtle, "text/turtle") });
        yield return ("GSP PUT default", () => new HttpRequestMessage(HttpMethod.Put, "graph-store?default") { Content = Body(Turtle, "text/turtle") });
        yield return ("GSP DELETE default", () => new HttpRequestMessage(HttpMethod.Delete, "graph-store?default"));
        yield return ("GSP DELETE hubs graph", () => new HttpRequestMessage(HttpMethod.Delete, "graph-store?graph=" + Uri.EscapeDataString(node_hubsGraph)));
    }

    // The hubs graph of the default base IRI (the fixture's data is minted under it).
    private const string node_hubsGraph = "https://dih.example.org/graph/hubs";

    [Fact]
    public async Task WritesWithoutTheRightKeyAre401AndChangeNothing()
    {
        var before = Fingerprint();
        int attempts = 0;
        foreach (var (write, make) in Writes())
            foreach (var (credential, apply) in s_badCredentials)
            {
                using var request = make();
                apply(request);
                using var response = await node.Client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{write} with {credential}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
                attempts++;
            }
        var after = Fingerprint();
        output.WriteLine($"{attempts} refused writes; fingerprint {before}");
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task UpdatesSentToTheQueryEndpointAreRefusedEvenWithTheKey()
    {
        var before = Fingerprint();
        using var writer = node.WriterClient();
        var attempts = new (string Name, HttpRequestMessage Request)[]
        {
            ("POST sparql-update body", new HttpRequestMessage(HttpMethod.Post, "sparql") { Content = new StringContent(Update, Encoding.UTF8, "application/sparql-update") }),
            ("POST form update=", new HttpRequestMessage(HttpMethod.Post, "sparql") { Content = new FormUrlEncodedContent([new("update", Update)]) }),
            ("GET ?update=", new HttpRequestMessage(HttpMethod.Get, "sparql?update=" + Uri.EscapeDataString(Update))),
            ("POST query= holding an update", new HttpRequestMessage(HttpMethod.Post, "sparql") { Content = new FormUrlEncodedContent([new("query", Update)]) }),
            ("GET query= holding an update", new HttpRequestMessage(HttpMethod.Get, "sparql?query=" + Uri.EscapeDataString(Update))),
            ("sparql-query body holding an update", new HttpRequestMessage(HttpMethod.Post, "sparql") { Content = new StringContent(Update, Encoding.UTF8, "application/sparql-query") }),
        };
        foreach (var (name, request) in attempts)
        {
            using var response = await writer.SendAsync(request);
            string text = await response.Content.ReadAsStringAsync();
            output.WriteLine($"{name}: {(int)response.StatusCode} {text.Trim()}");
            Assert.True((int)response.StatusCode is 400 or 405 or 415, $"{name}: {(int)response.StatusCode}");
        }
        Assert.Equal(before, Fingerprint());

        // The control: the same update with the key at the update endpoint does change the fingerprint.
        using var accepted = await writer.PostAsync("sparql/update", new StringContent(Update, Encoding.UTF8, "application/sparql-update"));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.NotEqual(before, Fingerprint());
    }

    private string Fingerprint() => DataFingerprint.Of(node.Store, node.Options.Database);
}
