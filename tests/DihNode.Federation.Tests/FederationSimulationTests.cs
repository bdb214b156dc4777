using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using DihNode.Node.Registry;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace DihNode.Federation.Tests;

/// <summary>
/// Many national nodes in one process (each a real node: its own registry, RDF store, Kestrel on two loopback
/// ports, its own base IRI) and one aggregator subscribed to all of them. The aggregator bootstraps the union,
/// then every node writes at once while the aggregator follows; the test measures when each write becomes
/// visible at the aggregator (its registry commit that records the peer's applied sequence, after which the
/// RDF projection is done) and asserts the aggregator keeps up: every change arrives, the backlog drains, and
/// the union is exact at the end. 10 nodes by default; <c>DIHNODE_LONG_TESTS=1</c> runs 50
/// (<c>DIHNODE_SIM_NODES=N</c> sets another count).
/// </summary>
public sealed class FederationSimulationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TheAggregatorKeepsUpWithManyNodesWritingAtOnce()
    {
        bool longRun = Environment.GetEnvironmentVariable("DIHNODE_LONG_TESTS") == "1";
        int count = int.TryParse(Environment.GetEnvironmentVariable("DIHNODE_SIM_NODES"), CultureInfo.InvariantCulture, out int n) && n > 0 ? n : longRun ? 50 : 10;
        const int writesPerNode = 20;
        var interval = TimeSpan.FromMilliseconds(longRun ? 1000 : 100);
        string[] countries = ["ES", "IT", "DE", "FR", "PT", "NL", "BE", "PL", "AT", "SE", "FI", "DK", "IE", "CZ", "HU", "RO", "BG", "EL", "HR", "SI", "SK", "LT", "LV", "EE", "LU", "MT", "CY"];

        var clock = Stopwatch.StartNew();
        var nodes = Enumerable.Range(0, count)
            .Select(i => TestNode.National($"n{i:D2}", countries[i % countries.Length], $"https://n{i:D2}.example.org")).ToList();
        var agg = TestNode.Empty("eu").AsAggregator();
        try
        {
            foreach (var node in nodes) TestNode.Link(agg, node);
            foreach (var node in nodes) node.Start();
            var union = nodes.SelectMany(x => x.HubIris()).ToHashSet(StringComparer.Ordinal);
            output.WriteLine($"{count} nodes with {union.Count} hubs ready in {clock.ElapsedMilliseconds} ms (templates imported, servers started)");

            // Visibility: on each aggregator commit, read every peer's applied sequence in one query.
            var pending = new ConcurrentDictionary<(string Peer, long Sequence), long>();
            var lags = new ConcurrentBag<double>();
            var applied = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
            void Observe()
            {
                long now = Stopwatch.GetTimestamp();
                using var context = agg.Store.NewContext();
                foreach (var row in context.Settings.AsNoTracking().Where(s => s.Key.StartsWith("peer/") && s.Key.EndsWith("/applied")).ToList())
                    applied[row.Key.Split('/')[1]] = long.Parse(row.Value, CultureInfo.InvariantCulture);
                foreach (var key in pending.Keys)
                    if (applied.TryGetValue(key.Peer, out long a) && a >= key.Sequence && pending.TryRemove(key, out long written))
                        lags.Add(Stopwatch.GetElapsedTime(written, now).TotalMilliseconds);
            }

            var bootstrap = Stopwatch.StartNew();
            agg.Start();
            agg.Store.Registry.Committed += _ => Observe();
            Assert.True(await TestNode.WaitUntil(() => agg.HubIris().Count == union.Count, TimeSpan.FromSeconds(longRun ? 300 : 90)), $"the aggregator did not bootstrap the union of {count} nodes");
            double bootstrapSeconds = bootstrap.Elapsed.TotalSeconds;
            output.WriteLine($"bootstrap: {union.Count} hubs from {count} nodes in {bootstrapSeconds:F1} s ({union.Count / bootstrapSeconds:F0} hubs/s)");

            // Every node renames its hubs in turn, all nodes at once.
            var load = Stopwatch.StartNew();
            await Task.WhenAll(nodes.Select(async node =>
            {
                var iris = node.HubIris().Order().ToList();
                for (int i = 0; i < writesPerNode; i++)
                {
                    string iri = iris[i % iris.Count];
                    var record = ReplicationTests.Record(node, iri) with { Name = $"Sim {node.Name} {i}" };
                    await node.Store.Registry.UpsertAsync(record);
                    pending[(node.Name, node.Store.Registry.LastSequence)] = Stopwatch.GetTimestamp();
                    await Task.Delay(interval);
                }
            }));
            double writeSeconds = load.Elapsed.TotalSeconds;
            int total = count * writesPerNode;
            Assert.True(await TestNode.WaitUntil(() => { Observe(); return pending.IsEmpty; }, TimeSpan.FromSeconds(30)), $"{pending.Count} of {total} changes never became visible");
            double drained = load.Elapsed.TotalSeconds - writeSeconds;

            var sorted = lags.Order().ToList();
            double Percentile(double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
            output.WriteLine($"load: {total} changes from {count} nodes in {writeSeconds:F1} s ({total / writeSeconds:F0} changes/s offered); backlog drained {drained * 1000:F0} ms after the last write");
            output.WriteLine($"change-to-visible at the aggregator: median {Percentile(0.5):F0} ms, p90 {Percentile(0.9):F0} ms, p99 {Percentile(0.99):F0} ms, max {sorted[^1]:F0} ms");

            Assert.Equal(total, sorted.Count);
            output.WriteLine($"machine load average while running: {LoadAverage()}");
            Assert.True(Percentile(0.5) < (longRun ? 5000 : 2000), $"median lag {Percentile(0.5):F0} ms");
            Assert.True(drained < 10, $"the backlog took {drained:F1} s to drain after the writes stopped");
            // Exactly the union, each change once: the aggregator's feed holds each peer's snapshot plus its writes.
            Assert.True(agg.HubIris().SetEquals(union));
            foreach (var node in nodes)
            {
                Assert.Equal(node.Store.Registry.LastSequence, agg.Store.Registry.PeerApplied(node.Name));
                using var context = agg.Store.NewContext();
                Assert.Equal(node.HubIris().Count + writesPerNode, context.Changes.Count(c => c.Origin == node.Name));
            }
        }
        finally
        {
            await agg.DisposeAsync();
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    private static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Trim(); } catch (IOException) { return "unknown"; } catch (UnauthorizedAccessException) { return "unknown"; }
    }
}
