using System.Diagnostics;
using System.Net;
using DihNode.Node.Registry;
using DihNode.Node.Tests.Server;
using DihNode.Rdf.Io;
using DihNode.Vocab.Csv;
using DihNode.Vocab.Profile;
using static DihNode.Node.Tests.LinkedData.LinkedDataClient;

namespace DihNode.Node.Tests.LinkedData;

/// <summary>Pages over data written through the registry: escaping of hostile values, and changes visible at once.</summary>
public sealed class HubPageWriteTests(NodeFixture node) : IClassFixture<NodeFixture>
{
    private const string Payload = "<script>alert('x')</script> & \"quotes\" </script><!--";

    private async Task<HubRecord> WriteAsync(Func<HubRecord, HubRecord> change)
    {
        using var context = node.Store.NewContext();
        var hub = HubRegistry.LoadHubs(context).First(h => h.Iri == ReDIri);
        var record = change(HubMapping.ToRecord(hub));
        await node.Store.Registry.UpsertAsync(record);
        return record;
    }

    [Fact]
    public async Task ScriptInAFieldIsShownAsTextAndTheJsonLdStillCarriesIt()
    {
        await WriteAsync(r => r with { Description = Payload, Title = "<b>bold</b> title", Website = "javascript:alert(1)" });
        string html = await (await GetAsync(node.Client, ReD, "text/html")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<b>bold</b>", html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;", html);
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt; title", html);
        Assert.DoesNotContain("href=\"javascript:", html);
        // One script element only (the JSON-LD), and the value survives inside it.
        Assert.Equal(1, html.Split("<script").Length - 1);
        var embedded = ParseJsonLd(EmbeddedJsonLd(html));
        Assert.Contains(embedded, q => q.Object is Rdf.Model.Literal l && l.LexicalForm == Payload);
    }

    [Fact]
    public async Task ARegistryChangeIsOnThePageAtOnce()
    {
        var before = await GetAsync(node.Client, ReD, "text/html");
        var etag = before.Headers.ETag!.Tag;
        await WriteAsync(r => r with { Name = "re_d renamed", Topics = r.Topics.Take(2).ToList() });
        var after = await GetAsync(node.Client, ReD, "text/html", etag);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        string html = await after.Content.ReadAsStringAsync();
        Assert.Contains("<h1>re_d renamed</h1>", html);
        Assert.Equal(4, html.Split("<td>").Length - 1); // two topic rows of two cells each
        var turtle = await GetRdfAsync(node.Client, ReD, RdfFormat.Turtle);
        Assert.Contains(turtle, q => q.Object is Rdf.Model.Literal { LexicalForm: "re_d renamed" });
    }

    [Fact]
    public async Task AHubOfAnotherSourceWithTheSameWebsiteIsListedAsRelated()
    {
        var reD = await WriteAsync(r => r with { Website = "https://www.re-d.pl/" });
        await node.Store.Registry.UpsertAsync(reD with { Source = "csv", Key = "pl-re-d-platform", Iri = null, Name = "Rethink Digital <platform>", SourceRecord = "7", Topics = [] });
        string html = await (await GetAsync(node.Client, ReD, "text/html")).Content.ReadAsStringAsync();
        Assert.Contains("<h2 id=\"related\">Related hubs</h2>", html);
        Assert.Contains("<a href=\"/hub/csv/pl-re-d-platform\">Rethink Digital &lt;platform&gt;</a> (csv, Poland)", html);
        var quads = await GetRdfAsync(node.Client, ReD, RdfFormat.NQuads);
        Assert.Contains(quads, q => q.Graph == node.Store.Iris.LinksGraph && q.Object.ToString() == "<https://dih.example.org/hub/csv/pl-re-d-platform>");
        var back = await GetAsync(node.Client, "hub/csv/pl-re-d-platform", "text/html");
        Assert.Contains("<a href=\"/" + ReD + "\">", await back.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CsvCellsThatLookLikeFormulasAreNeutralised()
    {
        await WriteAsync(r => r with { Description = "=HYPERLINK(\"http://evil\",\"x\")", City = "+1", Street = "@SUM(A1)", PostCode = "-3" });
        var records = new CsvReader().Read(await (await node.Client.GetAsync("dump/hubs.csv")).Content.ReadAsStreamAsync());
        var row = records.Single(r => r.Fields[13] == ReDIri).Fields;
        Assert.Equal("'=HYPERLINK(\"http://evil\",\"x\")", row[9]);
        Assert.Equal("'+1", row[7]);
        Assert.Equal("'@SUM(A1)", row[5]);
        Assert.Equal("'-3", row[6]);
    }

    /// <summary>Every kind of page answers well within 200 ms on the EDIH data (server time, measured at the client, after a warm-up).</summary>
    [Fact]
    public async Task PagesAnswerWithin200Milliseconds()
    {
        string[] paths =
        [
            ReD, ReD + ".ttl", ReD + ".jsonld", ReD + ".rdf", ReD + ".nq",
            "concept/technology/cybersecurity", "concept/hub-type/edih", "scheme/sector", "source/edih2025", "catalog",
        ];
        foreach (string path in paths) await GetAsync(node.Client, path, "text/html,*/*;q=0.8");
        var slow = new List<string>();
        foreach (string path in paths)
        {
            long start = Stopwatch.GetTimestamp();
            var response = await GetAsync(node.Client, path, "text/html,*/*;q=0.8");
            await response.Content.ReadAsByteArrayAsync();
            double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (ms > 200) slow.Add($"{path}: {ms:F0} ms");
        }
        Assert.Empty(slow);
    }
}
