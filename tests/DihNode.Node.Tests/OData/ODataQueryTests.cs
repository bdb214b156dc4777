using System.Net;
using System.Text.Json;
using DihNode.Node.Registry;
using DihNode.Node.Tests.Server;
using Microsoft.EntityFrameworkCore;

namespace DihNode.Node.Tests.OData;

/// <summary>
/// <c>/odata</c> queries over a real node with the EDIH 2025 catalogue: each query option's answer is
/// checked against the registry read with LINQ to Objects (every row loaded, then counted in memory), so a
/// wrong SQL translation shows up as a different count.
/// </summary>
public sealed class ODataQueryTests(NodeFixture node) : IClassFixture<NodeFixture>
{
    private HttpClient Client => node.Client;

    /// <summary>Every hub with its involvements and their concepts, in memory.</summary>
    private List<Hub> AllHubs()
    {
        using var context = node.Store.NewContext();
        return [.. HubRegistry.LoadHubs(context).AsNoTracking()];
    }

    [Fact]
    public async Task MetadataDescribesTheFourEntitySetsWithoutExtraTriples()
    {
        var response = await Client.GetAsync("odata/$metadata");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string csdl = await response.Content.ReadAsStringAsync();
        foreach (string set in new[] { "Hubs", "Countries", "Concepts", "Involvements" })
            Assert.Contains($"<EntitySet Name=\"{set}\"", csdl);
        Assert.DoesNotContain("ExtraTriples", csdl);
        Assert.Contains("<PropertyRef Name=\"HubId\" />", csdl);
        Assert.Contains("<PropertyRef Name=\"ConceptId\" />", csdl);
        Assert.Contains("Org.OData.Core.V1.OptimisticConcurrency", csdl);
        Assert.Contains("<NavigationProperty Name=\"Type\" Type=\"DihNode.Concept\" Nullable=\"false\"><ReferentialConstraint Property=\"TypeId\"", csdl);
    }

    [Fact]
    public async Task CountsMatchTheRegistry()
    {
        using var context = node.Store.NewContext();
        Assert.Equal("457", await Client.GetStringAsync("odata/Hubs/$count"));
        Assert.Equal(context.Involvements.Count().ToString(), await Client.GetStringAsync("odata/Involvements/$count"));
        Assert.Equal(context.Countries.Count().ToString(), await Client.GetStringAsync("odata/Countries/$count"));
        var page = await Client.GetJson("odata/Concepts?$filter=Scheme eq 'technology'&$count=true");
        Assert.Equal(context.Concepts.AsEnumerable().Count(c => c.Scheme == "technology"), page.GetProperty("@odata.count").GetInt32());
        Assert.True(page.GetProperty("@odata.count").GetInt32() > 10);
    }

    [Fact]
    public async Task FilterWithStringFunctions()
    {
        var hubs = AllHubs();
        var contains = await Client.GetJson("odata/Hubs?$filter=contains(tolower(Name),'ai')&$count=true&$select=Name");
        int expected = hubs.Count(h => h.Name.ToLowerInvariant().Contains("ai", StringComparison.Ordinal));
        Assert.Equal(36, expected);
        Assert.Equal(expected, contains.GetProperty("@odata.count").GetInt32());
        Assert.All(contains.Values(), h => Assert.Contains("ai", h.Str("Name").ToLowerInvariant()));

        var starts = await Client.GetJson("odata/Hubs?$filter=startswith(Name,'EDIH') and CountryCode eq 'ES'&$count=true");
        Assert.Equal(hubs.Count(h => h.Name.StartsWith("EDIH", StringComparison.Ordinal) && h.CountryCode == "ES"), starts.GetProperty("@odata.count").GetInt32());

        // startswith and endswith are case-sensitive (SQLite's LIKE would not be): "eDIH La Rioja 4.0" is not an EDIH... name.
        var ends = await Client.GetJson("odata/Hubs?$filter=endswith(Name,'4.0') and not startswith(Name,'EDIH')&$count=true&$select=Name");
        var endsExpected = hubs.Where(h => h.Name.EndsWith("4.0", StringComparison.Ordinal) && !h.Name.StartsWith("EDIH", StringComparison.Ordinal)).Select(h => h.Name).Order().ToList();
        Assert.Contains("eDIH La Rioja 4.0", endsExpected);
        Assert.Equal(endsExpected, ends.Values().Select(h => h.Str("Name")).Order());
    }

    [Fact]
    public async Task FilterWithAnyAndAllOverInvolvements()
    {
        var hubs = AllHubs();
        var any = await Client.GetJson("odata/Hubs?$filter=Involvements/any(i: i/Level ge 4)&$count=true&$top=0");
        Assert.Equal(hubs.Count(h => h.Involvements.Any(i => i.Level >= 4)), any.GetProperty("@odata.count").GetInt32());

        var all = await Client.GetJson("odata/Hubs?$filter=Involvements/any() and Involvements/all(i: i/Level eq 5)&$count=true&$top=0");
        int allFive = hubs.Count(h => h.Involvements.Count > 0 && h.Involvements.All(i => i.Level == 5));
        Assert.True(allFive > 0);
        Assert.Equal(allFive, all.GetProperty("@odata.count").GetInt32());

        // Hubs offering a technology at level 5, found through the concept's scheme and label.
        var ai = await Client.GetJson("odata/Hubs?$filter=Involvements/any(i: i/Concept/Scheme eq 'technology' and startswith(i/Concept/Label,'Artificial') and i/Level eq 5)&$count=true&$top=0");
        int expected = hubs.Count(h => h.Involvements.Any(i => i.Concept!.Scheme == "technology" && i.Concept.Label.StartsWith("Artificial", StringComparison.Ordinal) && i.Level == 5));
        Assert.True(expected > 10);
        Assert.Equal(expected, ai.GetProperty("@odata.count").GetInt32());
    }

    [Fact]
    public async Task SelectReturnsOnlyTheNamedProperties()
    {
        var page = await Client.GetJson("odata/Hubs?$select=Name,CountryCode&$top=3");
        Assert.Equal(3, page.Values().Count);
        foreach (var hub in page.Values())
        {
            var names = hub.EnumerateObject().Select(p => p.Name).Where(n => !n.StartsWith('@')).Order().ToList();
            Assert.Equal(["CountryCode", "Name"], names);
        }
    }

    [Fact]
    public async Task ExpandWithNestedOptions()
    {
        var hub = AllHubs().First(h => h.Involvements.Count(i => i.Level == 5) >= 2);
        var answer = await Client.GetJson($"odata/Hubs({hub.Id})?$select=Name&$expand=Involvements($filter=Level eq 5;$orderby=ConceptId desc;$expand=Concept($select=Label,Scheme)),Country($select=Name),Type");
        var involvements = answer.GetProperty("Involvements").EnumerateArray().ToList();
        var expected = hub.Involvements.Where(i => i.Level == 5).OrderByDescending(i => i.ConceptId).ToList();
        Assert.Equal(expected.Select(i => i.ConceptId), involvements.Select(i => i.GetProperty("ConceptId").GetInt32()));
        Assert.Equal(expected.Select(i => i.Concept!.Label), involvements.Select(i => i.GetProperty("Concept").Str("Label")));
        Assert.Equal(hub.Country!.Name, answer.GetProperty("Country").Str("Name"));
        Assert.Equal(hub.Type!.Label, answer.GetProperty("Type").Str("Label"));

        // A collection expansion with its own $top works as long as it does not expand further.
        var top = await Client.GetJson($"odata/Hubs?$filter=Id eq {hub.Id}&$expand=Involvements($top=1;$orderby=ConceptId)");
        Assert.Equal(hub.Involvements.Min(i => i.ConceptId), top.Values()[0].GetProperty("Involvements")[0].GetProperty("ConceptId").GetInt32());
    }

    [Fact]
    public async Task NavigationPaths()
    {
        var hub = AllHubs().First(h => h.Involvements.Count > 3);
        Assert.Equal(hub.Country!.Name, (await Client.GetJson($"odata/Hubs({hub.Id})/Country")).Str("Name"));
        Assert.Equal(hub.Type!.Label, (await Client.GetJson($"odata/Hubs({hub.Id})/Type")).Str("Label"));
        Assert.Equal(hub.Involvements.Count, (await Client.GetJson($"odata/Hubs({hub.Id})/Involvements")).Values().Count);
        var one = hub.Involvements[0];
        var involvement = await Client.GetJson($"odata/Involvements(HubId={hub.Id},ConceptId={one.ConceptId})?$expand=Concept,Hub($select=Name)");
        Assert.Equal(one.Concept!.Label, involvement.GetProperty("Concept").Str("Label"));
        Assert.Equal(hub.Name, involvement.GetProperty("Hub").Str("Name"));
    }

    [Fact]
    public async Task OrderByTopAndSkip()
    {
        var expected = AllHubs().OrderByDescending(h => h.Name, StringComparer.Ordinal).ThenBy(h => h.Id).Skip(3).Take(5).Select(h => h.Name).ToList();
        var page = await Client.GetJson("odata/Hubs?$orderby=Name desc,Id&$skip=3&$top=5&$select=Name");
        Assert.Equal(expected, page.Values().Select(h => h.Str("Name")));
    }

    [Theory]
    [InlineData("health")]
    [InlineData("health AND NOT robot")]
    [InlineData("health OR agri")]
    [InlineData("NOT digital")]
    [InlineData("\"smart city\"")]
    [InlineData("ai manufacturing")]
    public async Task SearchMatchesNameTitleOrDescription(string search)
    {
        var hubs = AllHubs();
        var page = await Client.GetJson($"odata/Hubs?$search={Uri.EscapeDataString(search)}&$count=true&$top=0");
        int expected = hubs.Count(h => SearchModel.Matches(search, [h.Name, h.Title, h.Description]));
        Assert.True(expected > 0, search);
        Assert.Equal(expected, page.GetProperty("@odata.count").GetInt32());
    }

    [Fact]
    public async Task SearchOnConceptsAndCountries()
    {
        using var context = node.Store.NewContext();
        var concepts = await Client.GetJson("odata/Concepts?$search=intelligence&$count=true");
        Assert.Equal(context.Concepts.AsEnumerable().Count(c => c.Label.Contains("intelligence", StringComparison.OrdinalIgnoreCase)), concepts.GetProperty("@odata.count").GetInt32());
        var countries = await Client.GetJson("odata/Countries?$search=slov&$count=true");
        Assert.Equal(["Slovakia", "Slovenia"], countries.Values().Select(c => c.Str("Name")).Order());
    }

    [Fact]
    public async Task ApplyGroupsHubsByCountryAndType()
    {
        var hubs = AllHubs();
        var byCountry = await Client.GetJson("odata/Hubs?$apply=groupby((CountryCode),aggregate($count as n))");
        var expected = hubs.GroupBy(h => h.CountryCode).ToDictionary(g => g.Key, g => g.Count());
        var actual = byCountry.Values().ToDictionary(g => g.Str("CountryCode"), g => g.GetProperty("n").GetInt32());
        Assert.Equal(expected.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));

        var byType = await Client.GetJson("odata/Hubs?$apply=groupby((TypeId),aggregate($count as n))");
        Assert.Equal(hubs.GroupBy(h => h.TypeId).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())),
            byType.Values().Select(g => (g.GetProperty("TypeId").GetInt32(), g.GetProperty("n").GetInt32())).OrderBy(p => p.Item1));

        var filtered = await Client.GetJson("odata/Hubs?$apply=filter(TypeId eq 1)/groupby((CountryCode),aggregate($count as n))");
        Assert.Equal(hubs.Where(h => h.TypeId == 1).Select(h => h.CountryCode).Distinct().Count(), filtered.Values().Count);

        var byCountryName = await Client.GetJson("odata/Hubs?$apply=groupby((Country/Name),aggregate($count as n))");
        Assert.Equal(expected.Count, byCountryName.Values().Count);
        var slovenia = byCountryName.Values().Single(g => g.GetProperty("Country").Str("Name") == "Slovenia");
        Assert.Equal(expected["SI"], slovenia.GetProperty("n").GetInt32());

        var withTopics = await Client.GetJson("odata/Hubs?$apply=filter(Involvements/any(i: i/Level eq 5))/groupby((TypeId),aggregate($count as n))");
        Assert.Equal(hubs.Count(h => h.Involvements.Any(i => i.Level == 5)), withTopics.Values().Sum(g => g.GetProperty("n").GetInt32()));
    }

    [Fact]
    public async Task ApplyAggregatesInvolvementsByConcept()
    {
        var involvements = AllHubs().SelectMany(h => h.Involvements).ToList();
        var answer = await Client.GetJson("odata/Involvements?$apply=groupby((ConceptId),aggregate($count as n,Level with average as avg,Level with max as top))");
        var groups = answer.Values();
        Assert.Equal(involvements.Select(i => i.ConceptId).Distinct().Count(), groups.Count);
        foreach (var g in groups)
        {
            int concept = g.GetProperty("ConceptId").GetInt32();
            var mine = involvements.Where(i => i.ConceptId == concept).ToList();
            Assert.Equal(mine.Count, g.GetProperty("n").GetInt32());
            Assert.Equal(mine.Average(i => i.Level)!.Value, g.GetProperty("avg").GetDouble(), 9);
            Assert.Equal(mine.Max(i => i.Level), g.GetProperty("top").GetInt32());
        }

        var byScheme = await Client.GetJson("odata/Involvements?$apply=groupby((Concept/Scheme),aggregate($count as n))");
        Assert.Equal(involvements.GroupBy(i => i.Concept!.Scheme).Select(g => (g.Key, g.Count())).Order(),
            byScheme.Values().Select(g => (g.GetProperty("Concept").Str("Scheme"), g.GetProperty("n").GetInt32())).Order());

        var perHub = await Client.GetJson("odata/Involvements?$apply=groupby((HubId),aggregate($count as n))&$orderby=n desc&$top=1");
        Assert.Equal(AllHubs().Max(h => h.Involvements.Count), perHub.Values()[0].GetProperty("n").GetInt32());

        var total = await Client.GetJson("odata/Hubs?$apply=aggregate($count as n)");
        Assert.Equal(457, total.Values()[0].GetProperty("n").GetInt32());
    }

    [Theory]
    [InlineData("odata/Hubs?$select=Name&$count=true", 457)]
    [InlineData("odata/Hubs?$filter=CountryCode eq 'DE'&$count=true&$orderby=Name", -1)]
    [InlineData("odata/Involvements?$count=true", -1)]
    public async Task PagingFollowsNextLinksToTheCount(string first, int expectedCount)
    {
        var seen = new HashSet<string>();
        int pages = 0;
        int count = -1;
        string? next = first;
        while (next is not null)
        {
            var page = await Client.GetJson(next);
            if (count < 0) count = page.GetProperty("@odata.count").GetInt32();
            var values = page.Values();
            Assert.True(values.Count <= 100, $"page of {values.Count}");
            foreach (var v in values) Assert.True(seen.Add(v.GetRawText()), "an entity served twice");
            next = page.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
            if (next is not null) Assert.Equal(100, values.Count);
            pages++;
        }
        if (expectedCount >= 0) Assert.Equal(expectedCount, count);
        Assert.Equal(count, seen.Count);
        Assert.Equal((count + 99) / 100, pages);
    }

    [Theory]
    [InlineData("odata/Hubs?$filter=Nope eq 1", "Nope")]
    [InlineData("odata/Hubs?$select=Nope", "Nope")]
    [InlineData("odata/Hubs?$orderby=Nope", "Nope")]
    [InlineData("odata/Hubs?$filter=Name eq", "Name eq")]
    [InlineData("odata/Hubs?$filter=contains(Name)", "contains")]
    [InlineData("odata/Hubs?$top=5000", "1000")]
    [InlineData("odata/Hubs?$top=-1", "$top")]
    [InlineData("odata/Hubs?$search=\"unterminated", "unterminated")]
    [InlineData("odata/Involvements?$search=x", "$search")]
    [InlineData("odata/Hubs?$expand=Involvements($top=2;$expand=Concept)", "$expand")]
    [InlineData("odata/Hubs?$expand=Nope", "Nope")]
    [InlineData("odata/Hubs?$apply=groupby((CountryCode),aggregate(Involvements($count as n)))", "navigation collection")]
    [InlineData("odata/Hubs?$apply=aggregate(Involvements($count as n))", "navigation collection")]
    [InlineData("odata/Hubs?$apply=groupby((Involvements/Level))", "not a single value")]
    public async Task ABadQueryIs400WithAReadableMessage(string query, string mentioned)
    {
        var response = await Client.GetAsync(query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ODataClient.Error(response);
        Assert.Contains(mentioned, error.Str("message"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnUnknownHubIs404()
    {
        var response = await Client.GetAsync("odata/Hubs(999999)");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("999999", (await ODataClient.Error(response)).Str("message"));
    }

    [Fact]
    public async Task AHubCarriesItsVersionAsETag()
    {
        var hub = AllHubs()[10];
        var response = await Client.GetAsync($"odata/Hubs({hub.Id})");
        Assert.Equal($"W/\"{hub.Version}\"", response.Headers.ETag?.ToString());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal($"W/\"{hub.Version}\"", json.RootElement.Str("@odata.etag"));
        Assert.False(json.RootElement.TryGetProperty("ExtraTriples", out _));
    }
}
