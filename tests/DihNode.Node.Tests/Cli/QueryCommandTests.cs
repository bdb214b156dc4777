using System.Text;

namespace DihNode.Node.Tests.Cli;

/// <summary><c>dihnode query</c> end to end: loading, every output format, named graphs and the errors.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class QueryCommandTests : IDisposable
{
    private readonly CliTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private const string Hubs = """
        @prefix ex: <http://example.org/> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        ex:h1 a ex:Hub ; ex:name "Hub Nord"@en ; ex:staff 12 ; ex:country ex:DEU .
        ex:h2 a ex:Hub ; ex:name "Sud \"Digital\"" ; ex:staff 3 ; ex:score 1.5 .
        ex:h3 a ex:Lab ; ex:name "Lab" ; ex:open true ; ex:since "2020-01-01"^^xsd:date .
        """;

    private const string HubsQuery = """
        PREFIX ex: <http://example.org/>
        SELECT ?h ?name ?staff ?country WHERE {
          ?h a ex:Hub ; ex:name ?name ; ex:staff ?staff .
          OPTIONAL { ?h ex:country ?country }
        } ORDER BY ?h
        """;

    [Fact]
    public void WritesAnAlignedTextTableByDefault()
    {
        string data = _host.File("hubs.ttl", Hubs);
        string query = _host.File("q.rq", HubsQuery);
        Assert.Equal(0, _host.Run("query", data, query));
        Assert.Equal("""
            -----------------------------------------------
            | h     | name              | staff | country |
            ===============================================
            | ex:h1 | "Hub Nord"@en     | 12    | ex:DEU  |
            | ex:h2 | "Sud \"Digital\"" | 3     |         |
            -----------------------------------------------

            """.ReplaceLineEndings("\n"), _host.Out);
        Assert.Equal("", _host.Error);
    }

    [Fact]
    public void TextTableWritesTermsInShortForm()
    {
        string data = _host.File("hubs.ttl", Hubs);
        string query = _host.File("q.rq", """
            PREFIX ex: <http://example.org/>
            PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
            SELECT ?o WHERE { { ex:h3 ?p ?o } UNION { ex:h2 ex:score ?o } UNION { BIND(<http://other.org/x> AS ?o) } }
            ORDER BY STR(?o)
            """);
        Assert.Equal(0, _host.Run("query", data, query));
        string[] cells = [.. _host.Out.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Skip(1).Select(l => l.Trim('|', ' '))];
        Assert.Equal(["1.5", "\"2020-01-01\"^^xsd:date", "\"Lab\"", "ex:Lab", "<http://other.org/x>", "true"], cells);
    }

    [Fact]
    public void WritesCsvAndJsonResults()
    {
        string data = _host.File("hubs.ttl", Hubs);
        string query = _host.File("q.rq", HubsQuery);
        Assert.Equal(0, _host.Run("query", "--format", "csv", data, query));
        Assert.Equal(
            "h,name,staff,country\r\nhttp://example.org/h1,Hub Nord,12,http://example.org/DEU\r\n" +
            "http://example.org/h2,\"Sud \"\"Digital\"\"\",3,\r\n", _host.Out);

        Assert.Equal(0, _host.Run("query", "--format=json", data, query));
        var json = System.Text.Json.JsonDocument.Parse(_host.Out).RootElement;
        Assert.Equal(["h", "name", "staff", "country"], json.GetProperty("head").GetProperty("vars").EnumerateArray().Select(v => v.GetString()));
        var first = json.GetProperty("results").GetProperty("bindings")[0];
        Assert.Equal("en", first.GetProperty("name").GetProperty("xml:lang").GetString());
        Assert.Equal(2, json.GetProperty("results").GetProperty("bindings").GetArrayLength());
    }

    [Fact]
    public void AnswersAsk()
    {
        string data = _host.File("hubs.ttl", Hubs);
        Assert.Equal(0, _host.Run("query", data, "--query-text", "ASK { ?h <http://example.org/staff> 12 }"));
        Assert.Equal("Ask => Yes\n", _host.Out);
        Assert.Equal(0, _host.Run("query", "--format", "xml", data, "--query-text", "ASK { ?h <http://example.org/staff> 13 }"));
        Assert.Contains("<boolean>false</boolean>", _host.Out);
    }

    [Fact]
    public void WritesConstructAsTurtleOrNTriples()
    {
        string data = _host.File("hubs.ttl", Hubs);
        string query = _host.File("c.rq", """
            PREFIX ex: <http://example.org/>
            CONSTRUCT { ?h ex:label ?name } WHERE { ?h a ex:Hub ; ex:name ?name }
            """);
        Assert.Equal(0, _host.Run("query", data, query));
        Assert.Equal("""
            @prefix ex: <http://example.org/> .

            ex:h1 ex:label "Hub Nord"@en .

            ex:h2 ex:label "Sud \"Digital\"" .

            """.ReplaceLineEndings("\n"), _host.Out);
        Assert.Equal(0, _host.Run("query", "--format", "nt", data, query));
        Assert.Equal(
            "<http://example.org/h1> <http://example.org/label> \"Hub Nord\"@en .\n" +
            "<http://example.org/h2> <http://example.org/label> \"Sud \\\"Digital\\\"\" .\n",
            string.Join("\n", _host.Out.Split('\n').Order(StringComparer.Ordinal)).TrimStart('\n') + "\n");
    }

    [Fact]
    public void WritesConstructAsRdfXml()
    {
        string data = _host.File("hubs.ttl", Hubs);
        Assert.Equal(0, _host.Run("query", "--format", "rdf", data, "--query-text",
            "CONSTRUCT { ?h <http://example.org/label> ?n } WHERE { ?h a <http://example.org/Hub> ; <http://example.org/staff> 12 ; <http://example.org/name> ?n }"));
        Assert.Contains("rdf:about=\"http://example.org/h1\"", _host.Out);
        Assert.Contains("xml:lang=\"en\">Hub Nord<", _host.Out);
    }

    [Fact]
    public void LoadsNamedGraphsUnderTheFileIri()
    {
        string a = _host.File("a.ttl", "<http://example.org/s> <http://example.org/p> \"default\" .\n");
        string b = _host.File("b.nt", "<http://example.org/s> <http://example.org/p> \"named\" .\n");
        string query = _host.File("g.rq", "SELECT ?g ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } ORDER BY ?o");
        Assert.Equal(0, _host.Run("query", "--format", "tsv", a, "named:" + b, query));
        string fileIri = new Uri(Path.GetFullPath(b)).AbsoluteUri;
        Assert.Equal($"?g\t?o\n\t\"default\"\n<{fileIri}>\t\"named\"\n", _host.Out);
    }

    [Fact]
    public void TakesTheQueryFromOptions()
    {
        string data = _host.File("hubs.ttl", Hubs);
        string query = _host.File("count.rq", "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?c }");
        Assert.Equal(0, _host.Run("query", "--format", "csv", "--query", query, data));
        Assert.Equal("n\r\n3\r\n", _host.Out);
        Assert.Equal(0, _host.Run("query", "--format", "csv", "--query-text", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", data));
        Assert.Equal("n\r\n12\r\n", _host.Out);
    }

    [Fact]
    public void ReportsAQuerySyntaxErrorWithItsPosition()
    {
        string data = _host.File("hubs.ttl", Hubs);
        string query = _host.File("bad.rq", "PREFIX ex: <http://example.org/>\nSELECT ?s WHERE {\n  ?s ex:p ?o ..\n}\n");
        Assert.Equal(1, _host.Run("query", data, query));
        Assert.Matches(@"^.*bad\.rq:3:\d+: .+\n$", _host.Error);
        Assert.Equal("", _host.Out);
    }

    [Fact]
    public void ReportsADataSyntaxErrorWithItsPosition()
    {
        string good = _host.File("good.ttl", Hubs);
        string bad = _host.File("bad.ttl", "@prefix ex: <http://example.org/> .\nex:s ex:p ex:o .\nex:s ex:p \"unterminated .\n");
        string query = _host.File("q.rq", HubsQuery);
        Assert.Equal(1, _host.Run("query", good, bad, query));
        Assert.Matches(@"^.*bad\.ttl:3:\d+: .+\n$", _host.Error);
        Assert.Equal("", _host.Out);
    }

    [Fact]
    public void StopsAQueryThatRunsPastItsTimeout()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 400; i++) sb.Append($"<http://example.org/s{i}> <http://example.org/p> {i} .\n");
        string data = _host.File("big.ttl", sb.ToString());
        const string Query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . FILTER(?c + ?f + ?i < 0) }";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(1, _host.Run("query", "--timeout", "0.3", data, "--query-text", Query));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Contains("did not finish within 0.3 s", _host.Error);
    }

    [Theory]
    [InlineData("csv", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "does not fit a CONSTRUCT query")]
    [InlineData("ttl", "SELECT * WHERE { ?s ?p ?o }", "does not fit a SELECT query")]
    [InlineData("tsv", "ASK { ?s ?p ?o }", "cannot carry an ASK result")]
    [InlineData("yaml", "SELECT * WHERE { ?s ?p ?o }", "does not fit a SELECT query")]
    public void RefusesAFormatThatDoesNotFitTheQuery(string format, string query, string message)
    {
        string data = _host.File("hubs.ttl", Hubs);
        Assert.Equal(2, _host.Run("query", "--format", format, data, "--query-text", query));
        Assert.Contains(message, _host.Error);
    }

    [Fact]
    public void JsonLdIsWrittenOrClearlyRefused()
    {
        string data = _host.File("hubs.ttl", Hubs);
        int code = _host.Run("query", "--format", "jsonld", data, "--query-text", "CONSTRUCT WHERE { ?s a ?c }");
        if (code == 2) Assert.Contains("cannot write JSON-LD yet", _host.Error);
        else
        {
            Assert.Equal(0, code);
            Assert.Matches(@"^\s*[\[{]", _host.Out);
        }
    }

    [Fact]
    public void MissingFilesAndOptionsAreUsageErrors()
    {
        string data = _host.File("hubs.ttl", Hubs);
        Assert.Equal(2, _host.Run("query", data, _host.PathOf("none.rq")));
        Assert.Contains("no such file", _host.Error);
        Assert.Equal(2, _host.Run("query", "--query-text", "ASK {}", _host.PathOf("none.ttl")));
        Assert.Contains("no such file", _host.Error);
        Assert.Equal(2, _host.Run("query", "--timeout", "soon", data, "--query-text", "ASK {}"));
        Assert.Contains("--timeout", _host.Error);
        Assert.Equal(2, _host.Run("query"));
        Assert.Equal(2, _host.Run("query", "--query", "a.rq", "--query-text", "ASK {}"));
    }
}
