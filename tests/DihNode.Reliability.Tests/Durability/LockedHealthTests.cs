using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using DihNode.Node.Federation;
using DihNode.Node.Tests.Server;
using DihNode.Reliability.Tests.Support;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit.Abstractions;

namespace DihNode.Reliability.Tests.Durability;

/// <summary>
/// Issue 11 item 15, health on a locked database: while another process (a real <c>sqlite3</c> shell) holds
/// the registry's write lock, <c>/healthz</c> answers 503 with <c>"registry": "locked"</c> and the registry
/// check behind gRPC health (<see cref="RegistryHealthCheck"/>) is unhealthy (<c>NOT_SERVING</c>); both
/// are healthy again once the lock goes. The probe takes the node's own write turn first, so it never
/// makes the node's own writes fail.
/// </summary>
public sealed class LockedHealthTests(NodeFixture node, ITestOutputHelper output) : IClassFixture<NodeFixture>
{
    private async Task<(HttpStatusCode Status, JsonElement Json, double Ms)> Health()
    {
        var clock = Stopwatch.StartNew();
        using var response = await node.Client.GetAsync("healthz");
        string text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), clock.Elapsed.TotalMilliseconds);
    }

    [SkippableFact]
    public async Task HealthSaysLockedWhileAnotherProcessHoldsTheWriteLockAndHealthyAfter()
    {
        Skip.IfNot(SqliteShell.Available, "no sqlite3 shell on the PATH");
        var check = new RegistryHealthCheck(node.Store);
        var (status, json, ms) = await Health();
        output.WriteLine($"before: {(int)status} in {ms:F0} ms {json}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", json.GetProperty("registry").GetString());
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);

        await using (var shell = await SqliteShell.HoldAsync(node.Store.RegistryPath))
        {
            (status, json, ms) = await Health();
            output.WriteLine($"locked: {(int)status} in {ms:F0} ms {json}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("unavailable", json.GetProperty("status").GetString());
            Assert.Equal("locked", json.GetProperty("registry").GetString());
            Assert.Contains("another process", json.GetProperty("registryProblem").GetString());
            Assert.Equal(457, json.GetProperty("hubs").GetInt32()); // reads go on (WAL)
            Assert.InRange(ms, 900, 5000);

            var clock = Stopwatch.StartNew();
            var result = await check.CheckHealthAsync(new HealthCheckContext());
            output.WriteLine($"registry check (gRPC health): {result.Status} in {clock.Elapsed.TotalMilliseconds:F0} ms: {result.Description}");
            Assert.Equal(HealthStatus.Unhealthy, result.Status);
            Assert.Contains("another process holds the database's write lock", result.Description);
        }

        var back = Stopwatch.StartNew();
        (status, json, ms) = await Health();
        output.WriteLine($"after the lock went: {(int)status} in {ms:F0} ms {json}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", json.GetProperty("registry").GetString());
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
        output.WriteLine($"healthy again {back.Elapsed.TotalMilliseconds:F0} ms after the release");
    }

    [SkippableFact]
    public async Task AWriteWaitingForTheLockMakesHealthSayLockedAtOnce()
    {
        Skip.IfNot(SqliteShell.Available, "no sqlite3 shell on the PATH");
        node.Store.Registry.LockWait = TimeSpan.FromSeconds(4);
        using var writer = node.WriterClient();
        await using (var shell = await SqliteShell.HoldAsync(node.Store.RegistryPath))
        {
            var write = writer.SendAsync(new HttpRequestMessage(HttpMethod.Patch, "odata/Hubs(5)")
            {
                Content = new StringContent("{\"Description\": \"waits\"}", Encoding.UTF8, "application/json"),
            });
            await Task.Delay(500); // the write holds the node's write turn and waits for the lock
            var (status, json, ms) = await Health();
            output.WriteLine($"while the node's own write waits: {(int)status} in {ms:F0} ms {json.GetProperty("registryProblem")}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("locked", json.GetProperty("registry").GetString());
            using var refused = await write;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        }
    }

    [Fact]
    public async Task HealthProbesNeverMakeTheNodesOwnWritesFail()
    {
        node.Store.Registry.LockWait = TimeSpan.FromSeconds(10);
        using var writer = node.WriterClient();
        long before = node.Store.Registry.LastSequence;
        var writes = Enumerable.Range(0, 20).Select(i => writer.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"odata/Hubs({10 + i})")
        {
            Content = new StringContent($"{{\"Description\": \"written beside health probes {i}\"}}", Encoding.UTF8, "application/json"),
        })).ToList();
        var probes = Enumerable.Range(0, 10).Select(_ => Health()).ToList();
        var answers = await Task.WhenAll(writes);
        var health = await Task.WhenAll(probes);
        output.WriteLine($"20 writes: {string.Join(",", answers.Select(a => (int)a.StatusCode).Distinct())}; 10 probes: {string.Join(",", health.Select(h => (int)h.Status).Distinct())}, max {health.Max(h => h.Ms):F0} ms");
        Assert.All(answers, a => Assert.True(a.IsSuccessStatusCode));
        Assert.All(health, h => Assert.Equal(HttpStatusCode.OK, h.Status));
        Assert.Equal(before + 20, node.Store.Registry.LastSequence);
        foreach (var a in answers) a.Dispose();
    }
}
