using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using DihNode.Node.Hosting;
using DihNode.Node.Registry;
using DihNode.Rdf.Model;
using DihNode.Rdf.Store;
using DihNode.Reliability.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace DihNode.Reliability.Tests.Soak;

/// <summary>The soak node: room for every client at once (the cap is tested elsewhere); default budgets (each client has its own address).</summary>
public sealed class SoakNode() : LimitedNode(o => new NodeOptions
{
    Database = o.Database,
    Urls = o.Urls,
    ApiKey = o.ApiKey,
    MaxConcurrentQueries = 64,
});

/// <summary>
/// Issue 11 item 5: concurrent query clients (each from its own loopback address) and writers (Graph
/// Store POSTs, SPARQL updates, registry upserts) for 25 s (10 minutes with <c>DIHNODE_LONG_TESTS=1</c>):
/// no 5xx, every acknowledged write present afterwards, latency percentiles printed.
/// </summary>
public sealed class SoakTests(SoakNode node, ITestOutputHelper output) : IClassFixture<SoakNode>
{
    private static readonly string[] s_queries =
    [
        "SELECT (COUNT(*) AS ?n) WHERE { ?h a <https://w3id.org/dihnode/ns#Hub> }",
        "SELECT ?h ?name WHERE { ?h a <https://w3id.org/dihnode/ns#Hub> ; <http://xmlns.com/foaf/0.1/name> ?name } ORDER BY ?name LIMIT 20",
        "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) LIMIT 10",
        "SELECT ?s WHERE { ?s ?p ?o FILTER(CONTAINS(STR(?o), \"Digital\")) } LIMIT 50",
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 200",
        "ASK { ?s ?p ?o }",
    ];

    [Fact]
    public async Task ConcurrentReadersAndWritersSeeNoServerErrorAndLoseNoWrite()
    {
        bool full = TestEnvironment.Long;
        TimeSpan duration = full ? TimeSpan.FromMinutes(10) : TimeSpan.FromSeconds(25);
        int readers = full ? 50 : 16;
        var latencies = new ConcurrentBag<double>();
        var statuses = new ConcurrentDictionary<int, int>();
        using var stop = new CancellationTokenSource(duration);

        var readerTasks = Enumerable.Range(0, readers).Select(i => Task.Run(() => Reader(i, latencies, statuses, stop.Token))).ToList();
        var gsp = Task.Run(() => GraphStoreWriter(statuses, stop.Token));
        var update = Task.Run(() => UpdateWriter(statuses, stop.Token));
        var registry = Task.Run(() => RegistryWriter(stop.Token));
        await Task.WhenAll(readerTasks);
        var gspAcknowledged = await gsp;
        var updateAcknowledged = await update;
        var registryAcknowledged = await registry;

        var sorted = latencies.Order().ToList();
        double P(double q) => sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
        output.WriteLine($"{duration.TotalSeconds:F0} s, {readers} query clients + 3 writers: {sorted.Count} queries ({sorted.Count / duration.TotalSeconds:F0}/s), "
            + $"latency p50 {P(0.50):F1} ms, p95 {P(0.95):F1} ms, p99 {P(0.99):F1} ms, max {sorted[^1]:F1} ms");
        output.WriteLine("statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x{s.Value}")));
        output.WriteLine($"acknowledged writes: {gspAcknowledged.Count} Graph Store POSTs, {updateAcknowledged.Count} SPARQL updates, {registryAcknowledged.Count} registry upserts");

        Assert.DoesNotContain(statuses.Keys, s => s >= 500);
        Assert.True(sorted.Count > readers * 10, $"only {sorted.Count} queries");
        // Every acknowledged write is there.
        var snapshot = node.Store.Rdf.Snapshot();
        foreach (int i in gspAcknowledged) Assert.True(Has(snapshot, $"http://example.org/soak/gsp/{i}"), $"Graph Store write {i} lost");
        foreach (int i in updateAcknowledged) Assert.True(Has(snapshot, $"http://example.org/soak/update/{i}"), $"update {i} lost");
        using var context = node.Store.NewContext();
        // Each hub the registry writer touched holds the last name it was acknowledged with.
        foreach (var iri in registryAcknowledged.Select(r => r.Iri).Distinct())
            Assert.Equal(registryAcknowledged.Last(r => r.Iri == iri).Name, context.Hubs.Single(h => h.Iri == iri).Name);
        var counts = Durability.NodeCounts.Hubs(node.Store);
        Assert.True(counts.Registry == counts.Sparql && counts.Sparql == counts.Feed, counts.ToString());
    }

    private static bool Has(IQuadStore snapshot, string subject) =>
        snapshot.TryGetId(Iri.FromTrusted(subject), out int s) && snapshot.Count(QuadPattern.InAllGraphs(s)) > 0;

    private async Task Reader(int index, ConcurrentBag<double> latencies, ConcurrentDictionary<int, int> statuses, CancellationToken stop)
    {
        using var client = LoopbackClient.From(node.BaseAddress, $"127.0.1.{index + 1}");
        var random = new Random(index);
        while (!stop.IsCancellationRequested)
        {
            string path = random.Next(5) == 0
                ? "hub/edih2025/pl-edih-re-d" + (random.Next(2) == 0 ? ".ttl" : "")
                : LimitedNode.Sparql(s_queries[random.Next(s_queries.Length)]);
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync(path, CancellationToken.None);
            await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
        }
    }

    private async Task<List<int>> GraphStoreWriter(ConcurrentDictionary<int, int> statuses, CancellationToken stop)
    {
        using var client = LoopbackClient.From(node.BaseAddress, "127.0.2.1", DihNode.Node.Tests.Server.NodeFixture.ApiKey);
        var acknowledged = new List<int>();
        for (int i = 0; !stop.IsCancellationRequested; i++)
        {
            string turtle = $"<http://example.org/soak/gsp/{i}> <http://example.org/p> \"{i}\" .";
            using var response = await client.PostAsync("graph-store?graph=" + Uri.EscapeDataString($"http://example.org/soak/g{i % 7}"),
                new StringContent(turtle, Encoding.UTF8, "text/turtle"), CancellationToken.None);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            if (response.IsSuccessStatusCode) acknowledged.Add(i);
        }
        return acknowledged;
    }

    private async Task<List<int>> UpdateWriter(ConcurrentDictionary<int, int> statuses, CancellationToken stop)
    {
        using var client = LoopbackClient.From(node.BaseAddress, "127.0.2.2", DihNode.Node.Tests.Server.NodeFixture.ApiKey);
        var acknowledged = new List<int>();
        for (int i = 0; !stop.IsCancellationRequested; i++)
        {
            string update = $"INSERT DATA {{ GRAPH <http://example.org/soak/u> {{ <http://example.org/soak/update/{i}> <http://example.org/p> {i} }} }}";
            if (i % 5 == 4) update += $" ; DELETE DATA {{ GRAPH <http://example.org/soak/u> {{ <http://example.org/soak/gone/{i}> <http://example.org/p> 1 }} }}";
            using var response = await client.PostAsync("sparql/update", new StringContent(update, Encoding.UTF8, "application/sparql-update"), CancellationToken.None);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            if (response.IsSuccessStatusCode) acknowledged.Add(i);
        }
        return acknowledged;
    }

    private async Task<List<(string Iri, string Name)>> RegistryWriter(CancellationToken stop)
    {
        List<DihNode.Vocab.Profile.HubRecord> records;
        using (var context = node.Store.NewContext())
            records = HubRegistry.LoadHubs(context).AsNoTracking().OrderBy(h => h.Id).Take(5).AsEnumerable().Select(HubMapping.ToRecord).ToList();
        var acknowledged = new List<(string, string)>();
        for (int i = 0; !stop.IsCancellationRequested; i++)
        {
            var record = records[i % records.Count];
            string name = $"{record.Name} (soak {i.ToString(CultureInfo.InvariantCulture)})";
            await node.Store.Registry.UpsertAsync(record with { Name = name });
            acknowledged.Add((record.Iri!.Value, name));
            await Task.Delay(50, CancellationToken.None);
        }
        return acknowledged;
    }
}
