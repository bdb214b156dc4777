using System.Diagnostics;
using System.Text.Json;
using DihNode.Node.Federation;
using DihNode.Rdf.Sparql.Results;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DihNode.Federation.Tests;

/// <summary>
/// Network mode (<c>/sparql?scope=network</c>) over three national nodes (ES, IT, DE hubs of the EDIH data)
/// and an aggregator on loopback: the same query asked live of the peers and of the aggregator's replica
/// gives the same answer; a node down makes the answer partial and names it.
/// </summary>
public sealed class NetworkQueryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Prefixes = """
        PREFIX dih: <https://w3id.org/dihnode/ns#>
        PREFIX dct: <http://purl.org/dc/terms/>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX foaf: <http://xmlns.com/foaf/0.1/>

        """;

    /// <summary>Queries whose answers must agree: per country, a technology by its label (joined with the reference vocabulary), a join across two peers, OPTIONAL, ASK.</summary>
    public static readonly string[] Queries =
    [
        Prefixes + """
            SELECT ?country (COUNT(?h) AS ?hubs) WHERE {
              ?h a dih:Hub ; dct:spatial ?country .
              FILTER (STRSTARTS(STR(?country), "http://publications.europa.eu/resource/authority/country/"))
            } GROUP BY ?country ORDER BY ?country
            """,
        Prefixes + """
            SELECT ?h ?name ?level WHERE {
              ?h a dih:Hub ; skos:prefLabel ?name ; dih:involvement ?i .
              ?i dih:topic ?t ; dih:level ?level .
              ?t skos:prefLabel ?label .
              FILTER (CONTAINS(LCASE(STR(?label)), "artificial intelligence"))
            } ORDER BY ?h ?name ?level
            """,
        Prefixes + """
            SELECT (COUNT(*) AS ?pairs) (COUNT(DISTINCT ?t) AS ?topics) WHERE {
              ?a dct:spatial <http://publications.europa.eu/resource/authority/country/ESP> ; dih:involvement ?ia .
              ?ia dih:topic ?t ; dih:level 5 .
              ?b dct:spatial <http://publications.europa.eu/resource/authority/country/ITA> ; dih:involvement ?ib .
              ?ib dih:topic ?t ; dih:level 5 .
            }
            """,
        Prefixes + """
            SELECT ?h ?page WHERE { ?h a dih:Hub . OPTIONAL { ?h foaf:homepage ?page } } ORDER BY ?h ?page
            """,
        Prefixes + """
            ASK { ?h a dih:Hub ; dct:spatial <http://publications.europa.eu/resource/authority/country/DEU> }
            """,
    ];

    private TestNode _es = null!, _it = null!, _de = null!, _agg = null!;

    public async Task InitializeAsync()
    {
        _es = TestNode.National("es", "ES");
        _it = TestNode.National("it", "IT");
        _de = TestNode.National("de", "DE");
        _agg = TestNode.Empty("eu").AsAggregator();
        foreach (var n in new[] { _es, _it, _de }) TestNode.Link(_agg, n);
        // Spain also peers with Italy and Germany directly, to ask the network from a national node.
        TestNode.Link(_es, _it);
        TestNode.Link(_es, _de);
        _es.Start(); _it.Start(); _de.Start(); _agg.Start();
        HashSet<string> union = [.. _es.HubIris(""), .. _it.HubIris(""), .. _de.HubIris("")];
        Assert.True(await TestNode.WaitUntil(() => _agg.HubIris().SetEquals(union), TimeSpan.FromSeconds(30)), "the aggregator did not reach the union");
        // The RDF projection follows the registry commit: wait until the replica answers with every hub.
        Assert.True(await TestNode.WaitUntil(() => Count(_agg) == union.Count, TimeSpan.FromSeconds(10)));
    }

    public async Task DisposeAsync()
    {
        foreach (var n in new[] { _agg, _es, _it, _de }) await n.DisposeAsync();
    }

    [Fact]
    public async Task NetworkModeAnswersEqualTheAggregatorsReplicaFromTheAggregatorAndFromANationalNode()
    {
        using var agg = Client(_agg);
        using var es = Client(_es);
        foreach (string query in Queries)
        {
            var (replica, _) = await AskAsync(agg, query, network: false);
            var (fromAggregator, headers) = await AskAsync(agg, query, network: true);
            var (fromSpain, _) = await AskAsync(es, query, network: true);
            Assert.True(replica.IsBoolean || replica.Rows.Count > 0, "a test query with no answer proves nothing: " + query);
            Assert.Equal(Canonical(replica), Canonical(fromAggregator));
            Assert.Equal(Canonical(replica), Canonical(fromSpain));
            Assert.Equal("false", headers["X-DihNode-Partial"]);
            Assert.Equal("", headers["X-DihNode-Peers-Missing"]);
            foreach (string peer in new[] { "de", "es", "it" }) Assert.Contains(peer + ";seq=", headers["X-DihNode-Peers-Answered"]);
        }
        // The national query's answer includes its own hubs (local), and the other two countries (peers).
        var (countries, _) = await AskAsync(es, Queries[0], network: true);
        Assert.Equal(3, countries.Rows.Count);
    }

    [Fact]
    public async Task TheJsonAnswerSaysWhichPeersAnsweredAndHowFreshTheyAre()
    {
        using var agg = Client(_agg);
        var response = await agg.GetAsync("sparql?scope=network&query=" + Uri.EscapeDataString(Queries[0]));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var network = json.RootElement.GetProperty("dihnode:network");
        Assert.False(network.GetProperty("partial").GetBoolean());
        var answered = network.GetProperty("answered").EnumerateArray().ToDictionary(a => a.GetProperty("peer").GetString()!, a => a.GetProperty("sequence").GetInt64());
        Assert.Equal(["de", "es", "it"], answered.Keys.Order());
        Assert.Equal(_es.Store.Registry.LastSequence, answered["es"]);
        Assert.Empty(network.GetProperty("missing").EnumerateArray());
        Assert.Equal(3, json.RootElement.GetProperty("results").GetProperty("bindings").GetArrayLength());
    }

    [Fact]
    public async Task WithOneNodeDownTheAnswerIsPartialAndNamesIt()
    {
        using var agg = Client(_agg);
        var (full, _) = await AskAsync(agg, Queries[0], network: true);
        await _de.StopAsync();
        var clock = Stopwatch.StartNew();
        var (partial, headers) = await AskAsync(agg, Queries[0], network: true);
        output.WriteLine($"network query with DE down: {clock.ElapsedMilliseconds} ms; missing: {headers["X-DihNode-Peers-Missing"]}");
        Assert.Equal("true", headers["X-DihNode-Partial"]);
        Assert.StartsWith("de;reason=", headers["X-DihNode-Peers-Missing"]);
        Assert.DoesNotContain("de;", headers["X-DihNode-Peers-Answered"]);
        Assert.Equal(full.Rows.Count - 1, partial.Rows.Count);
        Assert.DoesNotContain(partial.Rows, r => r[0]!.ToString().Contains("/DEU", StringComparison.Ordinal));
        // The replica still answers with Germany's last good copy.
        var (replica, _) = await AskAsync(agg, Queries[0], network: false);
        Assert.Equal(3, replica.Rows.Count);

        var response = await agg.GetAsync("sparql?scope=network&query=" + Uri.EscapeDataString(Queries[0]));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var network = json.RootElement.GetProperty("dihnode:network");
        Assert.True(network.GetProperty("partial").GetBoolean());
        Assert.Equal("de", network.GetProperty("missing")[0].GetProperty("peer").GetString());
    }

    [Fact]
    public async Task QueriesNetworkModeCannotAnswerCompletelyAreRefused()
    {
        using var agg = Client(_agg);
        foreach (string query in new[] { "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", "SELECT * WHERE { ?s ?p ?o FILTER NOT EXISTS { ?s a ?c } }", "DESCRIBE <http://example.org/x>" })
        {
            var response = await agg.GetAsync("sparql?scope=network&query=" + Uri.EscapeDataString(query));
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("scope=network", await response.Content.ReadAsStringAsync());
        }
        var bad = await agg.GetAsync("sparql?scope=everywhere&query=" + Uri.EscapeDataString("ASK {}"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task MeasureNetworkModeAgainstTheReplica()
    {
        using var agg = Client(_agg);
        foreach (var (query, i) in Queries.Select((q, i) => (q, i)))
        {
            var replica = new List<double>();
            var network = new List<double>();
            for (int round = 0; round < 7; round++)
            {
                var clock = Stopwatch.StartNew();
                await AskAsync(agg, query, network: false);
                replica.Add(clock.Elapsed.TotalMilliseconds);
                clock.Restart();
                await AskAsync(agg, query, network: true);
                network.Add(clock.Elapsed.TotalMilliseconds);
            }
            output.WriteLine($"query {i + 1}: replica median {Median(replica):F1} ms, network median {Median(network):F1} ms");
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static HttpClient Client(TestNode node) => new() { BaseAddress = node.WebUrl, Timeout = TimeSpan.FromSeconds(60) };

    private static int Count(TestNode node)
    {
        using var http = Client(node);
        var (result, _) = AskAsync(http, Prefixes + "SELECT (COUNT(?h) AS ?n) WHERE { ?h a dih:Hub }", network: false).GetAwaiter().GetResult();
        return int.Parse(((DihNode.Rdf.Model.Literal)result.Rows[0][0]!).LexicalForm);
    }

    internal static async Task<(SparqlResult Result, Dictionary<string, string> Headers)> AskAsync(HttpClient http, string query, bool network)
    {
        var response = await http.GetAsync("sparql?format=json" + (network ? "&scope=network" : "") + "&query=" + Uri.EscapeDataString(query));
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        var headers = response.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return (SparqlResultReader.ReadString(body, SparqlResultFormat.Json), headers);
    }

    /// <summary>The rows as sorted strings (the multiset of solutions), or the boolean.</summary>
    private static List<string> Canonical(SparqlResult result) =>
        result.IsBoolean ? [result.Boolean!.Value.ToString()] : [.. result.Rows.Select(r => string.Join(" | ", r.Select(c => c?.ToString() ?? "UNDEF"))).Order(StringComparer.Ordinal)];
}
