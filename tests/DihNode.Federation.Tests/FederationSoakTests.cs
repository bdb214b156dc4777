using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using DihNode.Federation.Tests.Soak;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace DihNode.Federation.Tests;

/// <summary>
/// Issue 11, item 5 (the federation part): two national nodes with a writer each and an aggregator
/// replicating both, while query clients (each from its own loopback address, so each has its own budget)
/// read the three nodes over HTTP. Bounded to 20 s; <c>DIHNODE_LONG_TESTS=1</c> runs 2 minutes.
/// </summary>
public sealed class FederationSoakTests(ITestOutputHelper output)
{
    private const int QueryClients = 6;

    private static readonly string[] s_queries =
    [
        "SELECT (COUNT(*) AS ?n) WHERE { ?h a <https://w3id.org/dihnode/ns#Hub> }",
        "SELECT ?h ?name WHERE { ?h <http://www.w3.org/2004/02/skos/core#prefLabel> ?name } ORDER BY ?name LIMIT 50",
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    ];

    [Fact]
    public async Task WritersReplicationAndQueryClientsTogetherGiveNoServerErrorAndLoseNoWrite()
    {
        var duration = Environment.GetEnvironmentVariable("DIHNODE_LONG_TESTS") == "1" ? TimeSpan.FromMinutes(2) : TimeSpan.FromSeconds(20);
        await using var es = TestNode.National("es", "ES");
        await using var it = TestNode.National("it", "IT");
        await using var agg = TestNode.Empty("eu").AsAggregator();
        TestNode.Link(agg, es);
        TestNode.Link(agg, it);
        es.Start();
        it.Start();
        agg.Start();
        Assert.True(await TestNode.WaitUntil(() => agg.HubIris().Count == es.HubIris("").Count + it.HubIris("").Count, TimeSpan.FromSeconds(30)));

        using var stop = new CancellationTokenSource(duration);
        var written = new ConcurrentDictionary<string, string>(); // hub IRI -> last acknowledged name
        int writes = 0;
        async Task Writer(TestNode node)
        {
            var hubs = node.HubIris("").Order().ToList();
            for (int i = 0; !stop.IsCancellationRequested; i++)
            {
                string iri = hubs[i % hubs.Count], name = $"Soak {node.Name} {i}";
                await node.Store.Registry.UpsertAsync(ReplicationTests.Record(node, iri) with { Name = name });
                written[iri] = name;
                Interlocked.Increment(ref writes);
                await Task.Delay(10);
            }
        }

        var latencies = new ConcurrentBag<double>();
        var statuses = new ConcurrentDictionary<int, int>();
        var failures = new ConcurrentBag<string>();
        async Task Reader(int client)
        {
            using var http = LoopbackHttp.From(agg.WebUrl, $"127.0.0.{10 + client}");
            var nodes = new[] { agg, es, it };
            for (int i = 0; !stop.IsCancellationRequested; i++)
            {
                var node = nodes[(client + i) % nodes.Length];
                var uri = new Uri(node.WebUrl, "sparql?format=csv&query=" + Uri.EscapeDataString(s_queries[i % s_queries.Length]));
                var clock = Stopwatch.StartNew();
                try
                {
                    using var response = await http.GetAsync(uri, CancellationToken.None);
                    await response.Content.ReadAsStringAsync(CancellationToken.None);
                    latencies.Add(clock.Elapsed.TotalMilliseconds);
                    statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                }
                catch (HttpRequestException e)
                {
                    failures.Add($"{node.Name}: {e.Message}");
                }
            }
        }

        var clock = Stopwatch.StartNew();
        await Task.WhenAll([Writer(es), Writer(it), .. Enumerable.Range(0, QueryClients).Select(Reader)]);
        double seconds = clock.Elapsed.TotalSeconds;

        // The aggregator catches up with both publishers and holds every acknowledged write's last value.
        bool converged = await TestNode.WaitUntil(() =>
            agg.Store.Registry.PeerApplied("es") == es.Store.Registry.LastSequence && agg.Store.Registry.PeerApplied("it") == it.Store.Registry.LastSequence,
            TimeSpan.FromSeconds(20));
        var names = Names(agg);
        int lost = written.Count(w => !names.TryGetValue(w.Key, out var n) || n != w.Value);
        var sorted = latencies.Order().ToList();
        double P(double q) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
        output.WriteLine($"{seconds:F0} s: {writes} writes at 2 publishers ({written.Count} hubs), {sorted.Count} queries ({sorted.Count / seconds:F0}/s) from {QueryClients} clients; " +
            $"statuses {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}; transport failures {failures.Count}; " +
            $"latency p50 {P(0.5):F0} ms, p95 {P(0.95):F0} ms, p99 {P(0.99):F0} ms, max {P(1):F0} ms; lost writes at the aggregator {lost}");
        Assert.True(converged, "the aggregator did not catch up within 20 s of the end");
        Assert.Empty(failures);
        Assert.Equal([200], statuses.Keys);
        Assert.True(sorted.Count > 50 && writes > 100, "the soak did too little to count");
        Assert.Equal(0, lost);
        Assert.Equal(Names(es).Concat(Names(it)).OrderBy(p => p.Key), names.OrderBy(p => p.Key));
    }

    private static Dictionary<string, string> Names(TestNode node)
    {
        using var context = node.Store.NewContext();
        return context.Hubs.AsNoTracking().Where(h => node.Aggregator || h.Origin == "").ToDictionary(h => h.Iri, h => h.Name);
    }
}
