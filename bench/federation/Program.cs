using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DihNode.Federation;
using DihNode.Node.Hosting;
using DihNode.Node.Registry;
using DihNode.Vocab.Import;
using DihNode.Vocab.Profile;
using DihNode.Vocab.Reference;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

// Federation benchmark (not a timed test): N national nodes with H synthetic hubs each and one aggregator, all
// real nodes in this process (own registry, RDF store, Kestrel on loopback web + gRPC ports). Measures the
// aggregator's bootstrap (hubs/s, triples/s), change-to-visible latency, and, when the node answers
// /sparql?scope=network, network-mode query latency against the same query on the aggregator's replica.
// See bench/RESULTS.md, section "Federation".
//
//   dotnet run -c Release --project bench/federation -- --nodes 4 --hubs 10000 [--changes 100] [--queries 20]
namespace DihNode.Bench.Federation;

internal static class Program
{
    private const string Secret = "bench-link-secret-0123456789";

    public static async Task<int> Main(string[] args)
    {
        int nodes = Int(args, "--nodes", 4), hubs = Int(args, "--hubs", 10_000), changes = Int(args, "--changes", 100), queries = Int(args, "--queries", 20);
        string data = Shared();
        string work = Directory.CreateTempSubdirectory("dihnode-bench-fed-").FullName;
        var log = Console.Out;
        try
        {
            var clock = Stopwatch.StartNew();
            var edih = ReadEdih(data);
            var members = new List<Member>();
            for (int i = 0; i < nodes; i++) members.Add(await Member.CreateNationalAsync(i, hubs, edih, data, work));
            log.WriteLine($"{nodes} nodes x {hubs} synthetic hubs imported in {clock.Elapsed.TotalSeconds:F1} s ({members.Sum(m => m.Triples)} triples in their hubs graphs)");

            var aggregator = Member.CreateAggregator(work, data, members);
            foreach (var m in members) m.Start([new PeerLink("eu", aggregator.GrpcUri, Secret)], aggregator: false, data);
            // Bootstrap ends when the aggregator's registry holds every hub and the write that completed it was
            // projected into the RDF store (Committed is raised after the projection), so SPARQL sees them all.
            int total = nodes * hubs;
            var complete = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnCommitted(long _)
            {
                if (aggregator.HubCount() >= total) complete.TrySetResult();
            }
            aggregator.Open(aggregator: true).Registry.Committed += OnCommitted;
            clock.Restart();
            aggregator.Start([.. members.Select(m => new PeerLink(m.Name, m.GrpcUri, Secret))], aggregator: true, data);
            try { await complete.Task.WaitAsync(TimeSpan.FromMinutes(30)); }
            catch (TimeoutException) { throw new TimeoutException($"bootstrap: {aggregator.HubCount()} of {total} hubs after 30 min"); }
            finally { aggregator.Store.Registry.Committed -= OnCommitted; }
            double bootstrap = clock.Elapsed.TotalSeconds;
            long triples = members.Sum(m => m.Triples);
            log.WriteLine($"bootstrap: {total} hubs ({triples} triples) from {nodes} nodes in {bootstrap:F1} s: {total / bootstrap:F0} hubs/s, {triples / bootstrap:F0} triples/s");

            var lags = await ChangeLatencyAsync(members, aggregator, changes);
            log.WriteLine($"change-to-visible ({changes} single changes, round robin over the nodes): median {Percentile(lags, 0.5):F0} ms, p99 {Percentile(lags, 0.99):F0} ms, max {lags[^1]:F0} ms");

            await NetworkQueriesAsync(aggregator, queries, log);
            aggregator.Stop();
            foreach (var m in members) m.Stop();
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// One change at a time on node i mod N; the time until the aggregator has applied it and projected it into
    /// its RDF store (its registry's Committed event, raised after the projection, with the peer's applied
    /// sequence at or past the change): visible to SPARQL, OData and the catalogue alike.
    /// </summary>
    private static async Task<List<double>> ChangeLatencyAsync(List<Member> members, Member aggregator, int changes)
    {
        var lags = new List<double>();
        Probe? probe = null;
        void Check()
        {
            if (Volatile.Read(ref probe) is { } p && (aggregator.Store.Registry.PeerApplied(p.Peer) ?? 0) >= p.Sequence) p.Done.TrySetResult();
        }
        aggregator.Store.Registry.Committed += _ => Check();
        for (int c = 0; c < changes; c++)
        {
            var node = members[c % members.Count];
            var record = node.FirstRecord;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var watch = Stopwatch.StartNew();
            await node.Store.Registry.UpsertAsync(record with { Name = $"Latency probe {c}" });
            Volatile.Write(ref probe, new Probe(node.Name, node.Store.Registry.LastSequence, done));
            Check(); // applied before the probe was set
            await done.Task.WaitAsync(TimeSpan.FromSeconds(120));
            lags.Add(watch.Elapsed.TotalMilliseconds);
        }
        lags.Sort();
        return lags;
    }

    private sealed record Probe(string Peer, long Sequence, TaskCompletionSource Done);

    /// <summary>The same queries over the aggregator's replica (/sparql) and live over the network (/sparql?scope=network), when the node offers it.</summary>
    private static async Task NetworkQueriesAsync(Member aggregator, int repeat, TextWriter log)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        string[] texts =
        [
            "SELECT (COUNT(?h) AS ?n) WHERE { ?h a <https://w3id.org/dihnode/ns#Hub> }",
            "SELECT ?h ?name WHERE { ?h a <https://w3id.org/dihnode/ns#Hub> ; <http://www.w3.org/2004/02/skos/core#prefLabel> ?name FILTER (STRSTARTS(?name, \"Latency probe\")) }",
            "SELECT ?c (COUNT(?h) AS ?n) WHERE { ?h a <https://w3id.org/dihnode/ns#Hub> ; <http://purl.org/dc/terms/spatial> ?c } GROUP BY ?c",
        ];
        async Task<(HttpStatusCode, string)> Ask(string query, bool network)
        {
            string url = $"{aggregator.WebUri}sparql?query={Uri.EscapeDataString(query)}{(network ? "&scope=network" : "")}";
            using var response = await http.GetAsync(url);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        var (probe, body) = await Ask(texts[0], network: true);
        if (probe != HttpStatusCode.OK)
        {
            log.WriteLine($"network mode: not available on this build ({(int)probe}: {body.Split('\n')[0]})");
            return;
        }
        foreach (string query in texts)
        {
            var replica = new List<double>();
            var network = new List<double>();
            for (int i = 0; i < repeat + 2; i++)
            {
                var watch = Stopwatch.StartNew();
                var (s1, b1) = await Ask(query, network: false);
                double r = watch.Elapsed.TotalMilliseconds;
                watch.Restart();
                var (s2, b2) = await Ask(query, network: true);
                double n = watch.Elapsed.TotalMilliseconds;
                if (s1 != HttpStatusCode.OK || s2 != HttpStatusCode.OK) throw new InvalidOperationException($"query failed: replica {(int)s1}, network {(int)s2}: {query}");
                if (i == 0)
                {
                    var (a, b) = (Rows(b1), Rows(b2));
                    if (!a.SequenceEqual(b)) throw new InvalidOperationException($"network and replica answers differ ({a.Count} and {b.Count} rows): {query}");
                    log.WriteLine($"  same answer over the replica and the network: {a.Count} rows{(a.Count == 1 ? " " + a[0] : "")}");
                }
                if (i < 2) continue; // warm-up
                replica.Add(r);
                network.Add(n);
            }
            replica.Sort();
            network.Sort();
            log.WriteLine($"query {query[..Math.Min(60, query.Length)]}…: replica median {Percentile(replica, 0.5):F1} ms (p90 {Percentile(replica, 0.9):F1}), network median {Percentile(network, 0.5):F1} ms (p90 {Percentile(network, 0.9):F1})");
        }
    }

    /// <summary>The rows of a SPARQL JSON result, each as its sorted bindings' text, in sorted order (to compare answers).</summary>
    private static List<string> Rows(string json)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return [.. doc.RootElement.GetProperty("results").GetProperty("bindings").EnumerateArray()
            .Select(row => string.Join(" ", row.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}={p.Value.GetProperty("value").GetString()}")))
            .Order(StringComparer.Ordinal)];
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1))];

    private static List<HubRecord> ReadEdih(string data)
    {
        var reference = ReferenceData.Load(data, new ProfileIris(ProfileIris.DefaultBase));
        string csv = Path.Combine(data, "dih", "edih-catalogue-2025.csv");
        using var input = File.OpenRead(csv);
        return [.. HubImporter.Read(input, HubInputFormat.Edih2025, reference, csv).Hubs.Select(h => h.Record!)];
    }

    private static int Int(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : fallback;
    }

    private static string Shared() => Path.Combine(DihNode.Node.SharedData.RequireRoot(), "data");

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One node of the benchmark network: its files, ports and server.</summary>
internal sealed class Member
{
    private readonly string _folder;
    private readonly int _web = Program.FreePort(), _grpc = Program.FreePort();
    private WebApplication? _app;

    private Member(string name, string folder)
    {
        Name = name;
        _folder = folder;
    }

    public string Name { get; }

    public NodeStore Store { get; private set; } = null!;

    public long Triples { get; private set; }

    /// <summary>The first synthetic hub, which the latency probe renames.</summary>
    public HubRecord FirstRecord { get; private set; } = null!;

    public Uri GrpcUri => new($"http://127.0.0.1:{_grpc}");

    public Uri WebUri => new($"http://127.0.0.1:{_web}/");

    private string Database => Path.Combine(_folder, "node.db");

    /// <summary>
    /// A national node with <paramref name="hubs"/> synthetic hubs under its own base IRI: EDIH hubs in turn,
    /// each copy with its own key, name and website (so the aggregator's same-hub linking finds no pairs).
    /// </summary>
    public static async Task<Member> CreateNationalAsync(int index, int hubs, List<HubRecord> edih, string data, string work)
    {
        string name = $"n{index:D2}";
        var member = new Member(name, Directory.CreateDirectory(Path.Combine(work, name)).FullName);
        using (var store = NodeStore.Open(member.Database, $"https://{name}.example.org"))
        {
            var reference = ReferenceData.Load(data, store.Iris);
            var batch = new HubBatch();
            for (int j = 0; j < hubs; j++)
            {
                var template = edih[j % edih.Count];
                var record = template with
                {
                    Key = $"{template.Key}-{j}",
                    Name = $"{template.Name} ({name} #{j})",
                    Website = $"https://hub{j}.{name}.example.org/",
                };
                batch.Hubs.Add(HubDescriptionBuilder.Build(record, store.Iris, j + 1, j + 1) with { Record = record });
                if (j == 0) member.FirstRecord = record;
            }
            await store.Registry.ImportAsync(batch, reference, strict: false);
            var snapshot = store.Rdf.Snapshot();
            member.Triples = snapshot.TryGetId(store.Iris.HubsGraph, out int g) ? snapshot.Count(DihNode.Rdf.Store.QuadPattern.InGraph(g)) : 0;
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return member;
    }

    public static Member CreateAggregator(string work, string data, List<Member> members) =>
        new("eu", Directory.CreateDirectory(Path.Combine(work, "eu")).FullName);

    /// <summary>Opens the node's store (if not yet open), so that a caller can watch it before the node starts.</summary>
    public NodeStore Open(bool aggregator) => Store ??= NodeStore.Open(Database, aggregator ? null : $"https://{Name}.example.org");

    public void Start(IReadOnlyList<PeerLink> peers, bool aggregator, string data)
    {
        Open(aggregator);
        var options = new NodeOptions
        {
            Database = Database,
            Urls = WebUri.ToString(),
            GrpcUrls = GrpcUri.ToString(),
            ReferenceDataDirectory = data,
            MaxQueryTimeout = TimeSpan.FromMinutes(2),
            QueryTimeout = TimeSpan.FromMinutes(2),
            Federation = new FederationOptions { NodeName = Name, Peers = peers, Aggregator = aggregator },
        };
        _app = NodeServer.Build(options, Store, b => b.Logging.SetMinimumLevel(LogLevel.Warning));
        _app.StartAsync().GetAwaiter().GetResult();
    }

    public int HubCount()
    {
        using var context = Store.NewContext();
        return context.Hubs.Count();
    }

    public void Stop()
    {
        _app?.StopAsync().GetAwaiter().GetResult();
        (_app as IDisposable)?.Dispose();
        Store.Dispose();
    }
}
