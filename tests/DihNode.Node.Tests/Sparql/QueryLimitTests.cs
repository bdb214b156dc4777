using System.Net;
using System.Text.Json;
using static DihNode.Node.Tests.Sparql.SparqlRequests;

namespace DihNode.Node.Tests.Sparql;

/// <summary>The result cap, the body limit and the time limit before the first byte, on a node with small limits.</summary>
public sealed class QueryLimitTests(SmallLimitsNodeFixture node) : IClassFixture<SmallLimitsNodeFixture>
{
    private const string Many = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }";

    [Fact]
    public async Task ALongJsonResultIsCutAndMarked()
    {
        var response = await node.Client.SendAsync(Get(Many));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("true", response.Headers.GetValues("X-DihNode-Truncated").Single());
        Assert.Equal("5", response.Headers.GetValues("X-DihNode-Row-Limit").Single());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(5, json.RootElement.GetProperty("results").GetProperty("bindings").GetArrayLength());
        Assert.True(json.RootElement.GetProperty("dihnode:truncated").GetBoolean());
    }

    [Theory]
    [InlineData("xml", "<truncated xmlns=\"https://w3id.org/dihnode/ns#\" rows=\"5\"/>")]
    [InlineData("csv", "#dihnode:truncated rows=5")]
    [InlineData("tsv", "#dihnode:truncated rows=5")]
    public async Task EveryFormatCarriesTheMark(string format, string marker)
    {
        var response = await node.Client.SendAsync(Get(Many, extra: "&format=" + format));
        string body = await response.Content.ReadAsStringAsync();
        Assert.Contains(marker, body);
        if (format == "xml") System.Xml.Linq.XDocument.Parse(body); // still well-formed
    }

    [Fact]
    public async Task AResultWithinTheCapHasNoMark()
    {
        var response = await node.Client.SendAsync(Get("SELECT ?s WHERE { ?s ?p ?o } LIMIT 5"));
        string body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("truncated", body);
        Assert.False(response.Headers.Contains("X-DihNode-Truncated"));
    }

    [Fact]
    public async Task AConstructResultIsCutToo()
    {
        var response = await node.Client.SendAsync(Get("CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples"));
        Assert.Equal("true", response.Headers.GetValues("X-DihNode-Truncated").Single());
        string[] lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Count(l => l.StartsWith('<') || l.StartsWith('_')));
        Assert.Equal("# dihnode:truncated rows=5", lines[^1]);
    }

    [Fact]
    public async Task ABodyOverTheLimitIs413()
    {
        string query = "ASK { }" + new string(' ', 8000);
        var response = await node.Client.PostAsync("sparql", Direct(query, "application/sparql-query"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task ATimeoutBeforeTheFirstByteIs503WithAMessage()
    {
        var response = await node.Client.SendAsync(Get("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }", extra: "&timeout=0.3"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("time limit of 0.3 s", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ABadTimeoutIs400()
    {
        var response = await node.Client.SendAsync(Get("ASK {}", extra: "&timeout=soon"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

/// <summary>A timeout after the first byte, and the query gate, on a node with one query slot and a 1 s limit.</summary>
public sealed class StreamingLimitTests(StreamingNodeFixture node) : IClassFixture<StreamingNodeFixture>
{
    private const string Endless = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }";

    [Fact]
    public async Task ATimeoutMidStreamLeavesAResponseNoClientTakesForComplete()
    {
        using var response = await node.Client.SendAsync(Get(Endless), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The connection is cut without the closing chunk: reading the body fails.
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var body = await response.Content.ReadAsStreamAsync();
            await body.CopyToAsync(Stream.Null);
        });
    }

    [Fact]
    public async Task WhenAllSlotsAreTakenAQueryIs503AndNeverRuns()
    {
        using var first = await node.Client.SendAsync(Get(Endless, extra: "&timeout=4"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var second = await node.Client.SendAsync(Get("ASK {}"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), second.Headers.RetryAfter!.Delta);
        first.Dispose();
        // Once the first query ends (its limit, or the client going away), the slot is free again.
        HttpStatusCode status = HttpStatusCode.ServiceUnavailable;
        for (int i = 0; i < 100 && status == HttpStatusCode.ServiceUnavailable; i++)
        {
            await Task.Delay(100);
            status = (await node.Client.SendAsync(Get("ASK {}"))).StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, status);
    }
}
