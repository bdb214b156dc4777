using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DihNode.Vocab.Profile;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace DihNode.Node.Tests.Server;

/// <summary>
/// What each kind of request the network soak sends costs the node in allocations (the soak's GC
/// pauses come from them). <see cref="Report"/> measures every kind (set <c>DIHNODE_ALLOC_REPORT=1</c>;
/// <c>DIHNODE_ALLOC_REQUESTS=N</c> requests a kind, 200 unless told; <c>DIHNODE_ALLOC_KINDS=a,b</c> only
/// the kinds whose names contain one of these; <c>DIHNODE_ALLOC_SAMPLE=0</c> without the allocation
/// sampler, whose lines name the types allocated, "(LOH)" on the large object heap, at a small cost in
/// bytes of its own); <see cref="RequestsAllocateUnderTheirBound"/> holds six kinds under bounds.
/// </summary>
[Collection(QuietProcessCollection.Name)]
public sealed class RequestAllocationTests(NodeFixture node, ITestOutputHelper output) : IClassFixture<NodeFixture>
{
    private const string Prefixes =
        "PREFIX dih: <https://w3id.org/dihnode/ns#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX org: <http://www.w3.org/ns/org#> ";

    private const string SparqlJson = "application/sparql-results+json";

    private static readonly string[] s_words = ["digital", "ai", "robot", "innov", "hub", "smart", "data"];

    private (List<(int Id, string Path, string Country)> Hubs, int HubType) Catalogue()
    {
        using var context = node.Store.NewContext();
        var hubs = context.Hubs.AsNoTracking().OrderBy(h => h.Id).Select(h => new { h.Id, h.Iri, h.CountryCode }).AsEnumerable()
            .Select(h => (h.Id, new Uri(h.Iri).AbsolutePath.TrimStart('/'), h.CountryCode)).ToList();
        int hubType = context.Concepts.AsNoTracking().Where(c => c.Scheme == ConceptSchemes.HubType).OrderBy(c => c.Id).First().Id;
        return (hubs, hubType);
    }

    /// <summary>The soak's read kinds (<c>SoakReaders</c>), each with its request for the i-th time; hub pages also in JSON-LD.</summary>
    private static List<(string Kind, Func<int, HttpRequestMessage> Request)> Reads(List<(int Id, string Path, string Country)> hubs)
    {
        var countries = hubs.Select(h => h.Country).Distinct().Order().ToList();
        string Word(int i) => s_words[i % s_words.Length];
        string Hub(int i) => hubs[i * 7 % hubs.Count].Path;
        static HttpRequestMessage Get(string path, string? accept = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
            return request;
        }
        static HttpRequestMessage Sparql(string query) => Get("sparql?query=" + Uri.EscapeDataString(Prefixes + query), SparqlJson);
        return
        [
            ("healthz (baseline)", _ => Get("healthz")),
            ("sparql COUNT", _ => Sparql("SELECT (COUNT(?h) AS ?n) WHERE { ?h a dih:Hub }")),
            ("sparql filter", i => Sparql("SELECT ?h ?name WHERE { ?h a dih:Hub ; skos:prefLabel ?name "
                + $"FILTER(STRSTARTS(STR(?h), \"https://dih.example.org/hub/edih2025/{countries[i % countries.Count].ToLowerInvariant()}-\")) }}")),
            ("sparql ORDER BY+LIMIT", i => Sparql("SELECT ?h ?name WHERE { ?h a dih:Hub ; skos:prefLabel ?name } ORDER BY ?name LIMIT 20 OFFSET "
                + (i * 37 % 400).ToString(CultureInfo.InvariantCulture))),
            ("sparql GROUP BY", _ => Sparql("SELECT ?type (COUNT(?h) AS ?n) WHERE { ?h a dih:Hub ; org:classification ?type } GROUP BY ?type ORDER BY DESC(?n)")),
            ("sparql text", i => Sparql($"SELECT ?h ?name WHERE {{ ?h a dih:Hub ; skos:prefLabel ?name FILTER(CONTAINS(LCASE(STR(?name)), \"{Word(i)}\")) }}")),
            ("odata $filter", i => Get($"odata/Hubs?$filter=CountryCode eq '{countries[i % countries.Count]}'&$select=Name,City&$orderby=Name&$top=20")),
            ("odata $expand", i => Get("odata/Hubs?$expand=Involvements&$top=10&$skip=" + (i * 13 % 440).ToString(CultureInfo.InvariantCulture))),
            ("odata $count", i => Get(i % 2 == 0 ? "odata/Hubs/$count" : $"odata/Hubs?$count=true&$top=5&$filter=contains(tolower(Name),'{Word(i)}')")),
            ("hub page html", i => Get(Hub(i), "text/html")),
            ("hub page turtle", i => Get(Hub(i) + ".ttl")),
            ("hub page json-ld", i => Get(Hub(i) + ".jsonld")),
            ("web search", i => Get("search?q=" + Word(i), "text/html")),
        ];
    }

    private static HttpRequestMessage Json(HttpMethod method, string path, object body) =>
        new(method, path) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };

    /// <summary>
    /// Bytes a request of each kind may allocate in the whole process (node and client), about twice what
    /// it took when the bound was set (Release and Debug alike, 2026-11-25). Before, a Turtle hub page
    /// took 624 KB (two large-object-heap buffers of its writer: 320 KB), a Graph Store PUT 687 KB, a
    /// SPARQL COUNT 105 KB and the search page 1,009 KB: each over its bound. HTML and JSON-LD hub pages
    /// (888 and 700 KB before, 800 and 646 KB after: the JSON-LD compaction dominates) are held at twice
    /// their figure so that a regression as large as the old buffers still shows.
    /// </summary>
    public static TheoryData<string, int> Bounds => new()
    {
        { "hub page turtle", 480 },
        { "hub page html", 1_600 },
        { "hub page json-ld", 1_300 },
        { "web search", 850 },
        { "sparql COUNT", 80 },
        { "write Graph Store PUT", 250 },
    };

    [Theory]
    [MemberData(nameof(Bounds))]
    public async Task RequestsAllocateUnderTheirBound(string kind, int boundKb)
    {
        var (hubs, _) = Catalogue();
        RequestCost cost;
        if (kind == "write Graph Store PUT")
        {
            using var writer = node.WriterClient();
            cost = await RequestAllocations.MeasureAsync(kind, writer, i => new HttpRequestMessage(HttpMethod.Put,
                "graph-store?graph=" + Uri.EscapeDataString($"http://example.org/bound/{i % 5}"))
            {
                Content = new StringContent($"<http://example.org/bound/s{i}> <http://example.org/p> \"{i}\" .", new MediaTypeHeaderValue("text/turtle") { CharSet = "utf-8" }),
            }, requests: 40);
        }
        else
        {
            cost = await RequestAllocations.MeasureAsync(kind, node.Client, Reads(hubs).Single(r => r.Kind == kind).Request, requests: 40);
        }
        output.WriteLine(cost.ToString());
        Assert.True(cost.BytesPerRequest < boundKb * 1024L, $"{kind}: {cost.BytesPerRequest / 1024} KB a request, bound {boundKb} KB");
    }

    [SkippableFact]
    public async Task Report()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable("DIHNODE_ALLOC_REPORT") == "1", "set DIHNODE_ALLOC_REPORT=1 to measure every kind of request");
        int n = int.TryParse(Environment.GetEnvironmentVariable("DIHNODE_ALLOC_REQUESTS"), CultureInfo.InvariantCulture, out int given) ? given : 200;
        var (hubs, hubType) = Catalogue();
        using var sampler = Environment.GetEnvironmentVariable("DIHNODE_ALLOC_SAMPLE") == "0" ? null : new AllocationSampler();
        var lines = new List<string>();
        string[] only = (Environment.GetEnvironmentVariable("DIHNODE_ALLOC_KINDS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        async Task Measure(string kind, HttpClient client, Func<int, HttpRequestMessage> request, Func<int, HttpResponseMessage, Task>? onAnswer = null)
        {
            if (only.Length > 0 && !only.Any(o => kind.Contains(o, StringComparison.OrdinalIgnoreCase))) return;
            sampler?.Start();
            var cost = await RequestAllocations.MeasureAsync(kind, client, request, n, onAnswer: onAnswer);
            lines.Add(cost.ToString());
            if (sampler is not null) lines.Add("    sampled: " + string.Join("; ", sampler.Stop()));
        }

        foreach (var (kind, request) in Reads(hubs)) await Measure(kind, node.Client, request);

        using var writer = node.WriterClient();
        var mine = hubs.Take(20).ToList();
        await Measure("write odata PATCH", writer, i =>
        {
            var request = Json(HttpMethod.Patch, $"odata/Hubs({mine[i % mine.Count].Id})", new { Name = $"Measured hub {i}", Description = $"Renamed, revision {i}." });
            request.Headers.TryAddWithoutValidation("If-Match", "*");
            return request;
        });
        var created = new Queue<int>();
        await Measure("write odata POST", writer, i => Json(HttpMethod.Post, "odata/Hubs",
            new { Name = $"Measured new hub {i}", CountryCode = "SI", TypeId = hubType, Description = $"Created, number {i}." }),
            async (_, response) =>
            {
                string body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.Created, body);
                created.Enqueue(JsonDocument.Parse(body).RootElement.GetProperty("Id").GetInt32());
            });
        await Measure("write odata DELETE", writer, _ => new HttpRequestMessage(HttpMethod.Delete, $"odata/Hubs({created.Dequeue()})"),
            (_, response) =>
            {
                Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
                return Task.CompletedTask;
            });
        await Measure("write SPARQL Update", writer, i => new HttpRequestMessage(HttpMethod.Post, "sparql/update")
        {
            Content = new StringContent($"INSERT DATA {{ GRAPH <http://example.org/m/client> {{ <http://example.org/m/u/{i}> <http://example.org/p> {i} }} }}"
                + (i % 4 == 3 ? $" ; DELETE DATA {{ GRAPH <http://example.org/m/client> {{ <http://example.org/m/u/{i - 1}> <http://example.org/p> {i - 1} }} }}" : ""),
                Encoding.UTF8, "application/sparql-update"),
        });
        foreach (bool put in new[] { true, false })
            await Measure(put ? "write Graph Store PUT" : "write Graph Store POST", writer, i => new HttpRequestMessage(put ? HttpMethod.Put : HttpMethod.Post,
                "graph-store?graph=" + Uri.EscapeDataString($"http://example.org/m/gsp/{i % 5}"))
            {
                Content = new StringContent($"<http://example.org/m/gsp/s{i}> <http://example.org/p> \"{i}\" .", new MediaTypeHeaderValue("text/turtle") { CharSet = "utf-8" }),
            });

        output.WriteLine($"{n} sequential requests a kind after 5 warm-up ones; bytes: GC.GetTotalAllocatedBytes(true) of the whole process (node and client); "
            + $"server GC {System.Runtime.GCSettings.IsServerGC}, {(System.Diagnostics.Debugger.IsAttached ? "debugger" : "no debugger")}");
        foreach (string line in lines) output.WriteLine(line);
    }
}
