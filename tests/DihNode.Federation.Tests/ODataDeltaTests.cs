using System.Net;
using System.Text.Json;

namespace DihNode.Federation.Tests;

/// <summary>
/// OData change tracking on <c>Hubs</c> for HTTP harvesters: <c>Prefer: odata.track-changes</c> gives a delta
/// link on the last page; following it gives the hubs changed since and the deleted ones, then a new link.
/// A node with all 457 EDIH hubs, so the first read spans five pages.
/// </summary>
public sealed class ODataDeltaTests : IAsyncLifetime
{
    private TestNode _node = null!;
    private readonly HttpClient _http = new();

    public Task InitializeAsync()
    {
        _node = TestNode.National("delta", null).Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _node.DisposeAsync();
    }

    private async Task<(HttpResponseMessage Response, JsonElement Body)> GetAsync(string url, bool track = false, string? maxVersion = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url.StartsWith("http", StringComparison.Ordinal) ? new Uri(url) : new Uri(_node.WebUrl, url));
        if (track) request.Headers.Add("Prefer", "odata.track-changes");
        if (maxVersion is not null) request.Headers.Add("OData-MaxVersion", maxVersion);
        var response = await _http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        return (response, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static string? Link(JsonElement body, string name) => body.TryGetProperty(name, out var v) ? v.GetString() : null;

    [Fact]
    public async Task FollowingTheDeltaLinkGivesTheChangedAndDeletedHubsThenANewLink()
    {
        long start = _node.Store.Registry.LastSequence;
        var (first, page) = await GetAsync("odata/Hubs", track: true);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("odata.track-changes", first.Headers.GetValues("Preference-Applied").Single());
        Assert.Null(Link(page, "@odata.deltaLink")); // only the last page carries it
        var ids = page.GetProperty("value").EnumerateArray().Select(h => h.GetProperty("Id").GetInt32()).ToList();
        string renamedWhilePaging = page.GetProperty("value")[0].GetProperty("Iri").GetString()!;

        // A change to a hub already read, while the client pages on: it must come in the delta.
        await _node.Store.Registry.UpsertAsync(ReplicationTests.Record(_node, renamedWhilePaging) with { Name = "Renamed while paging" });

        string? deltaLink = null;
        for (string? next = Link(page, "@odata.nextLink"); next is not null; next = Link(page, "@odata.nextLink"))
        {
            (_, page) = await GetAsync(next, track: true);
            ids.AddRange(page.GetProperty("value").EnumerateArray().Select(h => h.GetProperty("Id").GetInt32()));
            deltaLink = Link(page, "@odata.deltaLink");
            if (deltaLink is null) Assert.NotNull(Link(page, "@odata.nextLink"));
        }
        Assert.Equal(457, ids.Distinct().Count());
        Assert.NotNull(deltaLink);
        Assert.EndsWith($"/odata/Hubs?$deltatoken={start}", deltaLink);

        // Writes between the full read and the delta: one rename, one delete.
        var iris = _node.HubIris().Order().ToList();
        string renamed = iris[10], deleted = iris[20];
        int deletedId;
        using (var context = _node.Store.NewContext()) deletedId = context.Hubs.Single(h => h.Iri == deleted).Id;
        await _node.Store.Registry.UpsertAsync(ReplicationTests.Record(_node, renamed) with { Name = "Renamed after the read" });
        Assert.True(await _node.Store.Registry.DeleteAsync(deleted));

        var (response, delta) = await GetAsync(deltaLink);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("/odata/$metadata#Hubs/$delta", delta.GetProperty("@odata.context").GetString());
        var values = delta.GetProperty("value").EnumerateArray().ToList();
        var changed = values.Where(v => v.TryGetProperty("Iri", out _)).ToDictionary(v => v.GetProperty("Iri").GetString()!, v => v.GetProperty("Name").GetString());
        Assert.Equal(new Dictionary<string, string?> { [renamedWhilePaging] = "Renamed while paging", [renamed] = "Renamed after the read" }, changed);
        var removed = Assert.Single(values, v => !v.TryGetProperty("Iri", out _));
        Assert.EndsWith("/odata/$metadata#Hubs/$deletedEntity", removed.GetProperty("@odata.context").GetString());
        Assert.EndsWith($"/odata/Hubs({deletedId})", removed.GetProperty("id").GetString());
        Assert.Equal("deleted", removed.GetProperty("reason").GetString());
        Assert.Equal("4.0", response.Headers.GetValues("OData-Version").Single());
        string next2 = Link(delta, "@odata.deltaLink")!;
        Assert.EndsWith($"$deltatoken={_node.Store.Registry.LastSequence}", next2);

        // Nothing changed since: an empty delta and the same link again.
        var (_, empty) = await GetAsync(next2);
        Assert.Empty(empty.GetProperty("value").EnumerateArray());
        Assert.Equal(next2, Link(empty, "@odata.deltaLink"));

        // The 4.01 form of a deleted entity, for a client that accepts it.
        var (v401, delta401) = await GetAsync(deltaLink, maxVersion: "4.01");
        Assert.Equal("4.01", v401.Headers.GetValues("OData-Version").Single());
        var removed401 = Assert.Single(delta401.GetProperty("value").EnumerateArray(), v => v.TryGetProperty("@removed", out _));
        Assert.Equal("deleted", removed401.GetProperty("@removed").GetProperty("reason").GetString());
        Assert.EndsWith($"/odata/Hubs({deletedId})", removed401.GetProperty("@id").GetString());
    }

    [Fact]
    public async Task TheDeltaLinkRefusesBadTokensAndExpiresWithTheCompactedFeed()
    {
        var (bad, body) = await GetAsync("odata/Hubs?$deltatoken=abc");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'abc'", body.GetProperty("error").GetProperty("message").GetString());
        var (extra, _) = await GetAsync("odata/Hubs?$deltatoken=1&$filter=Id eq 1");
        Assert.Equal(HttpStatusCode.BadRequest, extra.StatusCode);

        // Filtered sets are not tracked: the preference is not applied and no delta link comes.
        var (filtered, page) = await GetAsync("odata/Hubs?$filter=CountryCode eq 'ES'", track: true);
        Assert.Equal(HttpStatusCode.OK, filtered.StatusCode);
        Assert.False(filtered.Headers.Contains("Preference-Applied"));
        Assert.Null(Link(page, "@odata.deltaLink"));

        string iri = _node.HubIris().Order().First();
        await _node.Store.Registry.UpsertAsync(ReplicationTests.Record(_node, iri) with { Name = "Before compaction" });
        await _node.Store.Registry.CompactChangesAsync(_node.Store.Registry.LastSequence);
        var (gone, error) = await GetAsync("odata/Hubs?$deltatoken=0");
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Contains("compacted", error.GetProperty("error").GetProperty("message").GetString());
    }
}
