using System.Diagnostics;
using DihNode.Rdf.Model;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DihNode.Federation.Tests;

/// <summary>The whole EDIH catalogue (457 hubs) on one node, bootstrapped by an aggregator; the same hubs from a second node are linked, not merged.</summary>
public sealed class AggregatorScaleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TheAggregatorBootstrapsAllHubsAndLinksTheSameHubPublishedByTwoNodes()
    {
        await using var all = TestNode.National("all", null);
        await using var mirror = TestNode.National("mirror", "MT", "https://mt.example.org");
        await using var agg = TestNode.Empty("eu").AsAggregator();
        TestNode.Link(agg, all);
        TestNode.Link(agg, mirror);
        all.Start();
        mirror.Start();
        int total = all.HubIris().Count;
        Assert.Equal(457, total);

        var clock = Stopwatch.StartNew();
        agg.Start();
        Assert.True(await TestNode.WaitUntil(() => agg.HubIris("all").Count == total && agg.HubIris("mirror").Count == mirror.HubIris().Count, TimeSpan.FromSeconds(60)));
        var replicator = agg.App.Services.GetRequiredService<Replication.ReplicationService>().Replicators.First(r => r.Peer == "all");
        Assert.True(await TestNode.WaitUntil(() => replicator.LastBootstrap is not null, TimeSpan.FromSeconds(5)));
        output.WriteLine($"snapshot bootstrap of {total} hubs: {replicator.LastBootstrap!.Value.TotalMilliseconds:F0} ms (download + apply); visible at the aggregator after {clock.ElapsedMilliseconds} ms from its start");

        // Maltese hubs are published by both nodes under different IRIs: each copy stays in its own graph,
        // and the links graph relates them (same website host or name and country).
        var mt = mirror.HubIris();
        Assert.All(mt, iri => Assert.StartsWith("https://mt.example.org/", iri));
        var links = ReplicationTests.Select(agg, $$"""
            SELECT ?a ?b WHERE { GRAPH <{{agg.Store.Iris.LinksGraph.Value}}> { ?a <http://purl.org/dc/terms/relation> ?b } FILTER (STRSTARTS(STR(?a), "https://mt.example.org/")) }
            """);
        Assert.Equal(mt.Count, links.Select(r => ((Iri)r[0]!).Value).Distinct().Count());
        Assert.All(links, r => Assert.StartsWith("https://dih.example.org/hub/edih2025/mt-", ((Iri)r[1]!).Value));

        // One change, end to end (median of 10).
        var lags = new List<double>();
        string iri = all.HubIris().Order().Last();
        for (int i = 0; i < 10; i++)
        {
            var watch = Stopwatch.StartNew();
            await all.Store.Registry.UpsertAsync(ReplicationTests.Record(all, iri) with { Name = "Lag probe " + i });
            Assert.True(await TestNode.WaitUntil(() => ReplicationTests.Record(agg, iri).Name == "Lag probe " + i, TimeSpan.FromSeconds(2)));
            lags.Add(watch.Elapsed.TotalMilliseconds);
        }
        lags.Sort();
        output.WriteLine($"change-to-visible at the aggregator with 457+ hubs: median {lags[5]:F1} ms, max {lags[^1]:F1} ms");
    }
}
