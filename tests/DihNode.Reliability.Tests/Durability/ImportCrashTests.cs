using System.Diagnostics;
using DihNode.Node.Registry;
using DihNode.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace DihNode.Reliability.Tests.Durability;

/// <summary>
/// Issue 11 items 12 and 14: <c>dihnode import --batch</c> of a generated template CSV is killed
/// (SIGKILL) at random points. After each kill: both SQLite files pass <c>PRAGMA integrity_check</c>,
/// every acknowledged batch is there, the hubs present are exactly whole batches (no half batch), and
/// once the node reopens the registry, SPARQL and the change feed count the same hubs (a kill between
/// the registry commit and the RDF projection is repaired at open). Running the import again resumes:
/// the batches already in are unchanged. Bounded: 1,000 hubs in batches of 50 with 3 kills;
/// <c>DIHNODE_LONG_TESTS=1</c>: 10,000 hubs in batches of 250 with 20 kills.
/// </summary>
public sealed class ImportCrashTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] s_countries = ["SI", "AT", "FR", "DE", "PL", "ES", "IT", "NL", "BE", "PT"];

    private readonly string _dir = Directory.CreateTempSubdirectory("dihnode-import-crash-").FullName;

    private string Db => Path.Combine(_dir, "node.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
    }

    private string WriteCsv(int hubs)
    {
        string path = Path.Combine(_dir, "hubs.csv");
        using var writer = new StreamWriter(path);
        writer.Write("id,name,title,type,country,street,postcode,city,website,description,sectors,services,technologies\n");
        for (int i = 0; i < hubs; i++)
            writer.Write($"gen-{i:D5},Generated hub {i},,DIH,{s_countries[i % s_countries.Length]},Street {i},{1000 + i % 9000},City {i % 97},https://hub{i}.example.org,Hub number {i},Energy={1 + i % 5},,\n");
        return path;
    }

    /// <summary>Runs the import; kills it once <paramref name="killAfter"/> batches were acknowledged. Returns the acknowledged batches and its output.</summary>
    private static async Task<(int Acknowledged, bool Killed, string Output)> RunImport(string db, string csv, int batch, int? killAfter)
    {
        using var process = Process.Start(Dihnode.Start(["import", "--db", db, "--format", "csv", "--batch", batch.ToString(System.Globalization.CultureInfo.InvariantCulture), csv]))!;
        var errors = process.StandardError.ReadToEndAsync();
        int acknowledged = 0;
        bool killed = false;
        var lines = new List<string>();
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync()) is not null)
        {
            lines.Add(line);
            if (!line.StartsWith("committed batch ", StringComparison.Ordinal)) continue;
            acknowledged++;
            if (killAfter is { } k && !killed && acknowledged >= k && !process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                killed = true;
            }
        }
        await process.WaitForExitAsync();
        string all = string.Join("\n", lines) + "\n" + await errors;
        if (!killed) Assert.True(process.ExitCode == 0, all);
        return (acknowledged, killed, all);
    }

    [Fact]
    public async Task KilledBatchedImportsKeepWholeBatchesAndResume()
    {
        bool full = TestEnvironment.Long;
        int hubs = full ? 10_000 : 1_000, batch = full ? 250 : 50, kills = full ? 20 : 3;
        string csv = WriteCsv(hubs);
        // The template importer keys a hub by its country and id (csv/si-gen-00000).
        var expectedOrder = Enumerable.Range(0, hubs).Select(i => $"csv/{s_countries[i % s_countries.Length].ToLowerInvariant()}-gen-{i:D5}").ToList();
        var random = new Random(20261125);
        int batches = hubs / batch, stored = 0, killed = 0;
        var clock = Stopwatch.StartNew();
        for (int round = 0; round < kills + 5 && (killed < kills || stored < hubs); round++)
        {
            // A resumed import acknowledges the batches already in (unchanged) first: the kill lands among the
            // batches still to import, spread so that the kills cover the whole file.
            int done = stored / batch, left = batches - done;
            int? killAfter = killed < kills && left > 1 ? done + random.Next(1, Math.Max(2, Math.Min(left, 2 * left / (kills - killed)))) : null;
            var (acknowledged, wasKilled, text) = await RunImport(Db, csv, batch, killAfter);
            if (wasKilled) killed++;

            Assert.Equal("ok", NodeCounts.IntegrityCheck(Db));
            Assert.Equal("ok", NodeCounts.IntegrityCheck(NodeStore.RdfPath(Db)));
            var present = NodeCounts.Identifiers(Db);
            // Whole batches, in file order: the hubs present are exactly the first k batches.
            Assert.True(present.Count % batch == 0, $"round {round}: {present.Count} hubs is not a whole number of batches of {batch}");
            Assert.True(present.SetEquals(expectedOrder.Take(present.Count)), $"round {round}: the hubs present are not the first {present.Count} rows");
            Assert.True(present.Count >= Math.Min(hubs, acknowledged * batch), $"round {round}: an acknowledged batch is missing");
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            using (var store = NodeStore.Open(Db))
            {
                var counts = NodeCounts.Hubs(store);
                Assert.True(counts.Registry == counts.Sparql && counts.Sparql == counts.Feed, $"round {round}: registry {counts.Registry}, SPARQL {counts.Sparql}, change feed {counts.Feed}");
                Assert.Equal(present.Count, counts.Registry);
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            output.WriteLine($"round {round}: {(wasKilled ? "killed" : "finished")} after {acknowledged} acknowledged batches; {present.Count} hubs stored; integrity ok; counts agree");
            stored = present.Count;
        }
        Assert.Equal(kills, killed);
        Assert.Equal(hubs, stored);

        // Running the whole import again changes nothing.
        var (_, _, again) = await RunImport(Db, csv, batch, null);
        Assert.Contains($"imported 0, updated 0, unchanged {hubs}, rejected 0", again);
        using (var store = NodeStore.Open(Db))
            Assert.Equal((hubs, hubs, hubs), NodeCounts.Hubs(store));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        output.WriteLine($"{hubs} hubs, batches of {batch}, {killed} kills, resumed and re-run idempotently in {clock.Elapsed.TotalSeconds:F1} s");
    }
}
