using System.Diagnostics;
using DihNode.Node.Registry;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Syntax;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace DihNode.Federation.Tests;

/// <summary>Three national nodes (ES, IT, DE hubs of the EDIH data) and an aggregator, over real HTTP/2 on loopback.</summary>
public sealed class ReplicationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestNode _es = null!, _it = null!, _de = null!, _agg = null!;

    public Task InitializeAsync()
    {
        _es = TestNode.National("es", "ES");
        _it = TestNode.National("it", "IT");
        _de = TestNode.National("de", "DE");
        _agg = TestNode.Empty("eu").AsAggregator();
        foreach (var n in new[] { _es, _it, _de }) TestNode.Link(_agg, n);
        _es.Start(); _it.Start(); _de.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var n in new[] { _agg, _es, _it, _de }) await n.DisposeAsync();
    }

    private HashSet<string> Union() => [.. _es.HubIris(""), .. _it.HubIris(""), .. _de.HubIris("")];

    private async Task StartAggregatorAndConverge()
    {
        var clock = Stopwatch.StartNew();
        _agg.Start();
        var union = Union();
        Assert.True(await TestNode.WaitUntil(() => _agg.HubIris().SetEquals(union), TimeSpan.FromSeconds(30)), "the aggregator did not reach the union");
        output.WriteLine($"aggregator bootstrapped {union.Count} hubs from 3 nodes in {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task TheAggregatorHoldsExactlyTheUnionEachPeerInItsOwnGraphWithProvenance()
    {
        await StartAggregatorAndConverge();
        Assert.True(_es.HubIris().Count > 10 && _it.HubIris().Count > 10 && _de.HubIris().Count > 10);
        Assert.Equal(_es.HubIris(), _agg.HubIris("es"));
        Assert.Equal(_it.HubIris(), _agg.HubIris("it"));
        Assert.Equal(_de.HubIris(), _agg.HubIris("de"));

        var iris = _agg.Store.Iris;
        const string provenance = """
            SELECT ?g ?source ?seq ?time (COUNT(?h) AS ?hubs) WHERE {
              GRAPH ?g { ?h a <https://w3id.org/dihnode/ns#Hub> . ?g <http://www.w3.org/ns/prov#wasDerivedFrom> ?source ;
                 <https://w3id.org/dihnode/ns#feedSequence> ?seq ; <http://www.w3.org/ns/prov#generatedAtTime> ?time }
            } GROUP BY ?g ?source ?seq ?time ORDER BY ?g
            """;
        // The registry commits first, the RDF projection right after: wait for the projection too.
        List<Term?[]> rows = [];
        Assert.True(await TestNode.WaitUntil(() => (rows = Select(_agg, provenance)).Count == 3 && rows.Sum(r => int.Parse(((Literal)r[4]!).LexicalForm)) == Union().Count, TimeSpan.FromSeconds(5)));
        Assert.Equal(3, rows.Count);
        Assert.Equal([$"{iris.Base}/graph/peer/de", $"{iris.Base}/graph/peer/es", $"{iris.Base}/graph/peer/it"], rows.Select(r => ((Iri)r[0]!).Value));
        Assert.Equal("urn:dihnode:peer:es", ((Iri)rows[1][1]!).Value);
        Assert.Equal(_es.Store.Registry.LastSequence.ToString(), ((Literal)rows[1][2]!).LexicalForm);
        Assert.Equal(_es.HubIris().Count.ToString(), ((Literal)rows[1][4]!).LexicalForm);
        // The aggregator's own hubs graph stays empty: nothing it holds is its own.
        Assert.Empty(_agg.HubIris(""));
    }

    [Fact]
    public async Task AChangeOnANodeAppearsAtTheAggregatorWithinTwoSeconds()
    {
        await StartAggregatorAndConverge();
        var lags = new List<double>();
        string iri = _es.HubIris().Order().First();
        for (int i = 0; i < 10; i++)
        {
            var record = Record(_es, iri) with { Name = $"Renamed hub {i}" };
            var clock = Stopwatch.StartNew();
            await _es.Store.Registry.UpsertAsync(record);
            Assert.True(await TestNode.WaitUntil(() => Name(_agg, iri) == $"Renamed hub {i}", TimeSpan.FromSeconds(2)), "the change did not arrive within 2 s");
            lags.Add(clock.Elapsed.TotalMilliseconds);
        }
        lags.Sort();
        output.WriteLine($"replication lag, one change (10 runs): median {lags[5]:F1} ms, max {lags[^1]:F1} ms");

        Assert.True(await _es.Store.Registry.DeleteAsync(iri));
        Assert.True(await TestNode.WaitUntil(() => !_agg.HubIris().Contains(iri), TimeSpan.FromSeconds(2)));
        Assert.Equal(Union(), _agg.HubIris());
        // The SPARQL view at the aggregator follows: the renamed hub's label, the deleted hub gone.
        Assert.Empty(Select(_agg, $"SELECT ?p WHERE {{ <{iri}> ?p ?o }}"));
    }

    [Fact]
    public async Task ARestartedAggregatorResumesWithoutGapOrDuplicate()
    {
        await StartAggregatorAndConverge();
        long applied = _agg.Store.Registry.PeerApplied("it")!.Value;
        int aggChanges = ChangeCount(_agg, "it");
        await _agg.StopAsync();

        // While it is down: IT renames three hubs and deletes one.
        var its = _it.HubIris().Order().Take(4).ToList();
        for (int i = 0; i < 3; i++) await _it.Store.Registry.UpsertAsync(Record(_it, its[i]) with { Name = "While away " + i });
        await _it.Store.Registry.DeleteAsync(its[3]);

        _agg.Start();
        Assert.True(await TestNode.WaitUntil(() => _agg.Store.Registry.PeerApplied("it") == _it.Store.Registry.LastSequence, TimeSpan.FromSeconds(10)));
        Assert.Equal(Union(), _agg.HubIris());
        Assert.Equal("While away 2", Name(_agg, its[2]));
        // Exactly the four changes took effect once each (no snapshot, no replay).
        Assert.Equal(aggChanges + 4, ChangeCount(_agg, "it"));
        Assert.Equal(applied + 4, _agg.Store.Registry.PeerApplied("it"));
    }

    [Fact]
    public async Task ANodeKilledMidStreamComesBackAndTheAggregatorConvergesWhileItsCopyStayedStale()
    {
        await StartAggregatorAndConverge();
        var deHubs = _de.HubIris();
        await _de.StopAsync();
        Assert.True(await TestNode.WaitUntil(() => Peer(_agg, "de").Stale, TimeSpan.FromSeconds(10)), "the copy of a down peer was not marked stale");
        Assert.Equal(deHubs, _agg.HubIris("de")); // the last good copy stays
        // /healthz shows it too (the link's connected flag may lag the stale mark by a heartbeat).
        using var http = new HttpClient();
        string health = "";
        Assert.True(await TestNode.WaitUntil(() =>
        {
            health = http.GetStringAsync(new Uri(_agg.WebUrl, "healthz")).GetAwaiter().GetResult();
            return health.Contains("\"name\":\"de\",\"connected\":false,\"stale\":true", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(10)), health);

        _de.Start();
        string first = deHubs.Order().First();
        await _de.Store.Registry.UpsertAsync(Record(_de, first) with { Name = "Back again" });
        Assert.True(await TestNode.WaitUntil(() => Name(_agg, first) == "Back again", TimeSpan.FromSeconds(15)));
        Assert.True(await TestNode.WaitUntil(() => !Peer(_agg, "de").Stale, TimeSpan.FromSeconds(5)));
        Assert.Equal(Union(), _agg.HubIris());
    }

    [Fact]
    public async Task ASubscriberBehindTheCompactedFeedReBootstrapsFromASnapshot()
    {
        await StartAggregatorAndConverge();
        await _agg.StopAsync();
        var es = _es.HubIris().Order().ToList();
        await _es.Store.Registry.DeleteAsync(es[0]);
        await _es.Store.Registry.UpsertAsync(Record(_es, es[1]) with { Name = "After compaction" });
        Assert.True(await _es.Store.Registry.CompactChangesAsync(_es.Store.Registry.LastSequence) > 0);
        Assert.Equal(_es.Store.Registry.LastSequence, _es.Store.Registry.FirstRetainedSequence);

        _agg.Start();
        Assert.True(await TestNode.WaitUntil(() => _agg.Store.Registry.PeerApplied("es") == _es.Store.Registry.LastSequence, TimeSpan.FromSeconds(10)));
        Assert.Equal(Union(), _agg.HubIris());
        Assert.DoesNotContain(es[0], _agg.HubIris());
        Assert.Equal("After compaction", Name(_agg, es[1]));
    }

    internal static List<Term?[]> Select(TestNode node, string sparql)
    {
        var snapshot = node.Store.Rdf.Snapshot();
        var result = (SelectResult)QueryEvaluator.Execute(SparqlParser.ParseQuery(sparql), snapshot);
        return [.. result.Rows];
    }

    internal static Vocab.Profile.HubRecord Record(TestNode node, string iri)
    {
        using var context = node.Store.NewContext();
        return HubMapping.ToRecord(HubRegistry.LoadHubs(context).AsNoTracking().First(h => h.Iri == iri));
    }

    private static string? Name(TestNode node, string iri)
    {
        using var context = node.Store.NewContext();
        return context.Hubs.Where(h => h.Iri == iri).Select(h => h.Name).FirstOrDefault();
    }

    private static int ChangeCount(TestNode node, string origin)
    {
        using var context = node.Store.NewContext();
        return context.Changes.Count(c => c.Origin == origin);
    }

    private static Replication.PeerStatus Peer(TestNode node, string name) =>
        node.App.Services.GetService(typeof(Node.Federation.PeerStates)) is Node.Federation.PeerStates s
            ? s.All.FirstOrDefault(p => p.Name == name) ?? new Replication.PeerStatus(name, false, true, null, 0, null, null, Client.BreakerState.Closed)
            : throw new InvalidOperationException("no peer states");
}
