using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DihNode.Node.Registry;
using DihNode.Node.Tests.Server;
using DihNode.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace DihNode.Reliability.Tests.Durability;

/// <summary>
/// <c>--lock-wait SECONDS</c> (<see cref="HubRegistry.LockWait"/>, default 10 s) on <c>dihnode import</c> and
/// <c>dihnode serve</c>, run as real processes while a real <c>sqlite3</c> shell holds the registry's write lock
/// (<c>BEGIN IMMEDIATE</c>): the import gives up after the given time, not the default, with the lock's message,
/// exit 1 and nothing written; a lock released within the wait lets it finish; a lock taken between two
/// batches stops a batched import after the wait with the acknowledged batches in; a served write gets 503
/// after about the given time.
/// </summary>
public sealed partial class LockWaitTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dihnode-lock-wait-").FullName;

    private string Db => Path.Combine(_dir, "node.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
    }

    private string WriteCsv(string name, int first, int count)
    {
        string path = Path.Combine(_dir, name);
        var text = new StringBuilder("id,name,title,type,country,street,postcode,city,website,description,sectors,services,technologies\n");
        for (int i = first; i < first + count; i++)
            text.Append(CultureInfo.InvariantCulture, $"lw-{i:D5},Lock wait hub {i},,DIH,SI,Street {i},1000,Ljubljana,https://lw{i}.example.org,Hub {i},,,\n");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>Runs <c>dihnode</c> to the end: exit code, standard output and error, wall-clock seconds.</summary>
    private static async Task<(int Code, string Out, string Error, double Seconds)> Run(params string[] args)
    {
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(Dihnode.Start(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr, clock.Elapsed.TotalSeconds);
    }

    private int Hubs() => NodeCounts.Identifiers(Db).Count;

    [GeneratedRegex(@"waited (\d+\.\d) s for its write lock")]
    private static partial Regex Waited();

    [SkippableFact]
    public async Task AnImportUnderAForeignLockGivesUpAfterTheGivenWaitAndSucceedsWhenTheLockGoesInTime()
    {
        Skip.IfNot(SqliteShell.Available, "no sqlite3 shell on the PATH");
        var seeded = await Run("import", "--db", Db, "--format", "csv", WriteCsv("seed.csv", 0, 3));
        Assert.True(seeded.Code == 0, seeded.Error);
        string more = WriteCsv("more.csv", 3, 2);

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using (var shell = await SqliteShell.HoldAsync(Db))
        {
            var refused = await Run("import", "--db", Db, "--format", "csv", "--lock-wait", "2", more);
            double waited = double.Parse(Waited().Match(refused.Error).Groups[1].Value, CultureInfo.InvariantCulture);
            output.WriteLine($"import --lock-wait 2 under sqlite3's BEGIN IMMEDIATE: exit {refused.Code} after {refused.Seconds:F1} s (process), waited {waited:F1} s: {refused.Error.Trim()}");
            Assert.Equal(1, refused.Code);
            Assert.Contains("dihnode import: the database is locked by another process (waited ", refused.Error);
            Assert.Contains("nothing was written; retry in a moment (--lock-wait 2 s)", refused.Error);
            Assert.InRange(waited, 1.9, 3.0);
            Assert.True(refused.Seconds < 10, $"the import took {refused.Seconds:F1} s: the default wait, not --lock-wait 2");
        }
        Assert.Equal(3, Hubs()); // nothing written

        var shellAgain = await SqliteShell.HoldAsync(Db);
        var release = Task.Delay(TimeSpan.FromSeconds(1.5)).ContinueWith(_ => shellAgain.DisposeAsync().AsTask()).Unwrap();
        var passed = await Run("import", "--db", Db, "--format", "csv", "--lock-wait", "8", more);
        await release;
        output.WriteLine($"import --lock-wait 8 with the lock released after 1.5 s: exit {passed.Code} after {passed.Seconds:F1} s: {passed.Out.Split('\n')[0]}");
        Assert.True(passed.Code == 0, passed.Error);
        Assert.StartsWith("imported 2, updated 0, unchanged 0, rejected 0", passed.Out);
        Assert.Equal(5, Hubs());
        using var store = NodeStore.Open(Db);
        Assert.Equal((5, 5, 5), NodeCounts.Hubs(store));
    }

    [SkippableFact]
    public async Task ABatchedImportThatMeetsALockBetweenBatchesStopsAfterTheWaitWithWholeBatches()
    {
        Skip.IfNot(SqliteShell.Available, "no sqlite3 shell on the PATH");
        const int total = 2000, batch = 20;
        string csv = WriteCsv("many.csv", 0, total);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(Dihnode.Start(["import", "--db", Db, "--format", "csv", "--batch", batch.ToString(CultureInfo.InvariantCulture), "--lock-wait", "2", csv]))!;
        var stderr = process.StandardError.ReadToEndAsync();
        SqliteShell? shell = null;
        int acknowledged = 0, tries = 0;
        double lockedAt = 0;
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync()) is not null)
        {
            if (line.StartsWith("committed batch ", StringComparison.Ordinal)) acknowledged++;
            // After the second batch, take the lock between two of the importer's transactions (the shell waits no
            // time for it, so it is tried again while a batch is being written).
            while (shell is null && acknowledged >= 2 && !process.HasExited && tries < 200)
            {
                tries++;
                (shell, _) = await SqliteShell.TryHoldAsync(Db);
                lockedAt = clock.Elapsed.TotalSeconds;
            }
        }
        await process.WaitForExitAsync();
        double ended = clock.Elapsed.TotalSeconds;
        string error = await stderr;
        Assert.NotNull(shell);
        await shell.DisposeAsync();
        output.WriteLine($"batched import (batches of {batch}, --lock-wait 2): sqlite3 took the lock after {tries} tries at {lockedAt:F1} s; the import ended at {ended:F1} s with exit {process.ExitCode} after {acknowledged} acknowledged batches: {error.Trim()}");
        Assert.Equal(1, process.ExitCode);
        Assert.Contains("(--lock-wait 2 s); the batches acknowledged above are committed, running the import again resumes", error);
        double waited = double.Parse(Waited().Match(error).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(waited, 1.9, 3.0);
        Assert.True(acknowledged < total / batch, "the import finished before the lock was taken");
        int stored = Hubs();
        Assert.Equal(acknowledged * batch, stored); // whole batches: each acknowledged one, nothing of the refused one

        var resumed = await Run("import", "--db", Db, "--format", "csv", "--batch", batch.ToString(CultureInfo.InvariantCulture), csv);
        Assert.True(resumed.Code == 0, resumed.Error);
        Assert.Contains($"imported {total - stored}, updated 0, unchanged {stored}, rejected 0", resumed.Out);
        Assert.Equal(total, Hubs());
    }

    [SkippableFact]
    public async Task AServedWriteUnderAForeignLockIs503AfterTheGivenWait()
    {
        Skip.IfNot(SqliteShell.Available, "no sqlite3 shell on the PATH");
        foreach (string file in Directory.GetFiles(NodeFixture.TemplateFolder))
            File.Copy(file, Path.Combine(_dir, Path.GetFileName(file)));
        var start = Dihnode.Start(["serve", "--db", Db, "--urls", "http://127.0.0.1:0", "--api-key", NodeFixture.ApiKey, "--lock-wait", "2", "--stop-with-stdin"]);
        start.RedirectStandardInput = true;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            string? url = null;
            while (url is null && await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) is string line)
                if (line.StartsWith("dihnode listening on ", StringComparison.Ordinal)) url = line["dihnode listening on ".Length..].TrimEnd('/') + "/";
            if (url is null) Assert.Fail("the node did not start: " + await stderr);
            _ = process.StandardOutput.ReadToEndAsync();
            using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", NodeFixture.ApiKey);
            HttpRequestMessage Patch(string description) =>
                new(HttpMethod.Patch, "odata/Hubs(2)") { Content = new StringContent(JsonSerializer.Serialize(new { Description = description }), Encoding.UTF8, "application/json") };
            using (var warm = await client.SendAsync(Patch("before the lock")))
                Assert.True(warm.IsSuccessStatusCode, await warm.Content.ReadAsStringAsync());

            double seconds;
            string text;
            await using (var shell = await SqliteShell.HoldAsync(Db))
            {
                var clock = Stopwatch.StartNew();
                using var refused = await client.SendAsync(Patch("never written"));
                seconds = clock.Elapsed.TotalSeconds;
                text = await refused.Content.ReadAsStringAsync();
                output.WriteLine($"serve --lock-wait 2, PATCH under sqlite3's lock: {(int)refused.StatusCode} after {seconds:F2} s: {text}");
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            }
            Assert.Contains("the database is locked by another process", text);
            Assert.InRange(seconds, 1.9, 4.0); // 2 s, at most one 1 s try more; the default would be 10 s
            using var after = await client.SendAsync(Patch("after the lock"));
            Assert.True(after.IsSuccessStatusCode, await after.Content.ReadAsStringAsync());
        }
        finally
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(TimeSpan.FromSeconds(20))) process.Kill(entireProcessTree: true);
        }
        Assert.Equal(0, process.ExitCode);
    }
}
