using System.Globalization;
using DihNode.Node.Registry;
using DihNode.Node.Tests.Server;
using DihNode.Vocab.Import;
using DihNode.Vocab.Profile;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace DihNode.Reliability.Tests.Durability;

/// <summary>
/// Issue 11 items 12 to 14 on a copy of the EDIH node: startup durability settings, writes with the
/// same expected version, and a crash between the registry commit and the RDF projection.
/// </summary>
public sealed class ConsistencyTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dihnode-consistency-").FullName;

    private string Db => Path.Combine(_dir, "node.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
    }

    private void CopyTemplate()
    {
        foreach (string file in Directory.GetFiles(NodeFixture.TemplateFolder))
            File.Copy(file, Path.Combine(_dir, Path.GetFileName(file)));
    }

    private static HubRecord Record(NodeStore store, int index)
    {
        using var context = store.NewContext();
        return HubMapping.ToRecord(HubRegistry.LoadHubs(context).AsNoTracking().OrderBy(h => h.Id).Skip(index).First());
    }

    [Fact]
    public void StartupPutsTheRegistryInWalModeWithFullSynchronousCommits()
    {
        CopyTemplate();
        using var store = NodeStore.Open(Db);
        using var context = store.NewContext();
        context.Database.OpenConnection();
        var connection = context.Database.GetDbConnection();
        string Pragma(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture)!;
        }
        Assert.Equal("wal", Pragma("PRAGMA journal_mode"));
        Assert.Equal("2", Pragma("PRAGMA synchronous")); // FULL, on every connection the registry opens
        context.Database.CloseConnection();
    }

    [Fact]
    public async Task TwoWritesExpectingTheSameVersionOneSucceedsOneConflicts()
    {
        CopyTemplate();
        using var store = NodeStore.Open(Db);
        var record = Record(store, 3);
        long version;
        using (var context = store.NewContext()) version = context.Hubs.Single(h => h.Iri == record.Iri!.Value).Version;
        var first = Task.Run(() => store.Registry.UpsertAsync(record with { Name = "writer A" }, ifVersion: version));
        var second = Task.Run(() => store.Registry.UpsertAsync(record with { Name = "writer B" }, ifVersion: version));
        var outcomes = await Task.WhenAll(Outcome(first), Outcome(second));
        output.WriteLine("outcomes: " + string.Join(", ", outcomes));
        Assert.Single(outcomes, o => o.StartsWith("ok", StringComparison.Ordinal));
        Assert.Single(outcomes, o => o.StartsWith("conflict", StringComparison.Ordinal));
        using var check = store.NewContext();
        var hub = check.Hubs.Single(h => h.Iri == record.Iri!.Value);
        Assert.True(hub.Version > version);
        Assert.Contains(hub.Name, new[] { "writer A", "writer B" });
    }

    private static string? ProjectedMark(NodeStore store, string? _)
    {
        using var context = store.NewContext();
        return context.Settings.Find("rdf-projected-sequence")?.Value;
    }

    private static async Task<string> Outcome(Task<(HubWriteOutcome Outcome, long Version, int Id)> write)
    {
        try { return "ok v" + (await write).Version; }
        catch (HubVersionConflictException e) { return "conflict: " + e.Message; }
    }

    /// <summary>
    /// The RDF store is put back to its state before a write while the registry keeps the write, which is
    /// what a process killed between the two commits leaves behind; opening the node repairs the projection.
    /// </summary>
    [Fact]
    public async Task ACrashBetweenTheRegistryCommitAndTheProjectionIsRepairedAtOpen()
    {
        CopyTemplate();
        string rdf = NodeStore.RdfPath(Db);
        string before = Path.Combine(_dir, "before.rdf");
        (int, int, int) start;
        string? projected;
        using (var store = NodeStore.Open(Db))
        {
            start = NodeCounts.Hubs(store);
            Assert.Equal(start.Item1, start.Item2);
            projected = ProjectedMark(store, null);
        }
        SqliteConnection.ClearAllPools();
        foreach (string file in Directory.GetFiles(_dir, "node.db.rdf*")) File.Copy(file, before + file[rdf.Length..]);

        using (var store = NodeStore.Open(Db))
        {
            var record = Record(store, 0);
            await store.Registry.UpsertAsync(record with { Source = "csv", Key = "added-before-crash", Iri = null, SourceRecord = "1", Topics = [] });
            await store.Registry.UpsertAsync(record with { Source = "csv", Key = "added-before-crash-2", Iri = null, SourceRecord = "2", Topics = [] });
            Assert.True(await store.Registry.DeleteAsync(Record(store, 5).Iri!.Value));
        }
        SqliteConnection.ClearAllPools();
        // The crash: the projection's commits never happened (the RDF files as before the writes), and so
        // neither did the registry's note of how far the projection got, which is written after them.
        foreach (string file in Directory.GetFiles(_dir, "node.db.rdf*")) File.Delete(file);
        foreach (string file in Directory.GetFiles(_dir, "before.rdf*")) File.Move(file, rdf + file[before.Length..]);
        using (var registry = new SqliteConnection($"Data Source={Db};Pooling=False"))
        {
            registry.Open();
            using var command = registry.CreateCommand();
            command.CommandText = "UPDATE Settings SET Value = $v WHERE Key = 'rdf-projected-sequence'";
            command.Parameters.AddWithValue("$v", projected);
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        using (var store = NodeStore.Open(Db))
        {
            var counts = NodeCounts.Hubs(store);
            output.WriteLine($"before {start}; after the simulated crash and reopen {counts}");
            Assert.Equal(start.Item1 + 1, counts.Registry);
            Assert.Equal(counts.Registry, counts.Sparql);
            Assert.Equal(counts.Registry, counts.Feed);
        }
    }
}
