using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using DihNode.Node.Registry;
using DihNode.Node.Tests.Server;
using DihNode.Rdf.Model;
using DihNode.Reliability.Tests.Support;
using DihNode.Vocab.Profile;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace DihNode.Reliability.Tests.Durability;

/// <summary>
/// Issue 11 item 13, second half: another process (a real <c>sqlite3</c> shell) holds the registry's write
/// lock (<c>BEGIN IMMEDIATE</c>) while the node writes. A short lock makes the write wait and succeed; a
/// lock held past <see cref="HubRegistry.LockWait"/> (3 s here, 10 s by default) gets 503 with Retry-After
/// and nothing half-written, never 500; reads go on meanwhile (WAL); afterwards registry, SPARQL and the
/// change feed agree. The RDF store file cannot be locked by another process at all (the node holds it
/// in exclusive mode), so SPARQL Update and Graph Store writes never wait for one.
/// </summary>
public sealed class BusyDatabaseTests : IClassFixture<NodeFixture>
{
    private static readonly TimeSpan s_lockWait = TimeSpan.FromSeconds(3);
    private readonly NodeFixture _node;
    private readonly ITestOutputHelper _output;

    public BusyDatabaseTests(NodeFixture node, ITestOutputHelper output)
    {
        _node = node;
        _output = output;
        node.Store.Registry.LockWait = s_lockWait;
    }

    private static HttpRequestMessage Patch(int id, string description) =>
        new(HttpMethod.Patch, $"odata/Hubs({id})") { Content = new StringContent(JsonSerializer.Serialize(new { Description = description }), Encoding.UTF8, "application/json") };

    private string? Description(int id)
    {
        using var context = _node.Store.NewContext();
        return context.Hubs.AsNoTracking().Single(h => h.Id == id).Description;
    }

    private void AssertConsistent(string when)
    {
        var (registry, sparql, feed) = NodeCounts.Hubs(_node.Store);
        _output.WriteLine($"{when}: registry {registry}, SPARQL {sparql}, feed {feed}");
        Assert.Equal(registry, sparql);
        Assert.Equal(registry, feed);
    }

    [SkippableFact]
    public async Task AShortLockMakesAnODataWriteWaitAndSucceed()
    {
        Skip.IfNot(SqliteShell.Available, "no sqlite3 shell on the PATH");
        using var writer = _node.WriterClient();
        long before = _node.Store.Registry.LastSequence;
        var shell = await SqliteShell.HoldAsync(_node.Store.RegistryPath);
        var release = Task.Delay(TimeSpan.FromSeconds(1.5)).ContinueWith(_ => shell.DisposeAsync().AsTask()).Unwrap();
        var clock = Stopwatch.StartNew();
        using var response = await writer.SendAsync(Patch(2, "written after a short lock"));
        double seconds = clock.Elapsed.TotalSeconds;
        await release;
        _output.WriteLine($"PATCH while sqlite3 held the lock for 1.5 s: {(int)response.StatusCode} after {seconds:F2} s");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.InRange(seconds, 1.2, s_lockWait.TotalSeconds);
        Assert.Equal("written after a short lock", Description(2));
        Assert.Equal(before + 1, _node.Store.Registry.LastSequence);
        AssertConsistent("after the wait");
    }

    [SkippableFact]
    public async Task ALockHeldPastTheBudgetIs503WithRetryAfterAndNothingIsWritten()
    {
        Skip.IfNot(SqliteShell.Available, "no sqlite3 shell on the PATH");
        using var writer = _node.WriterClient();
        string? description = Description(3);
        // Warm up the paths timed below (the first OData write and delta read compile their EF queries).
        using (var same = await writer.SendAsync(Patch(3, description ?? "")))
            Assert.True(same.IsSuccessStatusCode);
        description = Description(3);
        long before = _node.Store.Registry.LastSequence;
        (await _node.Client.GetAsync($"odata/Hubs?$deltatoken={before - 1}")).Dispose();
        await using (var shell = await SqliteShell.HoldAsync(_node.Store.RegistryPath))
        {
            var clock = Stopwatch.StartNew();
            var patch = writer.SendAsync(Patch(3, "never written"));
            var post = writer.SendAsync(new HttpRequestMessage(HttpMethod.Post, "odata/Hubs")
            {
                Content = new StringContent("{\"Name\": \"Hub written under a lock\", \"CountryCode\": \"SI\", \"TypeId\": 1}", Encoding.UTF8, "application/json"),
            });
            // Reads keep working while the write waits (WAL): an OData entity, a SPARQL count, an OData delta link.
            var reads = new List<double>();
            while (!patch.IsCompleted)
            {
                var read = Stopwatch.StartNew();
                using var odata = await _node.Client.GetAsync("odata/Hubs(3)?$select=Id,Description");
                using var sparql = await _node.Client.GetAsync(Support.LimitedNode.Sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s a ?t }"));
                using var delta = await _node.Client.GetAsync($"odata/Hubs?$deltatoken={before - 1}");
                Assert.Equal(HttpStatusCode.OK, odata.StatusCode);
                Assert.Equal(HttpStatusCode.OK, sparql.StatusCode);
                Assert.Equal(HttpStatusCode.OK, delta.StatusCode);
                reads.Add(read.Elapsed.TotalMilliseconds);
                await Task.Delay(100);
            }
            using var refused = await patch;
            double seconds = clock.Elapsed.TotalSeconds;
            using var refusedPost = await post;
            double postSeconds = clock.Elapsed.TotalSeconds;
            string text = await refused.Content.ReadAsStringAsync();
            _output.WriteLine($"PATCH while sqlite3 held the lock: {(int)refused.StatusCode} after {seconds:F2} s, Retry-After {refused.Headers.RetryAfter}: {text}");
            _output.WriteLine($"POST sent at the same time: {(int)refusedPost.StatusCode} after {postSeconds:F2} s");
            _output.WriteLine($"{reads.Count} rounds of OData + SPARQL + delta reads meanwhile, all 200, median {reads.Order().ElementAt(reads.Count / 2):F0} ms, max {reads.Max():F0} ms");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refusedPost.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(DatabaseBusy.RetryAfterSeconds), refused.Headers.RetryAfter?.Delta);
            Assert.Contains("the database is locked by another process", text);
            Assert.Contains("DatabaseLocked", text);
            // Both writes are refused within the budget from their call plus at most one 1 s try: the one queued
            // behind the other in the node does not wait a second budget.
            Assert.InRange(seconds, s_lockWait.TotalSeconds - 1.1, s_lockWait.TotalSeconds + 2);
            Assert.InRange(postSeconds, s_lockWait.TotalSeconds - 1.1, s_lockWait.TotalSeconds + 2);
            Assert.True(reads.Count >= 3, $"only {reads.Count} reads");
        }
        Assert.Equal(before, _node.Store.Registry.LastSequence);
        Assert.Equal(description, Description(3));
        AssertConsistent("after the refusal");

        using var resent = await writer.SendAsync(Patch(3, "written once the lock went"));
        Assert.True(resent.IsSuccessStatusCode, await resent.Content.ReadAsStringAsync());
        Assert.Equal("written once the lock went", Description(3));
        Assert.Equal(before + 1, _node.Store.Registry.LastSequence);
        AssertConsistent("after the resend");
    }

    [SkippableFact]
    public async Task SparqlUpdateAndGraphStoreWritesNeverWaitAndTheRdfFileCannotBeLocked()
    {
        Skip.IfNot(SqliteShell.Available, "no sqlite3 shell on the PATH");
        using var writer = _node.WriterClient();
        var (rdfShell, error) = await SqliteShell.TryHoldAsync(_node.Store.Rdf.FilePath);
        if (rdfShell is not null) await rdfShell.DisposeAsync();
        _output.WriteLine($"sqlite3 on the RDF store file: {error}");
        Assert.Null(rdfShell);
        Assert.Contains("database is locked", error);

        await using var shell = await SqliteShell.HoldAsync(_node.Store.RegistryPath);
        var clock = Stopwatch.StartNew();
        using var update = await writer.PostAsync("sparql/update", new StringContent(
            "INSERT DATA { GRAPH <http://example.org/busy> { <http://example.org/a> <http://example.org/p> \"during a registry lock\" } }", Encoding.UTF8, "application/sparql-update"));
        double updateMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        using var put = await writer.PutAsync("graph-store?graph=" + Uri.EscapeDataString("http://example.org/busy2"),
            new StringContent("<http://example.org/b> <http://example.org/p> 1 .", Encoding.UTF8, "text/turtle"));
        double putMs = clock.Elapsed.TotalMilliseconds;
        _output.WriteLine($"while sqlite3 held the registry's lock: SPARQL Update {(int)update.StatusCode} in {updateMs:F0} ms, Graph Store PUT {(int)put.StatusCode} in {putMs:F0} ms");
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.True(updateMs < 1000 && putMs < 1000, "an RDF write waited for the registry's lock");
    }

    [SkippableFact]
    public async Task AReplicationBatchUnderTheLockIsRefusedWholeAndAppliesOnceTheLockGoes()
    {
        Skip.IfNot(SqliteShell.Available, "no sqlite3 shell on the PATH");
        var registry = _node.Store.Registry;
        HubRecord record;
        using (var context = _node.Store.NewContext())
            record = HubMapping.ToRecord(HubRegistry.LoadHubs(context).AsNoTracking().OrderBy(h => h.Id).First());
        string iri = "http://peer.example/hub/busy-1";
        var peerHub = record with { Iri = Iri.FromTrusted(iri), Key = "busy-1", Name = "A peer's hub" };
        long before = registry.LastSequence;

        await using (var shell = await SqliteShell.HoldAsync(_node.Store.RegistryPath))
        {
            var clock = Stopwatch.StartNew();
            var refused = await Assert.ThrowsAsync<DatabaseLockedException>(() => registry.ApplyPeerSnapshotAsync("busy-peer", 7, [new PeerHubChange(7, iri, peerHub)]));
            _output.WriteLine($"peer snapshot under the lock: refused after {clock.Elapsed.TotalSeconds:F2} s: {refused.Message}");
            Assert.Null(registry.PeerApplied("busy-peer")); // the cursor did not move: the subscriber resumes from where it was
            Assert.Equal(before, registry.LastSequence);
        }
        var report = await registry.ApplyPeerSnapshotAsync("busy-peer", 7, [new PeerHubChange(7, iri, peerHub)]);
        Assert.Equal(1, report.Upserted);
        Assert.Equal(7, registry.PeerApplied("busy-peer"));
        Assert.Equal(before + 1, registry.LastSequence);
        using (var context = _node.Store.NewContext())
        {
            int own = context.Hubs.Count(h => h.Origin == "");
            var (registryCount, sparql, feed) = NodeCounts.Hubs(_node.Store);
            Assert.Equal(own, sparql);
            Assert.Equal(registryCount, feed);
            Assert.Equal(own + 1, registryCount);
        }
        await registry.ApplyPeerSnapshotAsync("busy-peer", 8, []); // the peer's hub goes again: the other tests count own hubs
        AssertConsistent("after the peer's hub went");
    }
}
