using System.Net;
using DihNode.Node.Registry;
using Microsoft.EntityFrameworkCore;

namespace DihNode.Web.Tests;

/// <summary>The home and search pages over a real node: their figures equal the registry's (EF) and SPARQL's.</summary>
[Collection(WebCollection.Name)]
public sealed class HomeAndSearchTests(WebFixture node)
{
    private RegistryDbContext Db() => node.Store.NewContext();

    [Fact]
    public async Task Home_counts_hubs_by_type_and_country_as_the_registry_does()
    {
        var (status, html) = await Html.GetAsync(node.Client, "/");
        Assert.Equal(HttpStatusCode.OK, status);
        using var db = Db();
        int total = await db.Hubs.CountAsync();
        Assert.Contains($"<strong id=\"hub-total\">{total:N0}</strong>", html, StringComparison.Ordinal);

        var byCountry = await db.Hubs.GroupBy(h => h.CountryCode).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N);
        var rows = Html.CountRows(html, "by-country-table");
        Assert.Equal(byCountry.Count, rows.Count);
        foreach (var (key, _, count) in rows) Assert.Equal(byCountry[key], count);
        Assert.True(rows.Count > 20, "the EDIH catalogue spans more than 20 countries");
        Assert.Equal(rows.Select(r => r.Count).OrderByDescending(c => c), rows.Select(r => r.Count)); // largest first

        var typeRows = Html.CountRows(html, "by-type-table");
        Assert.Equal(total, typeRows.Sum(r => r.Count));
        Assert.Contains(typeRows, r => r.Key == "EDIH" && r.Count == db.Hubs.Count(h => h.Type!.Notation == "EDIH"));

        foreach (string link in new[] { "href=\"/sparql\"", "href=\"/odata\"", "href=\"/catalog\"", "href=\"/query\"" }) Assert.Contains(link, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_shows_the_latest_change_escaped()
    {
        var (_, html) = await Html.GetAsync(node.Client, "/");
        using var db = Db();
        long last = await db.Changes.MaxAsync(c => c.Sequence);
        int changes = html.IndexOf("id=\"changes\"", StringComparison.Ordinal);
        Assert.True(changes > 0);
        string section = html[changes..];
        Assert.StartsWith($"<li value=\"{last}\">", section[(section.IndexOf("<li", StringComparison.Ordinal))..], StringComparison.Ordinal);
        // The last write is the hostile hub: its name is shown as text.
        Assert.Contains(WebUtility.HtmlEncode(WebFixture.HostileName), section, StringComparison.Ordinal);
        Assert.DoesNotContain(WebFixture.HostileName, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Country_and_technology_filter_counts_equal_EF_and_SPARQL()
    {
        var (status, html) = await Html.GetAsync(node.Client, "/search?country=ES&technology=cybersecurity");
        Assert.Equal(HttpStatusCode.OK, status);
        int shown = Html.DataCount(html, "result-count");
        using var db = Db();
        int ef = await db.Hubs.CountAsync(h => h.CountryCode == "ES" && h.Involvements.Any(i => i.Concept!.Iri.EndsWith("/concept/technology/cybersecurity")));
        long sparql = node.SparqlHubCount("ESP", "cybersecurity");
        Assert.True(ef > 3, "Spain has several cybersecurity hubs");
        Assert.Equal(ef, shown);
        Assert.Equal(sparql, shown);

        // Facet counts apply every filter but their own: Spain's count under the technology filter is the
        // number of Spanish cybersecurity hubs, and the technology facet's count is that of Spain.
        Assert.Equal(shown, Html.FacetCounts(html, "country")["ES"]);
        Assert.Equal(shown, Html.FacetCounts(html, "technology")["cybersecurity"]);
        int anyCountry = await db.Hubs.CountAsync(h => h.Involvements.Any(i => i.Concept!.Iri.EndsWith("/concept/technology/cybersecurity")));
        Assert.Equal(anyCountry, Html.FacetCounts(html, "country").Values.Sum());
    }

    [Fact]
    public async Task Free_text_matches_name_title_and_description_with_wildcards_taken_literally()
    {
        var (_, html) = await Html.GetAsync(node.Client, "/search?q=DIHSE");
        Assert.True(Html.DataCount(html, "result-count") >= 1);
        Assert.Contains(">DIHSE</a></h3>", html, StringComparison.Ordinal);

        using var db = Db();
        var hubs = await db.Hubs.AsNoTracking().ToListAsync();
        foreach (string text in new[] { "silver economy", "%", "_", "innovation hub", "ö" })
        {
            var (status, page) = await Html.GetAsync(node.Client, "/search?q=" + Uri.EscapeDataString(text));
            Assert.Equal(HttpStatusCode.OK, status);
            var words = text.Split(' ');
            int expected = hubs.Count(h => words.All(w => new[] { h.Name, h.Title, h.Description }.Any(f => f is not null && Like(f, w))));
            Assert.Equal(expected, Html.DataCount(page, "result-count"));
        }
    }

    /// <summary>SQLite's LIKE: case-insensitive for ASCII letters only.</summary>
    private static bool Like(string field, string word) =>
        word.All(char.IsAscii) ? field.Contains(word, StringComparison.OrdinalIgnoreCase) : field.Contains(word, StringComparison.Ordinal);

    [Fact]
    public async Task Paging_and_sorting_are_in_the_url()
    {
        var (_, first) = await Html.GetAsync(node.Client, "/search?country=IT&size=10");
        var (_, second) = await Html.GetAsync(node.Client, "/search?country=IT&size=10&page=2");
        Assert.Contains("<ol class=\"hits\" start=\"11\">", second, StringComparison.Ordinal);
        Assert.Contains("href=\"/search?country=IT&amp;page=2&amp;size=10\"", first, StringComparison.Ordinal);
        var (_, desc) = await Html.GetAsync(node.Client, "/search?country=IT&sort=-name&size=10");
        using var db = Db();
        string lastName = (await db.Hubs.Where(h => h.CountryCode == "IT").Select(h => h.Name).ToListAsync()).Order(StringComparer.Ordinal).Last();
        int firstHit = desc.IndexOf("<ol class=\"hits\"", StringComparison.Ordinal);
        Assert.Contains(">" + WebUtility.HtmlEncode(lastName) + "</a></h3>", desc[firstHit..(desc.IndexOf("</li>", firstHit, StringComparison.Ordinal))], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_fields_are_escaped_in_the_results()
    {
        var (status, html) = await Html.GetAsync(node.Client, "/search?q=" + Uri.EscapeDataString("<script>"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, Html.DataCount(html, "result-count"));
        Assert.Contains(WebUtility.HtmlEncode(WebFixture.HostileName), html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(WebFixture.HostileTitle), html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bold", html, StringComparison.Ordinal);
        Assert.Contains("value=\"&lt;script&gt;\"", html, StringComparison.Ordinal); // the search box echoes the text encoded
    }

    [Fact]
    public async Task Csv_export_is_the_whole_selection_with_formulas_neutralised()
    {
        using var response = await node.Client.GetAsync("/search.csv?country=MT");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
        string csv = await response.Content.ReadAsStringAsync();
        using var db = Db();
        int malta = await db.Hubs.CountAsync(h => h.CountryCode == "MT");
        var records = Csv.Records(csv);
        Assert.Equal(malta + 1, records.Count);
        Assert.Equal(["id", "name", "title", "type", "country"], records[0].Take(5));
        Assert.All(records, r => Assert.Equal(records[0].Count, r.Count));
        Assert.Contains(records, r => r[1] == WebFixture.HostileName);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\"", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", csv, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ttl", "text/turtle", DihNode.Rdf.Io.RdfFormat.Turtle)]
    [InlineData("jsonld", "application/ld+json", DihNode.Rdf.Io.RdfFormat.JsonLd)]
    public async Task Rdf_export_describes_exactly_the_selected_hubs(string extension, string mediaType, DihNode.Rdf.Io.RdfFormat format)
    {
        using var response = await node.Client.GetAsync($"/search.{extension}?country=ES&technology=cybersecurity");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        byte[] body = await response.Content.ReadAsByteArrayAsync();
        var quads = new QuadList();
        DihNode.Rdf.Io.RdfParser.Parse(body, format, quads);
        var hubs = quads.Items.Where(q => q.Predicate.Value == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" && q.Object is DihNode.Rdf.Model.Iri { Value: "https://w3id.org/dihnode/ns#Hub" })
            .Select(q => q.Subject).Distinct().Count();
        Assert.Equal(node.SparqlHubCount("ESP", "cybersecurity"), hubs);
    }

    private sealed class QuadList : DihNode.Rdf.Io.IQuadSink
    {
        public List<DihNode.Rdf.Model.Quad> Items { get; } = [];

        public void Add(in DihNode.Rdf.Model.Quad quad) => Items.Add(quad);
    }
}
