using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using DihNode.Node.Tests.Server;
using DihNode.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace DihNode.Reliability.Tests.Durability;

public sealed class BusyDatabaseTests(NodeFixture node, ITestOutputHelper output) : IClassFixture<NodeFixture>
{
    [Fact]
    public async Task Today()
    {
        await using var shell = await SqliteShell.HoldAsync(node.Store.RegistryPath);
        using var writer = node.WriterClient();
        var clock = Stopwatch.StartNew();
        using var response = await writer.SendAsync(new HttpRequestMessage(HttpMethod.Patch, "odata/Hubs(1)") { Content = new StringContent("{\"Description\": \"changed\"}", Encoding.UTF8, "application/json") });
        output.WriteLine($"PATCH: {(int)response.StatusCode} after {clock.Elapsed.TotalSeconds:F2} s {await response.Content.ReadAsStringAsync()}");
        clock.Restart();
        using var read = await node.Client.GetAsync("odata/Hubs(1)?$select=Id");
        output.WriteLine($"GET: {(int)read.StatusCode} after {clock.Elapsed.TotalSeconds:F2} s");
        using var health = await node.Client.GetAsync("healthz");
        output.WriteLine($"healthz: {(int)health.StatusCode} {await health.Content.ReadAsStringAsync()}");
        var (rdf, err) = await SqliteShell.TryHoldAsync(node.Store.Rdf.FilePath);
        output.WriteLine($"rdf lock: {(rdf is null ? err : "held")}");
        if (rdf is not null) await rdf.DisposeAsync();
    }
}
