using System.Diagnostics;
using System.Net;
using System.Text.Json;
using DihNode.Node.Hosting;
using DihNode.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace DihNode.Reliability.Tests.Limits;

/// <summary>One query slot; queries stop after 10 s.</summary>
public sealed class OneSlotNode() : LimitedNode(o => new NodeOptions
{
    Database = o.Database,
    Urls = o.Urls,
    ApiKey = o.ApiKey,
    MaxConcurrentQueries = 1,
    QueryTimeout = TimeSpan.FromSeconds(10),
    MaxQueryTimeout = TimeSpan.FromSeconds(10),
});

/// <summary>Queries stop after 5 ms by default (SPARQL may ask for up to 10 s with <c>timeout=</c>).</summary>
public sealed class TinyTimeoutNode() : LimitedNode(o => new NodeOptions
{
    Database = o.Database,
    Urls = o.Urls,
    ApiKey = o.ApiKey,
    QueryTimeout = TimeSpan.FromMilliseconds(5),
    MaxQueryTimeout = TimeSpan.FromSeconds(10),
});

/// <summary>Queries stop after 50 ms: the heavy page (about 100 ms warm in Release) is being written by then.</summary>
public sealed class StreamingODataNode() : LimitedNode(o => new NodeOptions
{
    Database = o.Database,
    Urls = o.Urls,
    ApiKey = o.ApiKey,
    QueryTimeout = TimeSpan.FromMilliseconds(50),
    MaxQueryTimeout = TimeSpan.FromSeconds(10),
});

/// <summary>
/// Issue 11 items 1 and 4 on <c>/odata</c>: queries (GET) take a slot of the same query gate as SPARQL
/// (full: 503 with Retry-After, the query never runs) and stop at the same time limit (503 "exceeded its
/// time limit": the page is held back until it is complete); the node keeps answering afterwards.
/// </summary>
public sealed class ODataLimitTests(OneSlotNode gated, TinyTimeoutNode timed, StreamingODataNode streaming, ITestOutputHelper output)
    : IClassFixture<OneSlotNode>, IClassFixture<TinyTimeoutNode>, IClassFixture<StreamingODataNode>
{
    /// <summary>An aggregation over every involvement, grouped through a join: SQLite computes it whole before the first byte goes out.</summary>
    private const string Grouped = "odata/Involvements?$apply=groupby((Concept/Label,Level),aggregate($count as n))&$orderby=n desc";

    /// <summary>Every hub with its topics and their concepts, sorted on a text column: the heaviest page the limits allow.</summary>
    private const string Heavy = "odata/Hubs?$expand=Involvements($expand=Concept),Country,Type&$orderby=Description desc,Name&$count=true&$top=1000";

    [Fact]
    public async Task ODataQueriesAreRefusedWith503WhileTheGateIsFull()
    {
        var gate = (QueryGate)gated.App.Services.GetService(typeof(QueryGate))!;
        using (var warm = await gated.Client.GetAsync("odata/Hubs?$top=1"))
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        using (var slot = gate.TryEnter())
        {
            Assert.NotNull(slot); // the node's only slot, as a running SPARQL query holds it
            foreach (string url in new[] { "odata/Hubs?$top=5", "odata/Hubs(1)", "odata/Involvements?$top=5", "odata/Hubs?$deltatoken=400", Heavy })
            {
                var clock = Stopwatch.StartNew();
                using var refused = await gated.Client.GetAsync(url);
                string text = await refused.Content.ReadAsStringAsync();
                output.WriteLine($"GET {url} with the gate full: {(int)refused.StatusCode} in {clock.Elapsed.TotalMilliseconds:F0} ms, Retry-After {refused.Headers.RetryAfter}: {text}");
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
                using var json = JsonDocument.Parse(text);
                Assert.Equal("Busy", json.RootElement.GetProperty("error").GetProperty("code").GetString());
                Assert.Contains("query slots of this node are busy", text);
            }
            // The metadata reads no data and is not gated.
            using var metadata = await gated.Client.GetAsync("odata/$metadata");
            Assert.Equal(HttpStatusCode.OK, metadata.StatusCode);
            // SPARQL meets the same full gate.
            using var sparql = await gated.Client.GetAsync(LimitedNode.Sparql("ASK { ?s ?p ?o }"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, sparql.StatusCode);
        }
        Assert.Equal(0, gate.Running);
        using var accepted = await gated.Client.GetAsync("odata/Hubs?$top=5");
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(0, gate.Running); // the OData query gave its slot back
    }

    [Fact]
    public async Task AnODataQueryHoldsASlotSoASparqlQueryMeetsAFullGate()
    {
        var gate = (QueryGate)gated.App.Services.GetService(typeof(QueryGate))!;
        HttpStatusCode? sparqlStatus = null;
        // A heavy OData page takes the only slot; a SPARQL query sent while it runs is refused.
        for (int attempt = 0; attempt < 10 && sparqlStatus != HttpStatusCode.ServiceUnavailable; attempt++)
        {
            var odata = gated.Client.GetAsync(Heavy);
            var clock = Stopwatch.StartNew();
            while (gate.Running == 0 && !odata.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(1);
            if (gate.Running == 1)
            {
                using var sparql = await gated.Client.GetAsync(LimitedNode.Sparql("ASK { ?s ?p ?o }"));
                sparqlStatus = sparql.StatusCode;
            }
            using var page = await odata;
            output.WriteLine($"attempt {attempt}: heavy OData page {(int)page.StatusCode} in {clock.Elapsed.TotalMilliseconds:F0} ms; SPARQL meanwhile: {(sparqlStatus is { } s ? (int)s : 0)}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, sparqlStatus);
    }

    [Fact]
    public async Task ASlowODataQueryIsStoppedAtTheTimeLimitAndTheNodeKeepsAnswering()
    {
        var gate = (QueryGate)timed.App.Services.GetService(typeof(QueryGate))!;
        var times = new List<double>();
        for (int i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            using var stopped = await timed.Client.GetAsync(Grouped);
            string text = await stopped.Content.ReadAsStringAsync();
            times.Add(clock.Elapsed.TotalMilliseconds);
            output.WriteLine($"grouped count with a 5 ms limit: {(int)stopped.StatusCode} in {clock.Elapsed.TotalMilliseconds:F0} ms: {text}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, stopped.StatusCode);
            using var json = JsonDocument.Parse(text);
            Assert.Equal("QueryTimeout", json.RootElement.GetProperty("error").GetProperty("code").GetString());
            Assert.Contains("exceeded its time limit of 0.005 s", text);
        }
        Assert.Equal(0, gate.Running);
        // The node keeps answering: SPARQL with a limit of its own, health, the OData metadata.
        using var sparql = await timed.Client.GetAsync(LimitedNode.Sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "&timeout=5"));
        Assert.Equal(HttpStatusCode.OK, sparql.StatusCode);
        using var health = await timed.Client.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var metadata = await timed.Client.GetAsync("odata/$metadata");
        Assert.Equal(HttpStatusCode.OK, metadata.StatusCode);
        // The same query on a node with the default limit answers.
        var full = Stopwatch.StartNew();
        using var answered = await gated.Client.GetAsync(Grouped);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        output.WriteLine($"the same query under a 10 s limit: 200 in {full.Elapsed.TotalMilliseconds:F0} ms");
        output.WriteLine($"stopped after {string.Join(", ", times.Select(t => t.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))} ms; SPARQL, /healthz and $metadata 200 afterwards");
    }

    [Fact]
    public async Task ATimeLimitReachedWhileThePageIsWrittenIsStillAClean503()
    {
        var times = new List<double>();
        for (int i = 0; i < 4; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await streaming.Client.GetAsync(Heavy);
            string text = await response.Content.ReadAsStringAsync();
            times.Add(clock.Elapsed.TotalMilliseconds);
            // The library writes the page's first bytes before its SQL runs; held back, they never reach the client.
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("exceeded its time limit of 0.05 s", text);
            if (i > 0) Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5), $"answer {i} took {clock.Elapsed.TotalMilliseconds:F0} ms"); // the first compiles the query
        }
        output.WriteLine($"heavy page with a 50 ms limit: 503 after {string.Join(", ", times.Select(t => t.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))} ms");
        var gate = (QueryGate)streaming.App.Services.GetService(typeof(QueryGate))!;
        Assert.Equal(0, gate.Running);
        using var health = await streaming.Client.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task ANestedExpansionSqliteCannotRunIs400Not500()
    {
        using var response = await gated.Client.GetAsync("odata/Involvements?$expand=Hub($expand=Involvements($expand=Concept))&$top=10");
        string text = await response.Content.ReadAsStringAsync();
        output.WriteLine($"{(int)response.StatusCode}: {text}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode); // before: 500 (EF Core: "requires the SQL APPLY operation")
        Assert.Contains("SQL APPLY", text);
    }
}
