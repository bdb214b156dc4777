using System.Diagnostics;
using System.Net;
using System.Text;
using DihNode.Node.Sparql;
using DihNode.Node.Tests.Server;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DihNode.Node.Tests.Sparql;

/// <summary>GET /sparql without a query (the service description) and /void.</summary>
public sealed class ServiceDescriptionTests(NodeFixture node, ITestOutputHelper output) : IClassFixture<NodeFixture>
{
    private const string Sd = "http://www.w3.org/ns/sparql-service-description#";
    private const string Void = "http://rdfs.org/ns/void#";

    private static List<Quad> Parse(string body, RdfFormat format)
    {
        var quads = new List<Quad>();
        RdfParser.Parse(System.Text.Encoding.UTF8.GetBytes(body), format, new Sink(quads), new RdfParserOptions { BaseIri = "http://base.example/" });
        return quads;
    }

    [Theory]
    [InlineData(null, RdfFormat.Turtle)]
    [InlineData("application/ld+json", RdfFormat.JsonLd)]
    [InlineData("application/rdf+xml", RdfFormat.RdfXml)]
    public async Task TheServiceDescriptionNamesTheEndpointAndTheUnionDefaultGraph(string? accept, RdfFormat format)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "sparql");
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        var response = await node.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(format.MediaType(), response.Content.Headers.ContentType!.MediaType);
        var quads = Parse(await response.Content.ReadAsStringAsync(), format);
        var service = quads.Single(q => q.Predicate.Value == Sd + "endpoint");
        Assert.Equal(node.BaseAddress + "sparql", ((Iri)service.Object).Value);
        Assert.Contains(quads, q => q.Subject == service.Subject && q.Predicate.Value == Sd + "feature" && q.Object is Iri { Value: Sd + "UnionDefaultGraph" });
        Assert.Contains(quads, q => q.Predicate.Value == Sd + "name" && q.Object is Iri i && i == node.Store.Iris.HubsGraph);
        long triples = quads.Where(q => q.Predicate.Value == Void + "triples").Select(q => long.Parse(((Literal)q.Object).LexicalForm)).Max();
        Assert.Equal(node.Store.Rdf.Snapshot().Count(Rdf.Store.QuadPattern.InAllGraphs()), triples);
    }

    [Fact]
    public async Task VoidDescribesTheDatasetWithStatistics()
    {
        var response = await node.Client.GetAsync("void");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var quads = Parse(await response.Content.ReadAsStringAsync(), RdfFormat.Turtle);
        Assert.Contains(quads, q => q.Predicate == Vocabulary.Rdf.Type && q.Object is Iri { Value: Void + "Dataset" });
        foreach (string p in (string[])["classes", "properties", "distinctSubjects", "distinctObjects"])
            Assert.Contains(quads, q => q.Predicate.Value == Void + p && long.Parse(((Literal)q.Object).LexicalForm) > 0);
        Assert.DoesNotContain(quads, q => q.Predicate.Value == Sd + "endpoint");
    }

    [Fact]
    public async Task TheStatisticsAreComputedOncePerStateOfTheStore()
    {
        var cache = node.App.Services.GetRequiredService<VoidStatisticsCache>();
        string dataset = node.BaseAddress + "void#dataset";
        async Task<(long Triples, long NewGraphTriples, double Ms)> ReadVoid()
        {
            var clock = Stopwatch.StartNew();
            using var response = await node.Client.GetAsync("void");
            string body = await response.Content.ReadAsStringAsync();
            double ms = clock.Elapsed.TotalMilliseconds;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var quads = Parse(body, RdfFormat.Turtle);
            long Count(Term subject) => quads.Where(q => q.Subject == subject && q.Predicate.Value == Void + "triples").Select(q => long.Parse(((Literal)q.Object).LexicalForm)).Single();
            var name = quads.FirstOrDefault(q => q.Predicate.Value == Sd + "name" && q.Object is Iri { Value: "http://example.org/void-cache" });
            long inNew = name.Subject is null ? 0 : Count(quads.Single(q => q.Subject == name.Subject && q.Predicate.Value == Sd + "graph").Object);
            return (Count(Iri.Create(dataset)), inNew, ms);
        }

        var first = await ReadVoid();
        int computed = cache.Computations;
        Assert.True(computed >= 1);
        var second = await ReadVoid();
        using (var description = await node.Client.GetAsync("sparql")) Assert.Equal(HttpStatusCode.OK, description.StatusCode);
        var third = await ReadVoid();
        Assert.Equal(computed, cache.Computations); // no write: served from the cache, the service description too
        Assert.Equal(first.Triples, second.Triples);
        Assert.Equal(first.Triples, third.Triples);
        Assert.Equal(0, first.NewGraphTriples);

        using var writer = node.WriterClient();
        using (var put = await writer.PutAsync("graph-store?graph=" + Uri.EscapeDataString("http://example.org/void-cache"),
            new StringContent("<http://example.org/a> <http://example.org/p> 1, 2 .", Encoding.UTF8, "text/turtle")))
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        var afterWrite = await ReadVoid();
        Assert.Equal(computed + 1, cache.Computations); // the write changed the store's version: computed again
        Assert.Equal(first.Triples + 2, afterWrite.Triples);
        Assert.Equal(2, afterWrite.NewGraphTriples);
        var cached = await ReadVoid();
        Assert.Equal(computed + 1, cache.Computations);
        Assert.Equal(afterWrite.Triples, cached.Triples);
        output.WriteLine($"GET /void over {first.Triples} triples: computed {afterWrite.Ms:F1} ms (after the write), cached {second.Ms:F1} / {third.Ms:F1} / {cached.Ms:F1} ms");

        // The figures for the README: what each request cost before the cache (one pass over all quads), and a cached request.
        var computeMs = new List<double>();
        for (int i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            VoidStatistics.Compute(node.Store.Rdf.Snapshot());
            computeMs.Add(clock.Elapsed.TotalMilliseconds);
        }
        var cachedMs = new List<double>();
        for (int i = 0; i < 20; i++) cachedMs.Add((await ReadVoid()).Ms);
        Assert.Equal(computed + 1, cache.Computations);
        output.WriteLine($"statistics computed: median {computeMs.Order().ElementAt(2):F1} ms (min {computeMs.Min():F1}); GET /void from the cache: median {cachedMs.Order().ElementAt(10):F1} ms (min {cachedMs.Min():F1})");
    }

    private sealed class Sink(List<Quad> quads) : IQuadSink
    {
        public void Add(in Quad quad) => quads.Add(quad);
    }
}
