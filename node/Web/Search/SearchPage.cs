using System.Diagnostics;
using System.Globalization;
using System.Text;
using DihNode.Node.LinkedData;
using DihNode.Node.Registry;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace DihNode.Node.Web.Search;

/// <summary>
/// <c>GET /search</c>: free text and facets over the registry (<see cref="HubSearch"/>), one page of
/// results, facet counts, and links to export the whole selection. One GET form holds everything, so
/// the address bar always says what is shown and the back button walks through earlier searches; the
/// site script submits the form when a box is ticked, and without it the "Apply" button does.
/// </summary>
internal static class SearchPage
{
    private const int FacetShown = 8;

    public static async Task HandleAsync(HttpContext context, NodeStore store, FacetCatalogCache catalogs)
    {
        long started = Stopwatch.GetTimestamp();
        var cancel = context.RequestAborted;
        using var db = store.NewContext();
        var catalog = await catalogs.GetAsync(db, cancel);
        var criteria = SearchCriteria.Parse(context.Request.Query, catalog);
        var search = new HubSearch(db, catalog);
        int total = await search.Matching(criteria).CountAsync(cancel);
        int pages = Math.Max(1, (total + criteria.Size - 1) / criteria.Size);
        int page = criteria.Page;
        if (page > pages)
        {
            criteria.Notices.Add($"There is no page {page.ToString(CultureInfo.InvariantCulture)}: the results fill {pages.ToString(CultureInfo.InvariantCulture)}. Showing the last.");
            page = pages;
        }
        var hits = await search.PageAsync(criteria, page, cancel);
        var facets = await search.FacetsAsync(criteria, cancel);
        var html = Render(criteria, total, page, pages, hits, facets, iri => NodePaths.Local(store.Iris, iri));
        await WebResponse.HtmlAsync(context, html, started);
    }

    private static StringBuilder Render(SearchCriteria c, int total, int page, int pages, List<HubHit> hits, List<FacetCounts> facets, Func<string, string> local)
    {
        string title = c.IsEmpty ? "Find a hub" : $"{total} hubs: {Summary(c)}";
        var html = Layout.Begin(title, WebResponse.Head);
        html.Append("<h1>Find a hub</h1>\n");
        foreach (string notice in c.Notices) html.Append("<p class=\"notice\" role=\"alert\">").Text(notice).Append("</p>\n");
        html.Append("<form method=\"get\" action=\"/search\" class=\"search\" data-autosubmit>\n<div class=\"searchbar\" role=\"search\">\n")
            .Append("<label for=\"q\">Search hub names, titles and descriptions</label>\n")
            .Append("<input type=\"search\" id=\"q\" name=\"q\" maxlength=\"").Append(SearchCriteria.MaxTextLength).Append("\" value=\"").Text(c.Text).Append("\">\n")
            .Append("<button type=\"submit\">Search</button>\n</div>\n<div class=\"columns\">\n");
        AppendFacets(html, c, facets);
        html.Append("<section class=\"results\" aria-labelledby=\"results-heading\">\n<h2 id=\"results-heading\">Results</h2>\n")
            .Append("<p id=\"result-count\" role=\"status\" data-count=\"").Append(total).Append("\">")
            .Append(total == 1 ? "1 hub matches" : total.ToString("N0", CultureInfo.InvariantCulture) + " hubs match");
        if (!c.IsEmpty) html.Append(": ").Text(Summary(c));
        html.Append(".</p>\n");
        AppendActiveFilters(html, c);
        AppendOrdering(html, c);
        if (total > 0)
        {
            html.Append("<p class=\"export\">Download these ").Append(total).Append(" hubs: ")
                .Append("<a href=\"").Text(c.Url("/search.csv", withPaging: false)).Append("\" download>CSV</a> · ")
                .Append("<a href=\"").Text(c.Url("/search.jsonld", withPaging: false)).Append("\" download>JSON-LD</a> · ")
                .Append("<a href=\"").Text(c.Url("/search.ttl", withPaging: false)).Append("\" download>Turtle</a></p>\n");
            AppendHits(html, hits, (page - 1) * c.Size + 1, local);
            AppendPager(html, c, page, pages);
        }
        else
        {
            html.Append("<p>No hub matches. Try fewer words, or untick a filter");
            if (!c.IsEmpty) html.Append(", or <a href=\"/search\">start again</a>");
            html.Append(".</p>\n");
        }
        html.Append("</section>\n</div>\n</form>\n");
        return Layout.Close(html);
    }

    private static string Summary(SearchCriteria c)
    {
        var parts = new List<string>();
        if (c.Text.Length > 0) parts.Add($"“{c.Text}”");
        foreach (var (key, values) in c.Filters)
            parts.Add(Facet.All.First(f => f.Key == key).Title.ToLowerInvariant() + " " + string.Join(" or ", values.Select(v => v.Label)));
        return string.Join(", ", parts);
    }

    private static void AppendFacets(StringBuilder html, SearchCriteria c, List<FacetCounts> facets)
    {
        html.Append("<aside class=\"facets\" aria-label=\"Filters\">\n<h2>Filters</h2>\n");
        foreach (var (facet, values) in facets)
        {
            if (values.Count == 0) continue;
            var selected = c.Selected(facet.Key);
            html.Append("<fieldset>\n<legend>").Text(facet.Title).Append("</legend>\n<ul>\n");
            // Ticked values first, then the most frequent; the rest behind a disclosure.
            var ordered = values.OrderByDescending(v => selected.Contains(v.Value)).ToList();
            int shown = Math.Max(FacetShown, selected.Count);
            for (int i = 0; i < ordered.Count; i++)
            {
                if (i == shown) html.Append("</ul>\n<details>\n<summary>").Append(ordered.Count - shown).Append(" more</summary>\n<ul>\n");
                var (value, count) = ordered[i];
                string id = "f-" + facet.Key + "-" + i.ToString(CultureInfo.InvariantCulture);
                html.Append("<li><input type=\"checkbox\" id=\"").Append(id).Append("\" name=\"").Append(facet.Key).Append("\" value=\"").Text(value.Value).Append('"');
                if (selected.Contains(value)) html.Append(" checked");
                html.Append("> <label for=\"").Append(id).Append("\">").Text(value.Label)
                    .Append(" <span class=\"count\">(").Append(count).Append(")</span></label></li>\n");
            }
            html.Append("</ul>\n");
            if (ordered.Count > shown) html.Append("</details>\n");
            html.Append("</fieldset>\n");
        }
        html.Append("<button type=\"submit\" class=\"apply\">Apply filters</button>\n</aside>\n");
    }

    private static void AppendActiveFilters(StringBuilder html, SearchCriteria c)
    {
        if (c.Filters.Count == 0) return;
        html.Append("<ul class=\"chips\" aria-label=\"Active filters\">\n");
        foreach (var (key, values) in c.Filters)
            foreach (var v in values)
                html.Append("<li><a href=\"").Text(c.Url(facet: key, toggle: v)).Append("\" aria-label=\"Remove filter ").Text(v.Label).Append("\">")
                    .Text(v.Label).Append(" <span aria-hidden=\"true\">✕</span></a></li>\n");
        html.Append("<li><a href=\"").Text(c.Text.Length > 0 ? "/search?q=" + Uri.EscapeDataString(c.Text) : "/search").Append("\">Clear all filters</a></li>\n</ul>\n");
    }

    private static void AppendOrdering(StringBuilder html, SearchCriteria c)
    {
        html.Append("<div class=\"ordering\">\n<label for=\"sort\">Sort by</label>\n<select id=\"sort\" name=\"sort\">\n");
        foreach (var (value, label) in SearchCriteria.Sorts)
            html.Append("<option value=\"").Append(value).Append('"').Append(value == c.Sort ? " selected" : "").Append('>').Text(label).Append("</option>\n");
        html.Append("</select>\n<label for=\"size\">Per page</label>\n<select id=\"size\" name=\"size\">\n");
        foreach (int size in SearchCriteria.PageSizes)
            html.Append("<option").Append(size == c.Size ? " selected" : "").Append('>').Append(size).Append("</option>\n");
        html.Append("</select>\n<button type=\"submit\">Apply</button>\n</div>\n");
    }

    private static void AppendHits(StringBuilder html, List<HubHit> hits, int first, Func<string, string> local)
    {
        html.Append("<ol class=\"hits\" start=\"").Append(first).Append("\">\n");
        foreach (var hit in hits)
        {
            html.Append("<li>\n<h3>").Link(local(hit.Iri), hit.Name).Append("</h3>\n");
            if (hit.Title is not null && hit.Title != hit.Name) html.Append("<p class=\"title\">").Text(hit.Title).Append("</p>\n");
            html.Append("<p class=\"meta\">").Text(hit.Type).Append(" · ").Text(hit.Country);
            if (hit.City is not null) html.Append(" · ").Text(hit.City);
            if (hit.Origin.Length > 0) html.Append(" · from node ").Text(hit.Origin);
            html.Append("</p>\n");
            if (hit.Description is { Length: > 0 } d) html.Append("<p>").Text(Snippet(d)).Append("</p>\n");
            html.Append("</li>\n");
        }
        html.Append("</ol>\n");
    }

    private static void AppendPager(StringBuilder html, SearchCriteria c, int page, int pages)
    {
        if (pages <= 1) return;
        html.Append("<nav class=\"pager\" aria-label=\"Result pages\">\n<ul>\n");
        if (page > 1) html.Append("<li><a href=\"").Text(c.Url(page: page - 1)).Append("\" rel=\"prev\">Previous</a></li>\n");
        foreach (int p in PagesAround(page, pages))
        {
            if (p < 0) { html.Append("<li aria-hidden=\"true\">…</li>\n"); continue; }
            html.Append("<li>");
            if (p == page) html.Append("<a aria-current=\"page\" href=\"").Text(c.Url(page: p)).Append("\">");
            else html.Append("<a href=\"").Text(c.Url(page: p)).Append("\">");
            html.Append("<span class=\"visually-hidden\">Page </span>").Append(p).Append("</a></li>\n");
        }
        if (page < pages) html.Append("<li><a href=\"").Text(c.Url(page: page + 1)).Append("\" rel=\"next\">Next</a></li>\n");
        html.Append("</ul>\n</nav>\n");
    }

    /// <summary>The first, the last and the pages near <paramref name="page"/>; -1 marks a gap.</summary>
    private static IEnumerable<int> PagesAround(int page, int pages)
    {
        int last = 0;
        for (int p = 1; p <= pages; p++)
        {
            if (p != 1 && p != pages && Math.Abs(p - page) > 2) continue;
            if (last != 0 && p > last + 1) yield return -1;
            yield return last = p;
        }
    }

    /// <summary>The start of a description, cut at a word end, for the result list.</summary>
    private static string Snippet(string text)
    {
        const int max = 240;
        if (text.Length <= max) return text;
        int cut = text.LastIndexOf(' ', max);
        return text[..(cut > max / 2 ? cut : max)].TrimEnd(',', '.', ';', ':') + "…";
    }
}
