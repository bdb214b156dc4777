using System.Net;
using DihNode.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace DihNode.Reliability.Tests.Limits;

/// <summary>Issue 11 item 2: a result over the row cap (10 here) says so in every format; a complete one does not.</summary>
public sealed class TruncationTests(SmallLimitsNode node, ITestOutputHelper output) : IClassFixture<SmallLimitsNode>
{
    private const string Select = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 50";
    private const string SmallSelect = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 5";
    private const string Construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 50";
    private const string SmallConstruct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5";

    public static TheoryData<string, string, string?> Formats => new()
    {
        // format parameter, query, the marker the body must end with (null: the header alone, for syntaxes without comments)
        { "json", Select, "\"dihnode:truncated\": true" },
        { "xml", Select, "<truncated xmlns=\"https://w3id.org/dihnode/ns#\" rows=\"10\"/>" },
        { "csv", Select, "#dihnode:truncated rows=10" },
        { "tsv", Select, "#dihnode:truncated rows=10" },
        { "ttl", Construct, "# dihnode:truncated rows=10" },
        { "nt", Construct, "# dihnode:truncated rows=10" },
        { "trig", Construct, "# dihnode:truncated rows=10" },
        { "nq", Construct, "# dihnode:truncated rows=10" },
        { "rdf", Construct, null },
        { "jsonld", Construct, null },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task AResultOverTheRowCapCarriesTheMarker(string format, string query, string? marker)
    {
        using var response = await node.Client.GetAsync(LimitedNode.Sparql(query, "&format=" + format));
        string body = await response.Content.ReadAsStringAsync();
        output.WriteLine($"{format}: {(int)response.StatusCode}, {body.Length} chars, ends: {body[Math.Max(0, body.Length - 120)..]}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("10", response.Headers.GetValues("X-DihNode-Row-Limit").Single());
        Assert.Equal("true", response.Headers.GetValues("X-DihNode-Truncated").Single());
        if (marker is not null)
        {
            Assert.Contains(marker, body);
            // The marker closes the document: nothing but the format's closing follows it.
            string after = body[(body.LastIndexOf(marker, StringComparison.Ordinal) + marker.Length)..].Trim();
            Assert.True(after is "" or "}" or "</sparql>", $"after the marker: '{after}'");
        }
    }

    [Theory]
    [InlineData("json", SmallSelect)]
    [InlineData("xml", SmallSelect)]
    [InlineData("csv", SmallSelect)]
    [InlineData("tsv", SmallSelect)]
    [InlineData("ttl", SmallConstruct)]
    [InlineData("nt", SmallConstruct)]
    [InlineData("jsonld", SmallConstruct)]
    public async Task AResultUnderTheRowCapHasNoMarker(string format, string query)
    {
        using var response = await node.Client.GetAsync(LimitedNode.Sparql(query, "&format=" + format));
        string body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("X-DihNode-Truncated"));
        Assert.DoesNotContain("truncated", body);
    }
}

/// <summary>Issue 11 item 2: a query whose time runs out after its result began to stream leaves the client a broken transfer.</summary>
public sealed class MidStreamTimeoutTests(StreamingNode node, ITestOutputHelper output) : IClassFixture<StreamingNode>
{
    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    [InlineData("csv")]
    [InlineData("tsv")]
    public async Task ATimeoutAfterTheFirstByteIsABrokenTransferNeverACompleteDocument(string format)
    {
        // A cartesian product streams rows at once and would go on for hours.
        using var response = await node.Client.GetAsync(LimitedNode.Sparql("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", "&format=" + format),
            HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the headers went out before the time ran out
        long received = 0;
        var failure = await Record.ExceptionAsync(async () =>
        {
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[65536];
            int n;
            while ((n = await body.ReadAsync(buffer)) > 0) received += n;
        });
        output.WriteLine($"{format}: {received} bytes, then {failure?.GetType().Name}: {failure?.Message}");
        Assert.True(received > 32 * 1024, $"only {received} bytes streamed");
        Assert.NotNull(failure);
        Assert.True(failure is HttpIOException or IOException, failure.ToString());
    }
}
