using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DihNode.Node.Tests.Server;
using DihNode.Reliability.Tests.Limits;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace DihNode.Reliability.Tests.Security;

/// <summary>
/// Issue 11 items 3, 10 and 11 on <c>/odata</c>: bodies over the limit get 413; writes without the key
/// get 401 and change nothing; PATCH and PUT cannot set keys, identity, provenance, versions or
/// navigation properties; <c>$top</c> and <c>$expand</c> depth are capped.
/// </summary>
public sealed class ODataTests(SmallLimitsNode node, ITestOutputHelper output) : IClassFixture<SmallLimitsNode>
{
    private async Task<(int Id, string Iri, long Version, string Etag)> FirstHub()
    {
        using var response = await node.Client.GetAsync("odata/Hubs?$top=1&$orderby=Id&$select=Id,Iri,Version");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var hub = json.RootElement.GetProperty("value")[0];
        long version = hub.GetProperty("Version").GetInt64();
        return (hub.GetProperty("Id").GetInt32(), hub.GetProperty("Iri").GetString()!, version, $"W/\"{version}\"");
    }

    private (string Iri, string Identifier, string Source, string Origin, long Version, string Name, string Country, int Type, int Topics) Row(int id)
    {
        using var context = node.Store.NewContext();
        var h = context.Hubs.Include(x => x.Involvements).AsNoTracking().Single(x => x.Id == id);
        return (h.Iri, h.Identifier, h.Source, h.Origin, h.Version, h.Name, h.CountryCode, h.TypeId, h.Involvements.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ABodyOverTheLimitIs413(bool chunked)
    {
        using var writer = node.WriterClient();
        byte[] bytes = Encoding.ASCII.GetBytes("{\"Name\": \"" + new string('x', 70 * 1024) + "\"}");
        HttpContent content = chunked ? new StreamContent(new UnseekableStream(bytes)) : new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        long sequence = node.Store.Registry.LastSequence;
        using var response = await writer.PostAsync("odata/Hubs", content);
        string text = await response.Content.ReadAsStringAsync();
        output.WriteLine($"POST /odata/Hubs with 70 KiB {(chunked ? "chunked" : "with Content-Length")}: {(int)response.StatusCode} {BodyLimitTests.PathologicalShorten(text)}");
        Assert.Equal(sequence, node.Store.Registry.LastSequence);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    [Fact]
    public async Task WritesWithoutTheKeyAre401AndChangeNothing()
    {
        var (id, _, _, etag) = await FirstHub();
        var before = Row(id);
        long sequence = node.Store.Registry.LastSequence;
        var attempts = new (string Name, HttpRequestMessage Request)[]
        {
            ("POST", new HttpRequestMessage(HttpMethod.Post, "odata/Hubs") { Content = Json("{\"Name\": \"New hub\", \"CountryCode\": \"SI\", \"TypeId\": 1}") }),
            ("PATCH", new HttpRequestMessage(HttpMethod.Patch, $"odata/Hubs({id})") { Content = Json("{\"Name\": \"changed\"}") }),
            ("PUT", new HttpRequestMessage(HttpMethod.Put, $"odata/Hubs({id})") { Content = Json("{\"Name\": \"changed\", \"CountryCode\": \"SI\", \"TypeId\": 1}") }),
            ("DELETE", new HttpRequestMessage(HttpMethod.Delete, $"odata/Hubs({id})")),
            ("PATCH with a wrong key", Authorised(new HttpRequestMessage(HttpMethod.Patch, $"odata/Hubs({id})") { Content = Json("{\"Name\": \"changed\"}") }, "wrong-key")),
            ("DELETE with a wrong key and If-Match", Authorised(new HttpRequestMessage(HttpMethod.Delete, $"odata/Hubs({id})") { Headers = { { "If-Match", etag } } }, "wrong-key")),
        };
        foreach (var (name, request) in attempts)
        {
            using var response = await node.Client.SendAsync(request);
            output.WriteLine($"{name}: {(int)response.StatusCode}");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        Assert.Equal(before, Row(id));
        Assert.Equal(sequence, node.Store.Registry.LastSequence);
    }

    public static TheoryData<string, string> MassAssignments => new()
    {
        { "Id", "{\"Id\": 999999}" },
        { "Iri", "{\"Iri\": \"https://evil.example/hub/x\"}" },
        { "Identifier", "{\"Identifier\": \"csv/evil\"}" },
        { "Source", "{\"Source\": \"edih2025\"}" },
        { "SourceRecord", "{\"SourceRecord\": \"1\"}" },
        { "Origin", "{\"Origin\": \"https://peer.example\"}" },
        { "Version", "{\"Version\": 1}" },
        { "Modified", "{\"Modified\": \"2000-01-01T00:00:00Z\"}" },
        { "ExtraTriples", "{\"ExtraTriples\": \"<http://evil/s> <http://evil/p> <http://evil/o> .\"}" },
        { "Country navigation", "{\"Country\": {\"Code\": \"XX\", \"Name\": \"Evil\"}}" },
        { "Type navigation", "{\"Type\": {\"Id\": 1, \"Label\": \"Evil\"}}" },
        { "Country bind", "{\"Country@odata.bind\": \"Countries('FR')\"}" },
        { "Involvement hub", "{\"Involvements\": [{\"ConceptId\": 1, \"Level\": 3, \"HubId\": 1, \"Hub\": {\"Name\": \"evil\"}}]}" },
    };

    [Theory]
    [MemberData(nameof(MassAssignments))]
    public async Task PatchCannotSetServerOwnedOrNavigationProperties(string what, string body)
    {
        var (id, _, _, _) = await FirstHub();
        var before = Row(id);
        using var writer = node.WriterClient();
        using var response = await writer.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"odata/Hubs({id})") { Content = Json(body) });
        string text = await response.Content.ReadAsStringAsync();
        output.WriteLine($"PATCH {what}: {(int)response.StatusCode} {BodyLimitTests.PathologicalShorten(text)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var after = Row(id);
        Assert.Equal(before, after);
        using var context = node.Store.NewContext();
        Assert.False(context.Countries.Any(c => c.Code == "XX"));
    }

    [Fact]
    public async Task PutKeepsTheHubsIdentity()
    {
        var (id, iri, _, _) = await FirstHub();
        var before = Row(id);
        using var writer = node.WriterClient();
        string body = $"{{\"Id\": {id + 100000}, \"Iri\": \"https://evil.example/x\", \"Source\": \"evil\", \"Origin\": \"https://peer.example\", \"Version\": 1, \"Name\": \"Renamed by PUT\", \"CountryCode\": \"{before.Country}\", \"TypeId\": {before.Type}}}";
        using var response = await writer.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"odata/Hubs({id})") { Content = Json(body) });
        string text = await response.Content.ReadAsStringAsync();
        output.WriteLine($"PUT with server-owned values: {(int)response.StatusCode} {BodyLimitTests.PathologicalShorten(text)}");
        var after = Row(id);
        Assert.Equal((before.Iri, before.Identifier, before.Source, before.Origin), (after.Iri, after.Identifier, after.Source, after.Origin));
        Assert.Equal(iri, after.Iri);
        if (response.IsSuccessStatusCode) Assert.True(after.Version > before.Version, "the version is the server's, not the body's");
        else Assert.Equal(before, after);
    }

    [Theory]
    [InlineData("odata/Hubs?$top=1001", false)]
    [InlineData("odata/Hubs?$top=1000", true)]
    [InlineData("odata/Hubs?$top=5&$expand=Involvements($expand=Hub($expand=Involvements($expand=Concept)))", false)]
    [InlineData("odata/Hubs?$top=5&$expand=Involvements($expand=Concept)", true)]
    public async Task TopAndExpandDepthAreCapped(string url, bool allowed)
    {
        using var response = await node.Client.GetAsync(url);
        string text = await response.Content.ReadAsStringAsync();
        output.WriteLine($"{url}: {(int)response.StatusCode} {BodyLimitTests.PathologicalShorten(text)}");
        if (!allowed)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return;
        }
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(text);
        Assert.True(json.RootElement.GetProperty("value").GetArrayLength() <= 100, "more than a page of 100");
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static HttpRequestMessage Authorised(HttpRequestMessage request, string key)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }
}
