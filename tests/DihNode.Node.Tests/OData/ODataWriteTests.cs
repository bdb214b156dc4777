using System.Net;
using System.Text.Json;
using DihNode.Node.Registry;
using DihNode.Node.Tests.Server;
using DihNode.Rdf.Model;
using DihNode.Rdf.Store;
using DihNode.Vocab;
using Microsoft.EntityFrameworkCore;

namespace DihNode.Node.Tests.OData;

/// <summary>
/// Hub writes through <c>/odata</c> on a node of its own: the API key, the importers' rules, ETags and
/// <c>If-Match</c>; each accepted write is read back through OData and in the RDF projection
/// (<c>Store.Rdf.Snapshot()</c>), each refused one leaves the registry and the change feed as they were.
/// </summary>
public sealed class ODataWriteTests(NodeFixture node) : IClassFixture<NodeFixture>
{
    private const string NewHub = """
        {"Name": "Test Hub Ljubljana", "CountryCode": "si", "TypeId": 3, "Website": "www.example.si/hub",
         "Description": "A hub written through OData.", "NutsCode": "SI041",
         "Involvements": [{"ConceptId": %SERVICE%, "Level": 4}, {"ConceptId": %TECH%}]}
        """;

    private readonly HttpClient _writer = node.WriterClient();

    private (int Service, int Technology, int OtherTechnology, int HubType) Concepts()
    {
        using var context = node.Store.NewContext();
        var ids = context.Concepts.AsNoTracking().ToList();
        return (ids.First(c => c.Scheme == "service").Id, ids.First(c => c.Scheme == "technology").Id,
            ids.Last(c => c.Scheme == "technology").Id, ids.First(c => c.Scheme == "hub-type" && c.Notation == "DIH").Id);
    }

    private string NewHubJson(string name = "Test Hub Ljubljana")
    {
        var (service, technology, _, _) = Concepts();
        return NewHub.Replace("%SERVICE%", service.ToString()).Replace("%TECH%", technology.ToString()).Replace("Test Hub Ljubljana", name);
    }

    private (int Hubs, long Sequence) State()
    {
        using var context = node.Store.NewContext();
        return (context.Hubs.Count(), node.Store.Registry.LastSequence);
    }

    /// <summary>The hub's statements in the projected hubs graph, as "predicate object" lines.</summary>
    private HashSet<string> Projected(string hubIri)
    {
        var snapshot = node.Store.Rdf.Snapshot();
        var lines = new HashSet<string>();
        if (!snapshot.TryGetId(Iri.FromTrusted(hubIri), out int s) || !snapshot.TryGetId(node.Store.Iris.HubsGraph, out int g)) return lines;
        foreach (var q in snapshot.Find(QuadPattern.InGraph(g, s))) lines.Add($"{snapshot.GetTerm(q.P)} {snapshot.GetTerm(q.O)}");
        return lines;
    }

    private async Task<JsonElement> Create(string name)
    {
        var response = await _writer.Send(HttpMethod.Post, "odata/Hubs", NewHubJson(name));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task PostCreatesAHubVisibleInODataAndRdf()
    {
        var before = State();
        var response = await _writer.Send(HttpMethod.Post, "odata/Hubs", NewHubJson());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        int id = created.GetProperty("Id").GetInt32();
        long version = created.GetProperty("Version").GetInt64();
        Assert.Equal($"W/\"{version}\"", response.Headers.ETag?.ToString());
        Assert.EndsWith($"/odata/Hubs({id})", response.Headers.Location?.ToString());
        Assert.Equal("odata/si-test-hub-ljubljana", created.Str("Identifier"));
        Assert.Equal("https://dih.example.org/hub/odata/si-test-hub-ljubljana", created.Str("Iri"));
        Assert.Equal("SI", created.Str("CountryCode"));
        Assert.Equal("http://www.example.si/hub", created.Str("Website")); // normalised as the importers do
        Assert.Equal((before.Hubs + 1, before.Sequence + 1), State());

        var read = await node.Client.GetJson($"odata/Hubs({id})?$expand=Involvements");
        Assert.Equal("Test Hub Ljubljana", read.Str("Name"));
        Assert.Equal(2, read.GetProperty("Involvements").GetArrayLength());
        var rdf = Projected(created.Str("Iri"));
        Assert.Contains($"{Namespaces.DctTerms.Description} \"A hub written through OData.\"", rdf);
        Assert.Contains($"{Namespaces.FoafTerms.Homepage} <http://www.example.si/hub>", rdf);
        Assert.Contains($"{Namespaces.DctTerms.Source} <https://dih.example.org/source/odata>", rdf);
        Assert.Equal(2, rdf.Count(l => l.StartsWith(Namespaces.DihTerms.InvolvementProperty.ToString(), StringComparison.Ordinal)));

        // The same name in the same country is the same hub: a second POST is a conflict, not a duplicate.
        var again = await _writer.Send(HttpMethod.Post, "odata/Hubs", NewHubJson());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains($"Hubs({id})", (await ODataClient.Error(again)).Str("message"));
        Assert.Equal((before.Hubs + 1, before.Sequence + 1), State());
    }

    [Fact]
    public async Task WritesWithoutTheKeyAre401AndChangeNothing()
    {
        var hub = await Create("Keyless Test Hub");
        int id = hub.GetProperty("Id").GetInt32();
        var before = State();
        foreach (var (method, path, body) in new[]
        {
            (HttpMethod.Post, "odata/Hubs", NewHubJson("Another Hub")),
            (HttpMethod.Patch, $"odata/Hubs({id})", """{"Title": "x"}"""),
            (HttpMethod.Put, $"odata/Hubs({id})", NewHubJson("Keyless Test Hub")),
            (HttpMethod.Delete, $"odata/Hubs({id})", null),
        })
        {
            var response = await node.Client.Send(method, path, body);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
            Assert.Contains("API key", (await ODataClient.Error(response)).Str("message"));
        }
        var wrongKey = new HttpRequestMessage(HttpMethod.Delete, $"odata/Hubs({id})");
        wrongKey.Headers.Add("X-API-Key", "not-the-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await node.Client.SendAsync(wrongKey)).StatusCode);
        Assert.Equal(before, State());
    }

    [Theory]
    [InlineData("""{"CountryCode": "SI", "TypeId": 3}""", "Name", "missing value")]
    [InlineData("""{"Name": "   ", "CountryCode": "SI", "TypeId": 3}""", "Name", "missing value")]
    [InlineData("""{"Name": "%%%", "CountryCode": "SI", "TypeId": 3}""", "Name", "no letter or digit")]
    [InlineData("""{"Name": "X", "CountryCode": "XX", "TypeId": 3}""", "CountryCode", "unknown country 'XX'")]
    [InlineData("""{"Name": "X", "TypeId": 3}""", "CountryCode", "missing value")]
    [InlineData("""{"Name": "X", "CountryCode": "SI", "TypeId": 99999}""", "TypeId", "1 = EDIH, 2 = Seal of Excellence, 3 = DIH")]
    [InlineData("""{"Name": "X", "CountryCode": "SI", "TypeId": %TECH%}""", "TypeId", "unknown hub type")]
    [InlineData("""{"Name": "X", "CountryCode": "SI", "TypeId": 3, "Website": "ftp://example.org"}""", "Website", "not an http(s) URL")]
    [InlineData("""{"Name": "X", "CountryCode": "SI", "TypeId": 3, "Website": "not a url"}""", "Website", "bad URL")]
    [InlineData("""{"Name": "X", "CountryCode": "SI", "TypeId": 3, "NutsCode": "PL711"}""", "NutsCode", "NUTS 3 code")]
    [InlineData("""{"Name": "X", "CountryCode": "SI", "TypeId": 3, "Involvements": [{"ConceptId": 99999}]}""", "Involvements[0].ConceptId", "unknown topic")]
    [InlineData("""{"Name": "X", "CountryCode": "SI", "TypeId": 3, "Involvements": [{"ConceptId": 1}]}""", "Involvements[0].ConceptId", "unknown topic")]
    [InlineData("""{"Name": "X", "CountryCode": "SI", "TypeId": 3, "Involvements": [{"ConceptId": %TECH%, "Level": 6}]}""", "Involvements[0].Level", "an integer 1 to 5")]
    [InlineData("""{"Name": "X", "CountryCode": "SI", "TypeId": 3, "Involvements": [{"ConceptId": %TECH%, "Level": 0}]}""", "Involvements[0].Level", "an integer 1 to 5")]
    [InlineData("""{"Name": "X", "CountryCode": "SI", "TypeId": 3, "Involvements": [{"ConceptId": %TECH%}, {"ConceptId": %TECH%}]}""", "Involvements[1].ConceptId", "twice")]
    [InlineData("""{"Name": "X", "CountryCode": "SI", "TypeId": 3, "Colour": "red"}""", "body", "Colour")]
    [InlineData("""{"Name": "X", "CountryCode": "SI", "TypeId": "three"}""", "body", "three")]
    [InlineData("""not json""", "body", "")]
    public async Task AnInvalidHubIs400NamingTheFieldAndChangesNothing(string body, string field, string reason)
    {
        var before = State();
        var response = await _writer.Send(HttpMethod.Post, "odata/Hubs", body.Replace("%TECH%", Concepts().Technology.ToString()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ODataClient.Error(response);
        Assert.Equal(field, error.Str("target"));
        Assert.Contains(reason, error.Str("message"));
        Assert.Equal(before, State());
    }

    [Fact]
    public async Task PatchWithTheCurrentETagChangesTheHubAndItsTriples()
    {
        var hub = await Create("Patched Test Hub");
        int id = hub.GetProperty("Id").GetInt32();
        string iri = hub.Str("Iri");
        string etag = $"W/\"{hub.GetProperty("Version").GetInt64()}\"";
        var (_, _, otherTechnology, _) = Concepts();

        var response = await _writer.Send(HttpMethod.Patch, $"odata/Hubs({id})",
            $$"""{"Description": "Changed by PATCH.", "Involvements": [{"ConceptId": {{otherTechnology}}, "Level": 2}]}""", etag);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        string newETag = response.Headers.ETag!.ToString();
        Assert.NotEqual(etag, newETag);

        var read = await node.Client.GetJson($"odata/Hubs({id})?$expand=Involvements");
        Assert.Equal("Changed by PATCH.", read.Str("Description"));
        Assert.Equal("Patched Test Hub", read.Str("Name")); // untouched by PATCH
        Assert.Equal("http://www.example.si/hub", read.Str("Website"));
        var involvement = Assert.Single(read.GetProperty("Involvements").EnumerateArray());
        Assert.Equal(otherTechnology, involvement.GetProperty("ConceptId").GetInt32());
        Assert.Equal(newETag, read.Str("@odata.etag"));
        var rdf = Projected(iri);
        Assert.Contains($"{Namespaces.DctTerms.Description} \"Changed by PATCH.\"", rdf);
        Assert.DoesNotContain($"{Namespaces.DctTerms.Description} \"A hub written through OData.\"", rdf);
        Assert.Single(rdf, l => l.StartsWith(Namespaces.DihTerms.InvolvementProperty.ToString(), StringComparison.Ordinal));

        // The old ETag is now stale: 412, and nothing changes.
        var before = State();
        var stale = await _writer.Send(HttpMethod.Patch, $"odata/Hubs({id})", """{"Description": "Lost update."}""", etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Contains("stale", (await ODataClient.Error(stale)).Str("message"));
        Assert.Equal(before, State());
        Assert.Equal("Changed by PATCH.", (await node.Client.GetJson($"odata/Hubs({id})")).Str("Description"));
        Assert.DoesNotContain($"{Namespaces.DctTerms.Description} \"Lost update.\"", Projected(iri));
    }

    [Fact]
    public async Task PatchRefusesValuesTheNodeSetsAndBadValues()
    {
        var hub = await Create("Guarded Test Hub");
        int id = hub.GetProperty("Id").GetInt32();
        var before = State();
        foreach (var (body, field) in new[]
        {
            ("""{"Version": 1}""", "Version"),
            ("""{"Iri": "https://elsewhere.example/hub"}""", "Iri"),
            ("""{"Website": "mailto:someone@example.org"}""", "Website"),
            ("""{"CountryCode": "ZZ"}""", "CountryCode"),
            ("""{"Name": ""}""", "Name"),
        })
        {
            var response = await _writer.Send(HttpMethod.Patch, $"odata/Hubs({id})", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(field, (await ODataClient.Error(response)).Str("target"));
        }
        Assert.Equal(before, State());
    }

    [Fact]
    public async Task PutReplacesTheHubWithIfMatchAny()
    {
        var hub = await Create("Replaced Test Hub");
        int id = hub.GetProperty("Id").GetInt32();
        var (service, _, _, _) = Concepts();
        string body = $$"""{"Name": "Replaced Test Hub", "CountryCode": "SI", "TypeId": 3, "Title": "New title", "Involvements": [{"ConceptId": {{service}}, "Level": 5}]}""";
        var response = await _writer.Send(HttpMethod.Put, $"odata/Hubs({id})", body, "*");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var read = await node.Client.GetJson($"odata/Hubs({id})?$expand=Involvements");
        Assert.Equal("New title", read.Str("Title"));
        Assert.Equal(JsonValueKind.Null, read.GetProperty("Website").ValueKind); // PUT replaces: what is not given is cleared
        Assert.Equal(JsonValueKind.Null, read.GetProperty("Description").ValueKind);
        Assert.Equal(5, Assert.Single(read.GetProperty("Involvements").EnumerateArray()).GetProperty("Level").GetInt32());
        Assert.Equal(hub.Str("Iri"), read.Str("Iri")); // identity kept
        var rdf = Projected(hub.Str("Iri"));
        Assert.Contains($"{Namespaces.SkosTerms.AltLabel} \"New title\"", rdf);
        Assert.DoesNotContain(rdf, l => l.StartsWith(Namespaces.FoafTerms.Homepage.ToString(), StringComparison.Ordinal));

        var missing = await _writer.Send(HttpMethod.Put, "odata/Hubs(999999)", body);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task AnImportedHubCanBeEditedAndKeepsItsIdentity()
    {
        Hub imported;
        using (var context = node.Store.NewContext())
            imported = HubRegistry.LoadHubs(context).AsNoTracking().First(h => h.Name == "re_d");
        int topics = imported.Involvements.Count;
        var response = await _writer.Send(HttpMethod.Patch, $"odata/Hubs({imported.Id})", """{"City": "Łódź"}""", $"W/\"{imported.Version}\"");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var read = await node.Client.GetJson($"odata/Hubs({imported.Id})?$expand=Involvements");
        Assert.Equal("Łódź", read.Str("City"));
        Assert.Equal(imported.Identifier, read.Str("Identifier"));
        Assert.Equal("edih2025", read.Str("Source"));
        Assert.Equal(topics, read.GetProperty("Involvements").GetArrayLength());
        Assert.Equal(imported.NutsCode, read.GetProperty("NutsCode").GetString());
    }

    [Fact]
    public async Task DeleteRemovesTheHubAndItsTriples()
    {
        var hub = await Create("Deleted Test Hub");
        int id = hub.GetProperty("Id").GetInt32();
        string iri = hub.Str("Iri");
        Assert.NotEmpty(Projected(iri));

        var before = State();
        var stale = await _writer.Send(HttpMethod.Delete, $"odata/Hubs({id})", null, "W/\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(before, State());
        var malformed = await _writer.Send(HttpMethod.Delete, $"odata/Hubs({id})", null, "\"abc\"");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(before, State());

        var response = await _writer.Send(HttpMethod.Delete, $"odata/Hubs({id})", null, $"W/\"{hub.GetProperty("Version").GetInt64()}\"");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal((before.Hubs - 1, before.Sequence + 1), State());
        Assert.Equal(HttpStatusCode.NotFound, (await node.Client.GetAsync($"odata/Hubs({id})")).StatusCode);
        Assert.Empty(Projected(iri));
        Assert.Equal(HttpStatusCode.NotFound, (await _writer.Send(HttpMethod.Delete, $"odata/Hubs({id})", null)).StatusCode);
    }
}
