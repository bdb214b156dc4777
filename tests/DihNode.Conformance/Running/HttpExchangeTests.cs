using System.Net.Http.Headers;
using System.Text;
using DihNode.Conformance.Manifests;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Results;

namespace DihNode.Conformance.Running;

/// <summary>
/// mf:ProtocolTest and mf:GraphStoreProtocolTest: the mf:action is an ht:Connection whose ht:requests
/// (a list) run in order against a fresh node (<see cref="TestNode"/>), after the test's ut:graphData
/// files were loaded as named graphs (rdfs:label the name). Each request's ht:resp says what to expect:
/// mf:expectedStatus (a status or a class such as hts:StatusCode2xx; any of several), mf:expectedFormat
/// ("boolean", "tabular", "RDF": the response's media type), mf:expectedBoolean, response ht:headers
/// (the content-type, compared as media type and charset), an ht:body (RDF, compared with the
/// response's graph by isomorphism) and mf:expectedLocation (the Location header, substituted for the
/// template in later requests' paths and bodies).
/// Paths: the manifests' "/sparql/" is the node's /sparql, or /sparql/update for a request that is an
/// update (an application/sparql-update body, an "update" form field, or an update parameter in the
/// URL); "/gsp" is the node's /graph-store. Every request carries the node's write key.
/// </summary>
internal static class HttpExchangeTests
{
    private const string Ht = "http://www.w3.org/2011/http#";
    private const string Cnt = "http://www.w3.org/2011/content#";
    private const string Hts = "http://www.w3.org/2011/http-statusCodes#";
    private const string Rdfs = "http://www.w3.org/2000/01/rdf-schema#";

    private static Iri I(string ns, string local) => Iri.FromTrusted(ns + local);

    private static readonly Dictionary<string, (int Low, int High)> s_statuses = new(StringComparer.Ordinal)
    {
        ["StatusCode2xx"] = (200, 299), ["StatusCode3xx"] = (300, 399), ["StatusCode4xx"] = (400, 499), ["StatusCode5xx"] = (500, 599),
        ["OK"] = (200, 200), ["Created"] = (201, 201), ["NoContent"] = (204, 204), ["NotFound"] = (404, 404),
        ["BadRequest"] = (400, 400), ["UnsupportedMediaType"] = (415, 415), ["MethodNotAllowed"] = (405, 405),
    };

    public static TestOutcome Protocol(TestEntry test) => Run(test, protocol: true);

    public static TestOutcome GraphStore(TestEntry test) => Run(test, protocol: false);

    private static TestOutcome Run(TestEntry test, bool protocol)
    {
        ManifestGraph graph = test.Manifest.Graph;
        if (test.Action is null) return TestOutcome.Fail("no mf:action");
        if (graph.Object(test.Action, I(Ht, "requests")) is not { } list) return TestOutcome.Fail("the mf:action has no ht:requests");
        using var node = new TestNode();
        foreach (Term data in graph.Objects(test.Node, Ut.GraphData))
        {
            if (graph.Object(data, Ut.Graph) is not Iri file || graph.Text(data, I(Rdfs, "label")) is not { } label)
                return TestOutcome.Fail("a ut:graphData without ut:graph or rdfs:label");
            string path = test.Manifest.Locator.PathOf(file.Value);
            node.Load(path, RdfFormats.FromFileName(path) ?? RdfFormat.Turtle, Iri.Create(label), file.Value);
        }
        var templates = new Dictionary<string, string>(StringComparer.Ordinal);
        int index = 0;
        foreach (Term request in graph.List(list))
        {
            index++;
            string? problem = Exchange(node, graph, request, protocol, templates);
            if (problem is not null) return TestOutcome.Fail($"request {index}: {problem}");
        }
        return TestOutcome.Pass;
    }

    private static string? Exchange(TestNode node, ManifestGraph graph, Term request, bool protocol, Dictionary<string, string> templates)
    {
        string method = graph.Text(request, I(Ht, "methodName")) ?? "GET";
        string path = Substitute(graph.Text(request, I(Ht, "absolutePath")) ?? "/", templates);
        var headers = Headers(graph, request);
        byte[]? body = null;
        if (graph.Object(request, I(Ht, "body")) is { } bodyNode)
        {
            string chars = Substitute(graph.Text(bodyNode, I(Cnt, "chars")) ?? "", templates);
            string encoding = graph.Text(bodyNode, I(Cnt, "characterEncoding")) ?? "UTF-8";
            body = encoding.Equals("UTF-16", StringComparison.OrdinalIgnoreCase) ? Encoding.Unicode.GetBytes(chars) : Encoding.UTF8.GetBytes(chars);
        }
        string? contentType = headers.GetValueOrDefault("content-type");
        string target = protocol ? ProtocolPath(path, contentType, body) : GraphStorePath(path);

        using var message = new HttpRequestMessage(new HttpMethod(method), target.TrimStart('/'));
        if (body is not null)
        {
            message.Content = new ByteArrayContent(body);
            if (contentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        foreach (var (name, value) in headers)
            if (name != "content-type") message.Headers.TryAddWithoutValidation(name, value);
        using HttpResponseMessage response = node.Client.SendAsync(message).GetAwaiter().GetResult();
        byte[] responseBody = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        string summary = $"{method} {target} -> {(int)response.StatusCode}";

        if (graph.Object(request, I(Ht, "resp")) is not { } expected) return null;
        var statuses = graph.Objects(expected, I("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#", "expectedStatus")).OfType<Iri>().ToList();
        if (statuses.Count > 0)
        {
            int status = (int)response.StatusCode;
            bool any = false;
            foreach (Iri s in statuses)
            {
                if (!s.Value.StartsWith(Hts, StringComparison.Ordinal) || !s_statuses.TryGetValue(s.Value[Hts.Length..], out var range))
                    return $"unknown expected status {s}";
                any |= status >= range.Low && status <= range.High;
            }
            if (!any) return $"{summary}, expected {string.Join(" or ", statuses.Select(s => s.Value[Hts.Length..]))}: {Encoding.UTF8.GetString(responseBody).Trim()}";
        }
        string? mediaType = response.Content.Headers.ContentType?.MediaType;
        string? format = graph.Text(expected, Mfx("expectedFormat"));
        if (format is not null && !FormatMatches(format, mediaType)) return $"{summary}: expected {format} results, got {mediaType ?? "no content type"}";
        if (graph.Text(expected, Mfx("expectedBoolean")) is { } boolean)
        {
            if (mediaType is null || SparqlResultFormats.FromName(mediaType) is not SparqlResultFormat resultFormat) return $"{summary}: no result format for {mediaType}";
            SparqlResult result = SparqlResultReader.ReadString(Encoding.UTF8.GetString(responseBody), resultFormat);
            if (result.Boolean != (boolean == "true")) return $"{summary}: expected {boolean}, got {result.Boolean?.ToString() ?? "a table"}";
        }
        if (graph.Text(expected, Mfx("expectedLocation")) is { } template)
        {
            if (response.Headers.Location is not { } location) return $"{summary}: no Location header";
            templates[template] = location.IsAbsoluteUri ? location.ToString() : new Uri(node.BaseAddress, location).ToString();
        }
        foreach (var (name, value) in Headers(graph, expected))
        {
            if (name != "content-type") continue;
            var want = MediaTypeHeaderValue.Parse(value);
            var got = response.Content.Headers.ContentType;
            if (got is null || !string.Equals(got.MediaType, want.MediaType, StringComparison.OrdinalIgnoreCase)
                || (want.CharSet is not null && !string.Equals(got.CharSet, want.CharSet, StringComparison.OrdinalIgnoreCase)))
                return $"{summary}: expected Content-Type {value}, got {got}";
        }
        if (graph.Object(expected, I(Ht, "body")) is { } expectedBody && !HttpMethods.IsHead(method))
        {
            string baseIri = new Uri(node.BaseAddress, target.TrimStart('/')).ToString();
            var wanted = ParseRdf(Encoding.UTF8.GetBytes(Substitute(graph.Text(expectedBody, I(Cnt, "chars")) ?? "", templates)), RdfFormat.Turtle, baseIri);
            if (mediaType is null || RdfFormats.FromMediaType(mediaType) is not RdfFormat rdf) return $"{summary}: the body is not RDF ({mediaType})";
            var actual = ParseRdf(responseBody, rdf, baseIri);
            if (Isomorphism.DescribeDifference(wanted, actual) is { } difference) return $"{summary}: the graph differs:\n{difference}";
        }
        return null;
    }

    private static Iri Mfx(string local) => I("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#", local);

    private static class HttpMethods
    {
        public static bool IsHead(string method) => method.Equals("HEAD", StringComparison.OrdinalIgnoreCase);
    }

    private static Dictionary<string, string> Headers(ManifestGraph graph, Term node)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (graph.Object(node, I(Ht, "headers")) is not { } list) return headers;
        foreach (Term header in graph.List(list))
            if (graph.Text(header, I(Ht, "fieldName")) is { } name && graph.Text(header, I(Ht, "fieldValue")) is { } value)
                headers[name.ToLowerInvariant()] = value;
        return headers;
    }

    private static string Substitute(string text, Dictionary<string, string> templates)
    {
        foreach (var (template, value) in templates) text = text.Replace(template, value, StringComparison.Ordinal);
        return text;
    }

    /// <summary>"/sparql/…" to the node's query or update endpoint.</summary>
    private static string ProtocolPath(string path, string? contentType, byte[]? body)
    {
        int q = path.IndexOf('?');
        string query = q < 0 ? "" : path[q..];
        bool form = contentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;
        bool update = contentType?.StartsWith("application/sparql-update", StringComparison.OrdinalIgnoreCase) == true
            || (form && body is not null && HasParameter(Encoding.UTF8.GetString(body), "update"))
            || (contentType is null && body is not null && HasParameter(Encoding.UTF8.GetString(body), "update"))
            || HasParameter(query.TrimStart('?'), "update") || HasParameter(query.TrimStart('?'), "using-graph-uri") || HasParameter(query.TrimStart('?'), "using-named-graph-uri");
        return (update ? "/sparql/update" : "/sparql") + query;
    }

    private static bool HasParameter(string encoded, string name) =>
        encoded.Split('&').Any(p => p == name || p.StartsWith(name + "=", StringComparison.Ordinal));

    /// <summary>"/gsp…" to the node's /graph-store (direct identification keeps the rest of the path).</summary>
    private static string GraphStorePath(string path) =>
        path.StartsWith("/gsp", StringComparison.Ordinal) ? "/graph-store" + path["/gsp".Length..] : path;

    private static bool FormatMatches(string format, string? mediaType) => format switch
    {
        "boolean" => mediaType is "application/sparql-results+json" or "application/sparql-results+xml",
        "tabular" => mediaType is not null && SparqlResultFormats.FromName(mediaType) is not null,
        "RDF" => mediaType is not null && RdfFormats.FromMediaType(mediaType) is not null,
        _ => false,
    };

    internal static List<Quad> ParseRdf(byte[] body, RdfFormat format, string baseIri)
    {
        var quads = new List<Quad>();
        RdfParser.Parse(body, format, new ListSink(quads), new RdfParserOptions { BaseIri = baseIri });
        return quads;
    }

    private sealed class ListSink(List<Quad> quads) : IQuadSink
    {
        public void Add(in Quad quad) => quads.Add(quad);
    }
}
