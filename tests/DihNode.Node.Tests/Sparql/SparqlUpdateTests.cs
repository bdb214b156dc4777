using System.Net;
using System.Text.Json;
using DihNode.Node.Tests.Server;
using DihNode.Rdf.Store;
using static DihNode.Node.Tests.Sparql.SparqlRequests;

namespace DihNode.Node.Tests.Sparql;

/// <summary>/sparql/update: the write key, updates seen by the next query, managed graphs, LOAD.</summary>
public sealed class SparqlUpdateTests(NodeFixture node) : IClassFixture<NodeFixture>
{
    private long AllQuads() => node.Store.Rdf.Snapshot().Count(QuadPattern.InAllGraphs());

    [Fact]
    public async Task AnUpdateWithoutTheKeyIs401()
    {
        var response = await node.Client.PostAsync("sparql/update", Direct("INSERT DATA { <http://ex.org/a> <http://ex.org/p> 1 }", "application/sparql-update"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task AnUpdateIsSeenByTheNextQuery()
    {
        using var writer = node.WriterClient();
        var insert = await writer.PostAsync("sparql/update", Form(("update",
            "INSERT DATA { GRAPH <http://ex.org/notes> { <http://ex.org/n1> <http://ex.org/says> \"hello\" } }")));
        Assert.Equal(HttpStatusCode.OK, insert.StatusCode);
        using (var json = JsonDocument.Parse(await insert.Content.ReadAsStringAsync()))
            Assert.Equal(1, json.RootElement.GetProperty("quadsAdded").GetInt64());
        var ask = await node.Client.SendAsync(Get("ASK { <http://ex.org/n1> <http://ex.org/says> \"hello\" }"));
        Assert.Contains("true", await ask.Content.ReadAsStringAsync());
        // A WHERE clause sees the hubs through the union default graph.
        var tag = await writer.PostAsync("sparql/update", Direct(Prefixes +
            "INSERT { GRAPH <http://ex.org/tags> { ?h <http://ex.org/tagged> true } } WHERE { ?h a dih:Hub }", "application/sparql-update"));
        Assert.Equal(HttpStatusCode.OK, tag.StatusCode);
        using (var json = JsonDocument.Parse(await tag.Content.ReadAsStringAsync()))
            Assert.Equal(457, json.RootElement.GetProperty("quadsAdded").GetInt64());
    }

    [Fact]
    public async Task TheUnionDefaultGraphHoldsATripleOnceWhateverGraphsHoldIt()
    {
        using var writer = node.WriterClient();
        var insert = await writer.PostAsync("sparql/update", Direct(
            "INSERT DATA { <http://ex.org/twice> <http://ex.org/p> 1 . GRAPH <http://ex.org/g1> { <http://ex.org/twice> <http://ex.org/p> 1 } GRAPH <http://ex.org/g2> { <http://ex.org/twice> <http://ex.org/p> 1 } }",
            "application/sparql-update"));
        Assert.Equal(HttpStatusCode.OK, insert.StatusCode);
        var count = await node.Client.SendAsync(Get("SELECT (COUNT(*) AS ?n) WHERE { <http://ex.org/twice> ?p ?o }", "text/csv"));
        Assert.Equal("n\r\n1\r\n", await count.Content.ReadAsStringAsync());
        var named = await node.Client.SendAsync(Get("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { <http://ex.org/twice> ?p ?o } }", "text/csv"));
        Assert.Equal("n\r\n2\r\n", await named.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("INSERT DATA { GRAPH <HUBS> { <http://ex.org/x> <http://ex.org/p> 1 } }")]
    [InlineData("CLEAR ALL")]
    [InlineData("DROP GRAPH <HUBS>")]
    [InlineData("DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } }")]
    [InlineData("INSERT DATA { GRAPH <http://ex.org/first> { <http://ex.org/x> <http://ex.org/p> 1 } } ; MOVE <http://ex.org/first> TO <HUBS>")]
    public async Task AnUpdateTouchingAManagedGraphIs403AndChangesNothing(string update)
    {
        long before = AllQuads();
        using var writer = node.WriterClient();
        var response = await writer.PostAsync("sparql/update", Direct(update.Replace("HUBS", node.Store.Iris.HubsGraph.Value), "application/sparql-update"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("managed", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, AllQuads());
    }

    [Theory]
    [InlineData("LOAD <http://example.org/data.ttl>")]
    [InlineData("LOAD <file:///etc/passwd> INTO GRAPH <http://ex.org/g>")]
    public async Task LoadFetchesNothing(string update)
    {
        using var writer = node.WriterClient();
        var response = await writer.PostAsync("sparql/update", Direct(update, "application/sparql-update"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("LOAD", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ProtocolErrorsOfUpdates()
    {
        using var writer = node.WriterClient();
        var get = await writer.GetAsync("sparql/update?update=CLEAR%20ALL");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        var syntax = await writer.PostAsync("sparql/update", Form(("update", "CLEAR XYZ")));
        Assert.Equal(HttpStatusCode.BadRequest, syntax.StatusCode);
        Assert.Contains("line 1, column", await syntax.Content.ReadAsStringAsync());
        var conflict = await writer.PostAsync("sparql/update?using-graph-uri=http%3A%2F%2Fex.org%2Fg",
            Direct("WITH <http://ex.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "application/sparql-update"));
        Assert.Equal(HttpStatusCode.BadRequest, conflict.StatusCode);
        var twice = await writer.PostAsync("sparql/update", Form(("update", "CLEAR NAMED"), ("update", "CLEAR DEFAULT")));
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        var media = await writer.PostAsync("sparql/update", Direct("CLEAR DEFAULT", "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, media.StatusCode);
    }
}
