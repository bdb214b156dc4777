using System.Diagnostics;
using Xunit.Abstractions;
using DihNode.Rdf.Model;
using DihNode.Rdf.Store;
using DihNode.Rdf.Store.Sqlite;

namespace DihNode.Node.Tests.Store;

/// <summary>
/// A real child process (<c>dihnode load</c>, one commit per file and an acknowledgement line after
/// each) is killed at random points; the reopened store must hold every acknowledged batch, and each
/// batch completely or not at all.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output) : IDisposable
{
    private const int Batches = 300;
    // Batches big enough that each commit takes a while, so a kill lands mid-load even on a fast machine.
    private const int TriplesPerBatch = 400;

    private readonly string _dir = Directory.CreateTempSubdirectory("dihnode-crash-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
    }

    private string DbPath => Path.Combine(_dir, "store.db");

    private static string Subject(int batch) => $"http://example.org/batch/{batch}";

    /// <summary>Batch files: a third N-Quads into named graphs, a shared object, a blank node and a fresh literal per triple.</summary>
    private List<string> WriteBatches()
    {
        var paths = new List<string>();
        for (int i = 0; i < Batches; i++)
        {
            bool quads = i % 3 == 0;
            string graph = quads ? $" <http://example.org/graph/{i % 5}>" : "";
            var lines = new List<string>();
            for (int k = 0; k < TriplesPerBatch; k++)
            {
                string o = k switch
                {
                    0 => "<http://example.org/shared>",
                    1 => $"_:b{i}",
                    _ => $"\"batch {i} value {k}\"@en",
                };
                lines.Add($"<{Subject(i)}> <http://example.org/p{k}> {o}{graph} .");
            }
            string path = Path.Combine(_dir, $"batch-{i:D4}.{(quads ? "nq" : "nt")}");
            File.WriteAllLines(path, lines);
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>The dihnode built beside the tests, run with the same dotnet host.</summary>
    private static ProcessStartInfo Dihnode(IEnumerable<string> args)
    {
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dihnode.dll"));
        foreach (string a in args) start.ArgumentList.Add(a);
        return start;
    }

    /// <summary>
    /// Runs a load of <paramref name="files"/>; when <paramref name="killAfter"/> is given, kills it as soon
    /// as that many acknowledgements have been read (the child runs a little ahead of this reader, so it
    /// dies somewhere after that point, mid-load; on a fast machine a timer would let it finish first).
    /// Returns the acknowledged files.
    /// </summary>
    private static async Task<(List<string> Acknowledged, bool Killed)> RunLoad(string db, IReadOnlyList<string> files, int? killAfter)
    {
        using var process = Process.Start(Dihnode(["load", "--db", db, .. files]))!;
        var errors = process.StandardError.ReadToEndAsync();
        var acknowledged = new List<string>();
        bool killed = false;
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync()) is not null)
        {
            Assert.StartsWith("committed ", line);
            acknowledged.Add(line["committed ".Length..line.LastIndexOf(':')]);
            if (killAfter is { } k && !killed && acknowledged.Count >= k && !process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                killed = true;
            }
        }
        await process.WaitForExitAsync();
        if (!killed) Assert.True(process.ExitCode == 0, await errors);
        return (acknowledged, killed);
    }

    /// <summary>Subjects with the number of triples each has in the store; asserts the store opens cleanly.</summary>
    private Dictionary<int, int> Contents()
    {
        using var store = SqliteRdfStore.Open(DbPath, create: false);
        var snapshot = store.Snapshot();
        var counts = new Dictionary<int, int>();
        for (int i = 0; i < Batches; i++)
        {
            if (!snapshot.TryGetId(Iri.FromTrusted(Subject(i)), out int s)) continue;
            long n = snapshot.Count(QuadPattern.InAllGraphs(s));
            if (n > 0) counts[i] = (int)n;
        }
        return counts;
    }

    [Fact]
    public async Task KilledWritersLoseNoAcknowledgedBatchAndLeaveNoPartialOne()
    {
        var files = WriteBatches();
        var random = new Random(20261125);
        var acknowledged = new HashSet<int>();
        var remaining = Enumerable.Range(0, Batches).ToList();
        int kills = 0;
        for (int round = 0; remaining.Count > 0 && round < 8; round++)
        {
            // Killing rounds get a slice of the remaining batches, so each has its own chance to die
            // mid-load; the last rounds load whatever is left.
            int? killAfter = round < 6 ? random.Next(1, 20) : null;
            var slice = round < 6 ? remaining.Take(60) : remaining;
            var (acks, killed) = await RunLoad(DbPath, slice.Select(i => files[i]).ToList(), killAfter);
            if (killed) kills++;
            foreach (string path in acks) acknowledged.Add(files.IndexOf(path));

            var contents = Contents();
            foreach (var (batch, count) in contents) Assert.True(count == TriplesPerBatch, $"batch {batch} has {count} of {TriplesPerBatch} triples");
            foreach (int batch in acknowledged) Assert.True(contents.ContainsKey(batch), $"acknowledged batch {batch} is missing after round {round}");
            // At most the one commit in flight when the process died is stored without its acknowledgement.
            var acknowledgedNow = acks.Select(path => files.IndexOf(path)).ToHashSet();
            int silent = slice.Count(b => contents.ContainsKey(b) && !acknowledgedNow.Contains(b));
            Assert.True(silent <= (killed ? 1 : 0), $"{silent} batches stored without acknowledgement in round {round}");
            remaining = [.. remaining.Where(i => !contents.ContainsKey(i))];
            output.WriteLine($"round {round}: killed {killed} after {acks.Count} acknowledgements; {contents.Count} batches stored");
        }
        Assert.True(kills >= 3, $"only {kills} kills");
        Assert.Empty(remaining);
        var all = Contents();
        Assert.Equal(Batches, all.Count);
    }

    [Fact]
    public async Task AKilledBulkLoadIsStoredWholeOrNotAtAll()
    {
        const int Size = 40000;
        string big = Path.Combine(_dir, "big.nq");
        using (var writer = new StreamWriter(big))
        {
            for (int i = 0; i < Size; i++)
                writer.WriteLine($"<http://example.org/s{i}> <http://example.org/p{i % 10}> \"value {i}\"{(i % 3 == 0 ? $" <http://example.org/g{i % 4}>" : "")} .");
        }
        var random = new Random(11);
        var outcomes = new List<long>();
        for (int round = 0; round < 4; round++)
        {
            foreach (string f in Directory.GetFiles(_dir, "store.db*")) File.Delete(f);
            using (var process = Process.Start(Dihnode(["load", "--db", DbPath, big]))!)
            {
                var acknowledgement = process.StandardOutput.ReadToEndAsync();
                var errors = process.StandardError.ReadToEndAsync();
                bool exited = process.WaitForExit(random.Next(100, 1200));
                if (!exited) process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                await Task.WhenAll(acknowledgement, errors);
                if (!File.Exists(DbPath)) { outcomes.Add(-1); continue; }
                using var store = SqliteRdfStore.Open(DbPath, create: false);
                long count = store.Snapshot().Count(QuadPattern.InAllGraphs());
                Assert.True(count == 0 || count == Size, $"round {round}: {count} of {Size} quads stored");
                if ((await acknowledgement).StartsWith("committed ", StringComparison.Ordinal)) Assert.Equal(Size, count);
                outcomes.Add(count);
            }
        }
        output.WriteLine("bulk load outcomes: " + string.Join(", ", outcomes));
    }
}
