using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DihNode.Node.Tests.Server;
using DihNode.Rdf.Store;

namespace DihNode.Node.Tests.GraphStore;

/// <summary>The Graph Store HTTP Protocol over a real node: round trips, conneg, errors, managed graphs.</summary>
public sealed class GraphStoreTests(NodeFixture node) : IClassFixture<NodeFixture>
{
    private const string Person = "<http://ex.org/p1> <http://xmlns.com/foaf/0.1/name> \"Ada\" .\n";

    private static StringContent Turtle(string text, string mediaType = "text/turtle") =>
        new(text, Encoding.UTF8, new MediaTypeHeaderValue(mediaType));

    private static string Graph(string iri) => "graph-store?graph=" + Uri.EscapeDataString(iri);

    private long AllQuads() => node.Store.Rdf.Snapshot().Count(QuadPattern.InAllGraphs());

    [Fact]
    public async Task PutGetPostDeleteRoundTrip()
    {
        using var writer = node.WriterClient();
        string g = Graph("http://ex.org/people");
        Assert.Equal(HttpStatusCode.Created, (await writer.PutAsync(g, Turtle(Person))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.PutAsync(g, Turtle(Person))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await writer.PostAsync(g, Turtle("<http://ex.org/p2> <http://xmlns.com/foaf/0.1/name> \"Bo\" .", "application/n-triples"))).StatusCode);

        var request = new HttpRequestMessage(HttpMethod.Get, g);
        request.Headers.Accept.ParseAdd("application/n-triples");
        var get = await node.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("application/n-triples", get.Content.Headers.ContentType!.MediaType);
        string[] lines = (await get.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);

        var head = await node.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, g));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("text/turtle", head.Content.Headers.ContentType!.MediaType);

        Assert.Equal(HttpStatusCode.OK, (await writer.DeleteAsync(g)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await node.Client.GetAsync(g)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await writer.DeleteAsync(g)).StatusCode);
    }

    [Fact]
    public async Task PostToTheServiceCreatesAGraph()
    {
        using var writer = node.WriterClient();
        var created = await writer.PostAsync("graph-store", Turtle("[] <http://xmlns.com/foaf/0.1/name> \"Cy\" ."));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Uri location = created.Headers.Location!;
        Assert.True(location.IsAbsoluteUri);
        var direct = await node.Client.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
        Assert.Contains("\"Cy\"", await direct.Content.ReadAsStringAsync());
        var indirect = await node.Client.GetAsync(Graph(location.ToString()));
        Assert.Equal(HttpStatusCode.OK, indirect.StatusCode);
    }

    [Fact]
    public async Task AnUpdateThenAQueryThenTheGraphStoreAgree()
    {
        using var writer = node.WriterClient();
        var update = await writer.PostAsync("sparql/update", new StringContent(
            "INSERT DATA { GRAPH <http://ex.org/shared> { <http://ex.org/s> <http://ex.org/p> \"v\" } }", Encoding.UTF8, new MediaTypeHeaderValue("application/sparql-update")));
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var get = await node.Client.GetAsync(Graph("http://ex.org/shared"));
        Assert.Contains("\"v\"", await get.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheDefaultGraphCanBeReplacedAndRead()
    {
        using var writer = node.WriterClient();
        var put = await writer.PutAsync("graph-store?default", Turtle(Person));
        Assert.Contains(put.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.NoContent });
        var get = await node.Client.GetAsync("graph-store?default");
        Assert.Contains("\"Ada\"", await get.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ErrorsChangeNothing()
    {
        using var writer = node.WriterClient();
        long before = AllQuads();
        string g = Graph("http://ex.org/errors");
        Assert.Equal(HttpStatusCode.Unauthorized, (await node.Client.PutAsync(g, Turtle(Person))).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await writer.PutAsync(g, Turtle(Person, "application/x-unknown"))).StatusCode);
        var malformed = await writer.PutAsync(g, Turtle(Person + "<http://ex.org/p1> <http://ex.org/q> ."));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("line 2, column", await malformed.Content.ReadAsStringAsync());
        var managed = await writer.PutAsync(Graph(node.Store.Iris.HubsGraph.Value), Turtle(Person));
        Assert.Equal(HttpStatusCode.Forbidden, managed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.DeleteAsync(Graph(node.Store.Iris.LinksGraph.Value))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await node.Client.GetAsync("graph-store?default&graph=http%3A%2F%2Fex.org%2Fg")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await node.Client.GetAsync("graph-store")).StatusCode);
        var notAcceptable = new HttpRequestMessage(HttpMethod.Get, Graph(node.Store.Iris.HubsGraph.Value));
        notAcceptable.Headers.Accept.ParseAdd("image/png");
        Assert.Equal(HttpStatusCode.NotAcceptable, (await node.Client.SendAsync(notAcceptable)).StatusCode);
        Assert.Equal(before, AllQuads());
    }

    [Fact]
    public async Task AManagedGraphCanBeRead()
    {
        var response = await node.Client.GetAsync(Graph(node.Store.Iris.HubsGraph.Value));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("dih:Hub", await response.Content.ReadAsStringAsync());
    }
}
