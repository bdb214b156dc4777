using System.Net;
using System.Text.Json;
using DihNode.Node.Tests.Server;
using static DihNode.Node.Tests.Sparql.SparqlRequests;

namespace DihNode.Node.Tests.Sparql;

/// <summary>/sparql over a real node with the EDIH catalogue: the protocol's forms, content negotiation, errors.</summary>
public sealed class SparqlQueryTests(NodeFixture node) : IClassFixture<NodeFixture>
{
    private const string CountHubs = Prefixes + "SELECT (COUNT(?h) AS ?n) WHERE { ?h a dih:Hub }";

    private static async Task<int> CountFrom(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return int.Parse(json.RootElement.GetProperty("results").GetProperty("bindings")[0].GetProperty("n").GetProperty("value").GetString()!);
    }

    [Fact]
    public async Task TheDefaultGraphIsTheUnionOfAllGraphs()
    {
        // The hubs live in the named graph {base}/graph/hubs; no GRAPH clause is needed to find them.
        var response = await node.Client.SendAsync(Get(CountHubs));
        Assert.Equal(457, await CountFrom(response));
        Assert.Equal("application/sparql-results+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Accept", response.Headers.Vary);
    }

    [Fact]
    public async Task AProtocolDatasetReplacesTheUnion()
    {
        var none = await node.Client.SendAsync(Get(CountHubs, extra: "&default-graph-uri=" + Uri.EscapeDataString("http://example.org/empty")));
        Assert.Equal(0, await CountFrom(none));
        string hubs = node.Store.Iris.HubsGraph.Value;
        var named = await node.Client.SendAsync(Get(Prefixes + "SELECT (COUNT(?h) AS ?n) WHERE { GRAPH ?g { ?h a dih:Hub } }",
            extra: "&named-graph-uri=" + Uri.EscapeDataString(hubs)));
        Assert.Equal(457, await CountFrom(named));
    }

    [Fact]
    public async Task PostFormAndDirectBodyGiveTheSameAnswer()
    {
        var form = await node.Client.PostAsync("sparql", Form(("query", CountHubs)));
        Assert.Equal(457, await CountFrom(form));
        var direct = await node.Client.PostAsync("sparql", Direct(CountHubs, "application/sparql-query"));
        Assert.Equal(457, await CountFrom(direct));
    }

    [Theory]
    [InlineData("application/sparql-results+xml", null, "application/sparql-results+xml", "<sparql")]
    [InlineData("text/csv", null, "text/csv", "n\r\n457")]
    [InlineData("text/tab-separated-values", null, "text/tab-separated-values", "?n\n457")]
    [InlineData(null, "tsv", "text/tab-separated-values", "?n\n457")]
    [InlineData("text/csv", "xml", "application/sparql-results+xml", "<sparql")]
    public async Task SelectResultsAreNegotiated(string? accept, string? format, string mediaType, string bodyStart)
    {
        var response = await node.Client.SendAsync(Get(CountHubs, accept, format is null ? "" : "&format=" + format));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        string body = await response.Content.ReadAsStringAsync();
        Assert.Contains(bodyStart, body.Replace("\"457\"^^<http://www.w3.org/2001/XMLSchema#integer>", "457"));
    }

    [Theory]
    [InlineData("text/turtle", "text/turtle", "@prefix")]
    [InlineData("application/n-triples", "application/n-triples", "<https://")]
    [InlineData("application/rdf+xml", "application/rdf+xml", "rdf:RDF")]
    [InlineData("application/ld+json", "application/ld+json", "@")]
    [InlineData("application/n-quads", "application/n-quads", "<https://")]
    [InlineData("application/trig", "application/trig", "@prefix")]
    public async Task ConstructResultsAreNegotiated(string accept, string mediaType, string contains)
    {
        string query = Prefixes + "CONSTRUCT { ?h a dih:Hub } WHERE { ?h a dih:Hub } LIMIT 3";
        var response = await node.Client.SendAsync(Get(query, accept));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(contains, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AskAnswersJsonAndXml()
    {
        var json = await node.Client.SendAsync(Get(Prefixes + "ASK { ?h a dih:Hub }"));
        Assert.Contains("\"boolean\": true", await json.Content.ReadAsStringAsync());
        var xml = await node.Client.SendAsync(Get(Prefixes + "ASK { ?h a dih:Nothing }", "application/sparql-results+xml"));
        Assert.Contains("<boolean>false</boolean>", await xml.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "image/png")]
    [InlineData("ASK { }", "text/csv")]
    [InlineData("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", "application/sparql-results+json")]
    public async Task NothingAcceptableIs406(string query, string accept)
    {
        var response = await node.Client.SendAsync(Get(query, accept));
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Fact]
    public async Task AMalformedQueryIs400WithLineAndColumn()
    {
        var response = await node.Client.SendAsync(Get("SELECT * WHERE {\n  ?s ?p \n}"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string body = await response.Content.ReadAsStringAsync();
        Assert.Matches(@"line 3, column \d+", body);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/sparql-query; charset=UTF-16")]
    public async Task AnotherMediaTypeIs415(string contentType)
    {
        var content = new StringContent("ASK {}");
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        var response = await node.Client.PostAsync("sparql", content);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task TwoQueriesOrAnotherMethodAreRefused()
    {
        var two = await node.Client.GetAsync("sparql?query=ASK%20%7B%7D&query=ASK%20%7B%7D");
        Assert.Equal(HttpStatusCode.BadRequest, two.StatusCode);
        var put = await node.Client.PutAsync("sparql?query=ASK%20%7B%7D", null);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.StatusCode);
        var update = await node.Client.GetAsync("sparql?update=CLEAR%20ALL");
        Assert.Equal(HttpStatusCode.BadRequest, update.StatusCode);
    }

    [Fact]
    public async Task AServiceSendsNothingOut()
    {
        var response = await node.Client.SendAsync(Get("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
