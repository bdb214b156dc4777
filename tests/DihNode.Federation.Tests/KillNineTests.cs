using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using DihNode.Node.Registry;
using DihNode.Rdf.Model;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace DihNode.Federation.Tests;

/// <summary>
/// Germany's node as a separate <c>dihnode serve</c> process, killed with SIGKILL while it writes and while
/// the aggregator (in this process) follows its feed, then restarted on the same database: the aggregator
/// converges on Germany's state with no acknowledged write lost and no hub twice.
/// </summary>
public sealed class KillNineTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string ApiKey = "kill-nine-key-0123456789";
    private TestNode _es = null!, _de = null!, _agg = null!;
    private Process? _process;

    public Task InitializeAsync()
    {
        _es = TestNode.National("es", "ES");
        _de = TestNode.National("de", "DE"); // its files and ports; the process serves them
        _agg = TestNode.Empty("eu").AsAggregator();
        TestNode.Link(_agg, _es);
        TestNode.Link(_agg, _de);
        _es.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Kill();
        await _agg.DisposeAsync();
        await _es.DisposeAsync();
        try { await _de.DisposeAsync(); } catch (NullReferenceException) { } // never started in this process
    }

    [Fact]
    public async Task KillNineMidStreamThenRestartConvergesWithNoLossAndNoDuplicate()
    {
        Dictionary<int, string> ids;
        using (var store = NodeStore.Open(_de.Database))
        using (var registry = store.NewContext())
            ids = registry.Hubs.Where(h => h.Origin == "").ToDictionary(h => h.Id, h => h.Iri);
        SqliteConnection.ClearAllPools();
        await StartGermanyAsync();
        _agg.Start();
        Assert.True(await TestNode.WaitUntil(() => _agg.HubIris("de").SetEquals(ids.Values), TimeSpan.FromSeconds(30)), "the aggregator did not bootstrap Germany");

        // Renames on Germany while the aggregator follows; SIGKILL in the middle; the acknowledged ones must all arrive.
        var acknowledged = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = ids.OrderBy(i => i.Key).ToList();
        using var http = new HttpClient { BaseAddress = _de.WebUrl, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Add("X-API-Key", ApiKey);
        int round = 0;
        async Task WriteAsync(int count)
        {
            for (int n = 0; n < count; n++, round++)
            {
                var (id, iri) = order[round % order.Count];
                string name = $"Germany hub {id} rename {round}";
                var content = new StringContent($$"""{"Name": "{{name}}"}""", Encoding.UTF8);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"odata/Hubs({id})") { Content = content });
                Assert.True(response.IsSuccessStatusCode, $"PATCH {id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                acknowledged[iri] = name;
            }
        }
        await WriteAsync(30);
        var writing = WriteAsync(1000); // goes on until the kill cuts it
        await Task.Delay(300);
        Kill();
        try { await writing; } catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Xunit.Sdk.XunitException) { }
        output.WriteLine($"killed Germany after {round} writes ({acknowledged.Count} hubs renamed and acknowledged)");
        await Task.Delay(1500); // the aggregator notices the link is down

        await StartGermanyAsync();
        await WriteAsync(20);
        var clock = Stopwatch.StartNew();
        Assert.True(await TestNode.WaitUntil(() => Converged(acknowledged, ids.Count), TimeSpan.FromSeconds(30)), "the aggregator did not converge on Germany's state");
        output.WriteLine($"converged {clock.ElapsedMilliseconds} ms after the last write");

        // No duplicate: one hub per IRI in the registry, one label per hub in Germany's graph at the aggregator.
        using var context = _agg.Store.NewContext();
        Assert.Equal(ids.Count, context.Hubs.Count(h => h.Origin == "de"));
        Assert.Equal(context.Hubs.Count(h => h.Origin == "de"), context.Hubs.Where(h => h.Origin == "de").Select(h => h.Iri).Distinct().Count());
        var labels = Labels();
        Assert.Equal(ids.Count, labels.Count);
        Assert.All(labels, l => Assert.Single(l.Value));
        Assert.Equal(_es.HubIris(), _agg.HubIris("es"));
    }

    private bool Converged(Dictionary<string, string> acknowledged, int hubs)
    {
        using var context = _agg.Store.NewContext();
        var names = context.Hubs.Where(h => h.Origin == "de").ToDictionary(h => h.Iri, h => h.Name);
        if (names.Count != hubs || acknowledged.Any(a => names.GetValueOrDefault(a.Key) != a.Value)) return false;
        var labels = Labels();
        return acknowledged.All(a => labels.TryGetValue(a.Key, out var l) && l.Count == 1 && l[0] == a.Value);
    }

    /// <summary>Labels of the hubs in Germany's graph at the aggregator (the RDF projection).</summary>
    private Dictionary<string, List<string>> Labels()
    {
        string graph = _agg.Store.Iris.Base + "/graph/peer/de";
        var query = Rdf.Sparql.Syntax.SparqlParser.ParseQuery($"SELECT ?h ?l WHERE {{ GRAPH <{graph}> {{ ?h a <https://w3id.org/dihnode/ns#Hub> ; <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }} }}");
        var result = (Rdf.Sparql.Evaluation.SelectResult)Rdf.Sparql.Evaluation.QueryEvaluator.Execute(query, _agg.Store.Rdf.Snapshot());
        return result.Rows.GroupBy(r => ((Iri)r[0]!).Value).ToDictionary(g => g.Key, g => g.Select(r => ((Literal)r[1]!).LexicalForm).ToList());
    }

    private async Task StartGermanyAsync()
    {
        // The node program is built beside the tests (this project references it), in whatever configuration they run.
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dihnode.dll"));
        foreach (string a in new[] { "serve", "--db", _de.Database, "--urls", _de.WebUrl.ToString().TrimEnd('/'), "--grpc-urls", _de.GrpcUrl.ToString().TrimEnd('/'),
            "--node-name", "de", "--peer", $"eu={_agg.GrpcUrl.ToString().TrimEnd('/')}", "--peer-secret", $"eu={TestNode.Secret}", "--api-key", ApiKey })
            start.ArgumentList.Add(a);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = _de.WebUrl, Timeout = TimeSpan.FromSeconds(2) };
        var end = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < end)
        {
            Assert.False(_process.HasExited, $"dihnode serve exited with {(_process.HasExited ? _process.ExitCode : 0)}");
            try
            {
                if ((await http.GetAsync("healthz")).IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException("dihnode serve did not come up");
    }

    /// <summary>SIGKILL on Linux: no shutdown code runs, open transactions are cut.</summary>
    private void Kill()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
        _process.Dispose();
        _process = null;
    }
}
