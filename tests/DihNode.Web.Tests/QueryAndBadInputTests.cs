using System.Net;
using DihNode.Rdf.Sparql.Results;
using Microsoft.EntityFrameworkCore;

namespace DihNode.Web.Tests;

/// <summary>The SPARQL page (examples, result table, downloads, errors) and bad input on every page.</summary>
[Collection(WebCollection.Name)]
public sealed class QueryAndBadInputTests(WebFixture node)
{
    [Fact]
    public async Task Hubs_per_country_example_agrees_with_the_registry()
    {
        var (status, html) = await Html.GetAsync(node.Client, "/query?example=hubs-per-country");
        Assert.Equal(HttpStatusCode.OK, status);
        using var db = node.Store.NewContext();
        int countries = await db.Hubs.Select(h => h.CountryCode).Distinct().CountAsync();
        Assert.Equal(countries, Html.DataCount(html, "row-count"));
        Assert.Contains("<th scope=\"col\">?hubs</th>", html, StringComparison.Ordinal);
        // The top row is the country with most hubs, its IRI a link, its count a plain number.
        var top = await db.Hubs.GroupBy(h => h.Country!.Name).Select(g => new { g.Key, N = g.Count() }).OrderByDescending(g => g.N).FirstAsync();
        Assert.Matches($"<tr><td><a href=\"http://publications.europa.eu/resource/authority/country/[A-Z]{{3}}\">country:[A-Z]{{3}}</a></td><td>{top.Key} <span class=\"tag\">@en</span></td><td>{top.N}</td></tr>", html);
        Assert.Matches("in <span id=\"elapsed\">[0-9.]+ ms</span>", html);
    }

    [Theory]
    [InlineData("service-in-region")]
    [InlineData("technologies-by-type")]
    [InlineData("technology-in-country")]
    public async Task Every_example_runs_and_has_rows(string key)
    {
        var (status, html) = await Html.GetAsync(node.Client, "/query?example=" + key);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(Html.DataCount(html, "row-count") > 0, key + " has rows on the EDIH data");
    }

    [Fact]
    public async Task Hub_iris_in_results_link_to_the_hub_pages()
    {
        var (_, html) = await Html.GetAsync(node.Client, "/query?example=technology-in-country");
        Assert.Equal(node.SparqlHubCount("ESP", "cybersecurity"), Html.DataCount(html, "row-count"));
        Assert.Matches("<td><a href=\"/hub/edih2025/es-[a-z0-9-]+\">/hub/edih2025/es-", html);
    }

    [Theory]
    [InlineData("json", "application/sparql-results+json", SparqlResultFormat.Json)]
    [InlineData("xml", "application/sparql-results+xml", SparqlResultFormat.Xml)]
    [InlineData("csv", "text/csv", SparqlResultFormat.Csv)]
    [InlineData("tsv", "text/tab-separated-values", SparqlResultFormat.Tsv)]
    public async Task Results_download_in_every_result_format(string format, string mediaType, SparqlResultFormat parsed)
    {
        string query = "SELECT ?hub ?name WHERE { ?hub a <https://w3id.org/dihnode/ns#Hub> ; <http://www.w3.org/2004/02/skos/core#prefLabel> ?name }";
        using var response = await node.Client.GetAsync($"/query?query={Uri.EscapeDataString(query)}&format={format}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        var result = SparqlResultReader.Read(await response.Content.ReadAsStreamAsync(), parsed);
        using var db = node.Store.NewContext();
        Assert.Equal(await db.Hubs.CountAsync(), result.Rows.Count);
        Assert.Contains(result.Rows, r => r[1]!.ToString()!.Contains("DIHSE", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ttl", "text/turtle")]
    [InlineData("jsonld", "application/ld+json")]
    [InlineData("nt", "application/n-triples")]
    public async Task Graph_results_download_in_rdf_syntaxes(string format, string mediaType)
    {
        string query = "CONSTRUCT { ?hub <http://www.w3.org/2004/02/skos/core#prefLabel> ?name } WHERE { ?hub a <https://w3id.org/dihnode/ns#Hub> ; <http://www.w3.org/2004/02/skos/core#prefLabel> ?name } LIMIT 5";
        using var response = await node.Client.GetAsync($"/query?query={Uri.EscapeDataString(query)}&format={format}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        var (_, page) = await Html.GetAsync(node.Client, "/query?query=" + Uri.EscapeDataString(query));
        Assert.Equal(5, Html.DataCount(page, "row-count"));
    }

    [Fact]
    public async Task Ask_answers_yes_or_no()
    {
        var (_, html) = await Html.GetAsync(node.Client, "/query?query=" + Uri.EscapeDataString("ASK { ?h a <https://w3id.org/dihnode/ns#Hub> }"));
        Assert.Contains("<strong id=\"ask-answer\">yes</strong>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Broken_query_shows_line_and_column_without_a_stack_trace()
    {
        string query = "SELECT ?hub\nWHERE {\n  ?hub a <https://w3id.org/dihnode/ns#Hub> ;\n  FILTER(\n}";
        var (status, html) = await Html.GetAsync(node.Client, "/query?query=" + Uri.EscapeDataString(query));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Matches("<strong>Line [45], column [0-9]+:</strong>", html);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains("<pre class=\"context\">", html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(query), html, StringComparison.Ordinal); // the editor keeps the text
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_literals_are_escaped_in_the_result_table()
    {
        string query = "SELECT ?name ?d WHERE { ?h <http://www.w3.org/2004/02/skos/core#prefLabel> ?name ; <http://purl.org/dc/terms/description> ?d FILTER(CONTAINS(?name, \"script\")) }";
        var (_, html) = await Html.GetAsync(node.Client, "/query?query=" + Uri.EscapeDataString(query));
        Assert.Equal(1, Html.DataCount(html, "row-count"));
        Assert.Contains(WebUtility.HtmlEncode(WebFixture.HostileName), html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/search?q=", HttpStatusCode.OK, "hubs match")]
    [InlineData("/search?q=%20%20%09", HttpStatusCode.OK, "hubs match")]
    [InlineData("/search?q=%E2%80%AE%00%F0%9F%98%80%27%22%3B--", HttpStatusCode.OK, "0 hubs match")]
    [InlineData("/search?country=ZZ&technology=warp-drive", HttpStatusCode.OK, "There is no technology “warp-drive”")]
    [InlineData("/search?page=abc&size=7&sort=sideways", HttpStatusCode.OK, "is not a page number")]
    [InlineData("/search?page=99999", HttpStatusCode.OK, "There is no page 99999")]
    [InlineData("/search.xlsx", HttpStatusCode.NotFound, "search.csv, search.jsonld or search.ttl")]
    [InlineData("/query?example=nope", HttpStatusCode.NotFound, "no example of that name")]
    [InlineData("/query?query=ASK%7B%7D&format=csv", HttpStatusCode.BadRequest, "Choose json or xml")]
    [InlineData("/query?query=SELECT%20*%20WHERE%7B%3Fs%20%3Fp%20%3Fo%7D&format=docx", HttpStatusCode.BadRequest, "Choose json, xml, csv or tsv")]
    [InlineData("/query?query=INSERT%20DATA%7B%3Ca%3E%20%3Cb%3E%20%3Cc%3E%7D", HttpStatusCode.BadRequest, "Line 1, column 1")]
    [InlineData("/hub/edih2025/no-such-hub", HttpStatusCode.NotFound, "no hub")]
    public async Task Bad_input_gets_a_helpful_page(string url, HttpStatusCode expected, string says)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await node.Client.SendAsync(request);
        string html = await response.Content.ReadAsStringAsync();
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(says, System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("<main id=\"content\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_long_search_text_is_cut_with_a_notice()
    {
        var (status, html) = await Html.GetAsync(node.Client, "/search?q=" + new string('x', 5000));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("cut to its first 200 characters", html, StringComparison.Ordinal);
        Assert.Contains("value=\"" + new string('x', 200) + "\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Static_assets_are_served_from_the_assembly()
    {
        using var css = await node.Client.GetAsync("/web/site.css");
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains("@media (max-width: 40rem)", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var js = await node.Client.GetAsync("/web/site.js");
        Assert.Equal("text/javascript", js.Content.Headers.ContentType?.MediaType);
        using var missing = await node.Client.GetAsync("/web/nothing.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
