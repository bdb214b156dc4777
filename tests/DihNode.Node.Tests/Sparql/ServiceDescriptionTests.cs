using System.Net;
using DihNode.Node.Tests.Server;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;

namespace DihNode.Node.Tests.Sparql;

/// <summary>GET /sparql without a query (the service description) and /void.</summary>
public sealed class ServiceDescriptionTests(NodeFixture node) : IClassFixture<NodeFixture>
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

    private sealed class Sink(List<Quad> quads) : IQuadSink
    {
        public void Add(in Quad quad) => quads.Add(quad);
    }
}
