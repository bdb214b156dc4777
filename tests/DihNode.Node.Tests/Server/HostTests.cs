using System.Net;
using System.Text.Json;
using DihNode.Node.Registry;
using DihNode.Vocab.Profile;

namespace DihNode.Node.Tests.Server;

/// <summary>The node host over a real loopback socket: health, errors, and the registry as the one source of truth.</summary>
public sealed class HostTests(NodeFixture node) : IClassFixture<NodeFixture>
{
    [Fact]
    public async Task HealthReportsTheImportedHubs()
    {
        var response = await node.Client.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(457, json.RootElement.GetProperty("hubs").GetInt32());
        Assert.True(json.RootElement.GetProperty("lastSequence").GetInt64() >= 457);
    }

    [Fact]
    public async Task AnUnknownPathIs404WithoutAStackTrace()
    {
        var response = await node.Client.GetAsync("no/such/thing");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ARegistryWriteIsInTheRdfProjectionWhenItReturns()
    {
        using var context = node.Store.NewContext();
        var hub = HubRegistry.LoadHubs(context).First(h => h.Name == "re_d");
        var record = HubMapping.ToRecord(hub) with { Description = "Changed by a test." };
        var (outcome, version, _) = await node.Store.Registry.UpsertAsync(record, hub.Version);
        Assert.Equal(DihNode.Vocab.Import.HubWriteOutcome.Updated, outcome);
        Assert.True(version > hub.Version);
        var snapshot = node.Store.Rdf.Snapshot();
        Assert.True(snapshot.TryGetId(Rdf.Model.Literal.Simple("Changed by a test."), out _));
        await Assert.ThrowsAsync<HubVersionConflictException>(() => node.Store.Registry.UpsertAsync(record with { Description = "again" }, hub.Version));
    }

    [Fact]
    public void ReopeningAfterALostProjectionRebuildsIt()
    {
        string folder = Directory.CreateTempSubdirectory("dihnode-reopen-").FullName;
        string db = Path.Combine(folder, "node.db");
        // A registry with hubs but no RDF store beside it (as after a crash between the two commits, or a lost file).
        File.Copy(Path.Combine(NodeFixture.TemplateFolder, "node.db"), db);
        using var reopened = NodeStore.Open(db);
        var snapshot = reopened.Rdf.Snapshot();
        Assert.True(snapshot.TryGetId(new ProfileIris(ProfileIris.DefaultBase).HubsGraph, out int g));
        Assert.True(snapshot.Count(Rdf.Store.QuadPattern.InGraph(g)) > 10_000);
    }
}
