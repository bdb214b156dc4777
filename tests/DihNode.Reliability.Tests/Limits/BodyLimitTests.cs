using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DihNode.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace DihNode.Reliability.Tests.Limits;

/// <summary>
/// Issue 11 item 3: bodies over the limit (64 KiB here) get 413 before they are parsed (the bodies here
/// are malformed from the first byte, so a parser would have answered 400), with or without a
/// Content-Length; nesting deeper than 128 gets 400 in every syntax, and 100,000 levels never crash the process.
/// </summary>
public sealed class BodyLimitTests(SmallLimitsNode node, ITestOutputHelper output) : IClassFixture<SmallLimitsNode>
{
    private const int Limit = 64 * 1024;

    public static TheoryData<string, string, string> Targets => new()
    {
        { "sparql", "application/sparql-query", "query" },
        { "sparql/update", "application/sparql-update", "update" },
        { "graph-store?graph=http%3A%2F%2Fexample.org%2Fbig", "text/turtle", "turtle" },
        { "graph-store?graph=http%3A%2F%2Fexample.org%2Fbig", "application/ld+json", "json-ld" },
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task ABodyOverTheLimitIs413BeforeParsing(string path, string mediaType, string what)
    {
        using var writer = node.WriterClient();
        byte[] garbage = Encoding.ASCII.GetBytes(new string('}', Limit + 1000));
        foreach (bool chunked in new[] { false, true })
        {
            using var response = await SendRefusedBody(writer, path, mediaType, garbage, chunked);
            string body = await response.Content.ReadAsStringAsync();
            output.WriteLine($"{what}, {(chunked ? "chunked" : "with length")}: {(int)response.StatusCode} {body.Trim()}");
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }
        // Just under the limit the same bytes reach the parser: a syntax error, which shows the 413 came first.
        var small = new ByteArrayContent(garbage.AsSpan(0, 100).ToArray());
        small.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        using var parsed = await writer.SendAsync(new HttpRequestMessage(path.StartsWith("graph-store", StringComparison.Ordinal) ? HttpMethod.Put : HttpMethod.Post, path) { Content = small });
        Assert.Equal(HttpStatusCode.BadRequest, parsed.StatusCode);
    }

    /// <summary>
    /// Sends a body the node refuses while it is still being sent: the node answers and closes, and the
    /// client may see its upload cut before it reads the answer; such an attempt is repeated (at most 5 times).
    /// </summary>
    private static async Task<HttpResponseMessage> SendRefusedBody(HttpClient client, string path, string mediaType, byte[] bytes, bool chunked)
    {
        for (int attempt = 1; ; attempt++)
        {
            HttpContent content = chunked ? new StreamContent(new NoLengthStream(bytes)) : new ByteArrayContent(bytes);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
            var request = new HttpRequestMessage(path.StartsWith("graph-store", StringComparison.Ordinal) ? HttpMethod.Put : HttpMethod.Post, path) { Content = content };
            try
            {
                return await client.SendAsync(request);
            }
            catch (HttpRequestException) when (attempt < 5)
            {
            }
        }
    }

    internal static string PathologicalShorten(string text) => text.Length <= 200 ? text.Trim() : text[..200] + "...";

    /// <summary>A stream that hides its length, so the client sends the body chunked (no Content-Length for the server to check up front).</summary>
    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

/// <summary>
/// Issue 11 item 3: nesting deeper than 128 gets 400 in every syntax (SPARQL query and update, Turtle,
/// TriG, JSON-LD, RDF/XML); 100 levels go in; 100,000 levels (under the default 10 MiB body limit)
/// never overflow the stack, which would end the process and this test run with it.
/// </summary>
public sealed class NestingTests(ShortTimeoutNode node, ITestOutputHelper output) : IClassFixture<ShortTimeoutNode>
{
    public static TheoryData<string, int> Nested
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (string kind in new[] { "sparql-group", "sparql-expression", "sparql-subquery", "update-group", "turtle-bnode", "turtle-collection", "trig-bnode", "jsonld-object", "jsonld-array", "rdfxml" })
                foreach (int depth in new[] { 100, 200, 100_000 })
                    data.Add(kind, depth);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Nested))]
    public async Task NestingOverTheBoundIs400AndNeverACrash(string kind, int depth)
    {
        using var writer = node.WriterClient();
        (string path, string mediaType, string text) = Document(kind, depth);
        var content = new StringContent(text, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        using var request = new HttpRequestMessage(path.StartsWith("graph-store", StringComparison.Ordinal) ? HttpMethod.Put : HttpMethod.Post, path) { Content = content };
        using var response = await writer.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        output.WriteLine($"{kind} depth {depth}: {(int)response.StatusCode} {BodyLimitTests.PathologicalShorten(body)}");
        if (depth <= 100) Assert.True(response.IsSuccessStatusCode, $"{kind} at depth {depth}: {(int)response.StatusCode} {body}");
        else
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True(body.Contains("nest", StringComparison.OrdinalIgnoreCase) || body.Contains("depth", StringComparison.OrdinalIgnoreCase), body);
        }
    }

    private static (string Path, string MediaType, string Text) Document(string kind, int depth)
    {
        string graph = "graph-store?graph=http%3A%2F%2Fexample.org%2Fdeep-" + kind;
        string Repeat(string s, int n) => new StringBuilder(s.Length * n).Insert(0, s, n).ToString();
        return kind switch
        {
            "sparql-group" => ("sparql", "application/sparql-query", "SELECT * WHERE " + Repeat("{", depth) + Repeat("}", depth)),
            "sparql-expression" => ("sparql", "application/sparql-query", "SELECT * WHERE { FILTER(" + Repeat("(", depth) + "1" + Repeat(")", depth) + ") }"),
            "sparql-subquery" => ("sparql", "application/sparql-query", "SELECT * WHERE { " + Repeat("{ SELECT * WHERE ", depth) + "{}" + Repeat(" }", depth) + " }"),
            "update-group" => ("sparql/update", "application/sparql-update", "INSERT { <http://example.org/s> <http://example.org/p> 1 } WHERE " + Repeat("{", depth) + Repeat("}", depth)),
            "turtle-bnode" => (graph, "text/turtle", "<http://example.org/s> <http://example.org/p> " + Repeat("[ <http://example.org/p> ", depth) + "1" + Repeat(" ]", depth) + " ."),
            "turtle-collection" => (graph, "text/turtle", "<http://example.org/s> <http://example.org/p> " + Repeat("( ", depth) + "1" + Repeat(" )", depth) + " ."),
            "trig-bnode" => ("graph-store?graph=http%3A%2F%2Fexample.org%2Fdeep-trig", "application/trig", "{ <http://example.org/s> <http://example.org/p> " + Repeat("[ <http://example.org/p> ", depth) + "1" + Repeat(" ]", depth) + " . }"),
            "jsonld-object" => (graph, "application/ld+json", "{\"@id\": \"http://example.org/s\", " + Repeat("\"http://example.org/p\": {", depth) + "\"@value\": 1" + Repeat("}", depth) + "}"),
            "jsonld-array" => (graph, "application/ld+json", "{\"@id\": \"http://example.org/s\", \"http://example.org/p\": " + Repeat("[", depth) + "1" + Repeat("]", depth) + "}"),
            "rdfxml" => (graph, "application/rdf+xml", "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:ex=\"http://example.org/\"><rdf:Description rdf:about=\"http://example.org/s\">"
                + Repeat("<ex:p><rdf:Description>", depth) + "<ex:q>1</ex:q>" + Repeat("</rdf:Description></ex:p>", depth) + "</rdf:Description></rdf:RDF>"),
            _ => throw new ArgumentException(kind),
        };
    }

}
