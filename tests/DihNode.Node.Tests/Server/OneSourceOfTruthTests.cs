using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DihNode.Node.Tests.Server;

/// <summary>
/// One question asked through every interface of a real node gets the same hubs; a write through one
/// interface is visible through the others when it returns; a refused write changes nothing anywhere.
/// </summary>
public sealed partial class OneSourceOfTruthTests(NodeFixture node) : IClassFixture<NodeFixture>
{
    private const string Base = "https://dih.example.org";
    private const string Ai = Base + "/concept/technology/artificial-intelligence-decision-support";

    // All EDIH-type hubs in Spain working on artificial intelligence.
    private const string SparqlQuestion = $$"""
        PREFIX dih: <https://w3id.org/dihnode/ns#>
        PREFIX org: <http://www.w3.org/ns/org#>
        PREFIX dct: <http://purl.org/dc/terms/>
        SELECT ?hub WHERE {
          ?hub a dih:Hub ; org:classification <{{Base}}/concept/hub-type/edih> ;
               dct:spatial <http://publications.europa.eu/resource/authority/country/ESP> ;
               dih:involvement/dih:topic <{{Ai}}> .
        }
        """;

    private const string ODataQuestion =
        $"odata/Hubs?$filter=CountryCode eq 'ES' and Type/Notation eq 'EDIH' and Involvements/any(i: i/Concept/Iri eq '{Ai}')&$select=Iri&$top=1000";

    private async Task<SortedSet<string>> SparqlHubs(string query = SparqlQuestion)
    {
        var response = await node.Client.GetAsync("sparql?format=csv&query=" + Uri.EscapeDataString(query));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        return new SortedSet<string>(lines.Skip(1), StringComparer.Ordinal);
    }

    private async Task<SortedSet<string>> ODataHubs()
    {
        using var json = JsonDocument.Parse(await node.Client.GetStringAsync(ODataQuestion));
        return new SortedSet<string>(json.RootElement.GetProperty("value").EnumerateArray().Select(h => h.GetProperty("Iri").GetString()!), StringComparer.Ordinal);
    }

    /// <summary>The hubs of Spain the AI concept's page lists (its HTML links to hub pages).</summary>
    private async Task<SortedSet<string>> ConceptPageHubs()
    {
        string html = await node.Client.GetStringAsync("concept/technology/artificial-intelligence-decision-support");
        return new SortedSet<string>(HubLink().Matches(html).Select(m => Base + m.Groups[1].Value), StringComparer.Ordinal);
    }

    /// <summary>The hubs the web search finds for country, type and technology.</summary>
    private async Task<SortedSet<string>> SearchPageHubs()
    {
        string html = await node.Client.GetStringAsync("search?country=ES&type=EDIH&technology=" + Uri.EscapeDataString("Artificial Intelligence & Decision support"));
        return new SortedSet<string>(HubLink().Matches(html).Select(m => Base + m.Groups[1].Value), StringComparer.Ordinal);
    }

    // Spanish EDIH hubs: imported ones, and those the write test creates through OData (all EDIH).
    [GeneratedRegex("href=\"(/hub/(?:edih2025/es-edih-|odata/es-)[^\"/]+)\"")]
    private static partial Regex HubLink();

    [Fact]
    public async Task SparqlODataAndThePagesAnswerTheSameQuestionWithTheSameHubs()
    {
        var sparql = await SparqlHubs();
        Assert.True(sparql.Count >= 10, $"{sparql.Count} hubs");
        Assert.Equal(sparql, await ODataHubs());
        Assert.Equal(sparql, await ConceptPageHubs());
        Assert.Equal(sparql, await SearchPageHubs());
    }

    [Fact]
    public async Task AnODataWriteIsInSparqlAndOnThePagesWhenItReturns()
    {
        using var writer = node.WriterClient();
        var hub = new
        {
            Name = "Test AI Hub Sevilla",
            Description = "Created through OData by a test.",
        };
        // Create through OData with the AI technology at level 4; the ids of the type and the topic come from OData too.
        int typeId = await ConceptId(Base + "/concept/hub-type/edih"), aiId = await ConceptId(Ai);
        string body = $$"""
            {"Name":"{{hub.Name}}","Description":"{{hub.Description}}","CountryCode":"ES","TypeId":{{typeId}},
             "Website":"https://ai-sevilla.example.es/",
             "Involvements":[{"ConceptId":{{aiId}},"Level":4}]}
            """;
        var created = await writer.PostAsync("odata/Hubs", new StringContent(body, Encoding.UTF8, "application/json"));
        string createdText = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, createdText);
        string iri = JsonDocument.Parse(createdText).RootElement.GetProperty("Iri").GetString()!;

        Assert.Contains(iri, await SparqlHubs());
        Assert.Contains(iri, await ODataHubs());
        Assert.Contains(iri, await SearchPageHubs());
        var page = await node.Client.GetAsync(new Uri(iri).AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(hub.Name, await page.Content.ReadAsStringAsync());
        Assert.Equal(await SparqlHubs(), await ODataHubs());
    }

    private async Task<int> ConceptId(string iri)
    {
        using var json = JsonDocument.Parse(await node.Client.GetStringAsync($"odata/Concepts?$filter=Iri eq '{iri}'&$select=Id"));
        return json.RootElement.GetProperty("value")[0].GetProperty("Id").GetInt32();
    }

    [Fact]
    public async Task ARefusedWriteChangesNothingAnywhere()
    {
        var before = (await SparqlHubs(), await ODataHubs(), node.Store.Registry.LastSequence, node.Store.Rdf.Snapshot().Count(default));
        // No key; then a key but an unknown country; then a level out of range.
        var noKey = await node.Client.PostAsync("odata/Hubs", JsonContent.Create(new { Name = "Nope", CountryCode = "ES" }));
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        using var writer = node.WriterClient();
        int typeId = await ConceptId(Base + "/concept/hub-type/edih"), aiId = await ConceptId(Ai);
        var badCountry = await writer.PostAsync("odata/Hubs", new StringContent($$"""{"Name":"Nope","CountryCode":"XX","TypeId":{{typeId}}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, badCountry.StatusCode);
        var badLevel = await writer.PostAsync("odata/Hubs", new StringContent(
            $$"""{"Name":"Nope","CountryCode":"ES","TypeId":{{typeId}},"Involvements":[{"ConceptId":{{aiId}},"Level":9}]}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, badLevel.StatusCode);
        // SPARQL Update on the managed hubs graph is refused too.
        var update = await writer.PostAsync("sparql/update", new StringContent(
            $"INSERT DATA {{ GRAPH <{Base}/graph/hubs> {{ <{Base}/hub/x> a <https://w3id.org/dihnode/ns#Hub> }} }}", Encoding.UTF8, "application/sparql-update"));
        Assert.Equal(HttpStatusCode.Forbidden, update.StatusCode);
        var after = (await SparqlHubs(), await ODataHubs(), node.Store.Registry.LastSequence, node.Store.Rdf.Snapshot().Count(default));
        Assert.Equal(before.Item1, after.Item1);
        Assert.Equal(before.Item2, after.Item2);
        Assert.Equal(before.Item3, after.Item3);
        Assert.Equal(before.Item4, after.Item4);
    }
}
