using System.Diagnostics;
using System.Globalization;
using System.Text;
using DihNode.Node.LinkedData;
using DihNode.Node.Registry;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace DihNode.Node.Web;

/// <summary>
/// <c>GET /</c>: the network at a glance, from the registry: how many hubs, by type and by country
/// (tables whose rows carry a bar, so the numbers are read by everyone and the shape seen at once;
/// each row links to the search with that filter), the latest entries of the change feed, and the
/// node's endpoints.
/// </summary>
internal static class HomePage
{
    private const int RecentChanges = 10;

    private sealed record Count(string Key, string Label, int Hubs);

    private sealed record Change(long Sequence, string Iri, string Identifier, HubChangeKind Kind, DateTime At, string Origin, string? Name);

    public static async Task HandleAsync(HttpContext context, NodeStore store)
    {
        long started = Stopwatch.GetTimestamp();
        var cancel = context.RequestAborted;
        using var db = store.NewContext();
        int total = await db.Hubs.CountAsync(cancel);
        var byType = await db.Hubs.GroupBy(h => new { h.Type!.Notation, h.Type.Label }).Select(g => new Count(g.Key.Notation ?? g.Key.Label, g.Key.Label, g.Count()))
            .ToListAsync(cancel);
        var byCountry = await db.Hubs.GroupBy(h => new { h.CountryCode, h.Country!.Name }).Select(g => new Count(g.Key.CountryCode, g.Key.Name, g.Count()))
            .ToListAsync(cancel);
        var changes = await db.Changes.AsNoTracking().OrderByDescending(c => c.Sequence).Take(RecentChanges).ToListAsync(cancel);
        var iris = changes.Select(c => c.HubIri).Distinct().ToList();
        var names = await db.Hubs.AsNoTracking().Where(h => iris.Contains(h.Iri)).Select(h => new { h.Iri, h.Name }).ToDictionaryAsync(h => h.Iri, h => h.Name, cancel);
        var recent = changes.Select(c => new Change(c.Sequence, c.HubIri, c.Identifier, c.Kind, c.At, c.Origin, names.GetValueOrDefault(c.HubIri))).ToList();
        string html = Render(total, Sorted(byType), Sorted(byCountry), recent, iri => NodePaths.Local(store.Iris, iri));
        await WebResponse.HtmlAsync(context, html, started);
    }

    private static List<Count> Sorted(List<Count> counts) =>
        counts.OrderByDescending(c => c.Hubs).ThenBy(c => c.Label, StringComparer.OrdinalIgnoreCase).ToList();

    private static string Render(int total, List<Count> byType, List<Count> byCountry, List<Change> recent, Func<string, string> local)
    {
        var html = Layout.Begin("Digital Innovation Hubs", WebResponse.Head);
        html.Append("<h1>Digital Innovation Hubs</h1>\n<p class=\"lead\">This node publishes <strong id=\"hub-total\">")
            .Append(total.ToString("N0", CultureInfo.InvariantCulture)).Append("</strong> hubs in ").Append(byCountry.Count)
            .Append(" countries as linked data.</p>\n")
            .Append("<form method=\"get\" action=\"/search\" class=\"searchbar\" role=\"search\">\n<label for=\"home-q\">Find a hub</label>\n")
            .Append("<input type=\"search\" id=\"home-q\" name=\"q\" maxlength=\"200\" placeholder=\"name, title or description\">\n<button type=\"submit\">Search</button>\n</form>\n");
        html.Append("<div class=\"overview\">\n");
        AppendCounts(html, "by-type", "Hubs by type", "Type", "type", byType, total);
        AppendCounts(html, "by-country", "Hubs by country", "Country", "country", byCountry, total);
        html.Append("</div>\n");
        AppendChanges(html, recent, local);
        html.Append("<section aria-labelledby=\"endpoints\">\n<h2 id=\"endpoints\">For programs</h2>\n<dl>\n")
            .Append("<dt><a href=\"/query\">SPARQL page</a> and <a href=\"/sparql\">SPARQL endpoint</a></dt><dd>SPARQL 1.1 queries over every hub and the reference data.</dd>\n")
            .Append("<dt><a href=\"/odata\">OData</a></dt><dd>OData v4 over the hub registry (<a href=\"/odata/$metadata\">metadata</a>).</dd>\n")
            .Append("<dt><a href=\"/catalog\">DCAT-AP catalogue</a></dt><dd>The node's datasets described in DCAT-AP 3.0.</dd>\n")
            .Append("<dt><a href=\"/dump/hubs.ttl\">Dumps</a></dt><dd>All hubs as <a href=\"/dump/hubs.ttl\">Turtle</a> or <a href=\"/dump/hubs.csv\">CSV</a>.</dd>\n")
            .Append("</dl>\n</section>\n");
        return Layout.End(html);
    }

    /// <summary>A table of counts; each row has a bar as wide as its share of the largest count (decorative: the number is in the cell before it).</summary>
    private static void AppendCounts(StringBuilder html, string id, string title, string column, string facet, List<Count> counts, int total)
    {
        int max = counts.Count == 0 ? 1 : counts.Max(c => c.Hubs);
        html.Append("<section aria-labelledby=\"").Append(id).Append("\">\n<h2 id=\"").Append(id).Append("\">").Text(title).Append("</h2>\n")
            .Append("<table class=\"counts\" id=\"").Append(id).Append("-table\">\n<thead><tr><th scope=\"col\">").Text(column)
            .Append("</th><th scope=\"col\" class=\"num\">Hubs</th><th scope=\"col\" class=\"num\">Share</th><td aria-hidden=\"true\"></td></tr></thead>\n<tbody>\n");
        foreach (var c in counts)
        {
            double share = total == 0 ? 0 : 100.0 * c.Hubs / total;
            double width = 100.0 * c.Hubs / max;
            html.Append("<tr><th scope=\"row\"><a href=\"/search?").Append(facet).Append('=').Text(Uri.EscapeDataString(c.Key)).Append("\">").Text(c.Label).Append("</a></th>")
                .Append("<td class=\"num\">").Append(c.Hubs).Append("</td><td class=\"num\">").Append(share.ToString("0.0", CultureInfo.InvariantCulture)).Append("%</td>")
                .Append("<td class=\"bar\" aria-hidden=\"true\"><span style=\"width:").Append(width.ToString("0.#", CultureInfo.InvariantCulture)).Append("%\"></span></td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void AppendChanges(StringBuilder html, List<Change> recent, Func<string, string> local)
    {
        html.Append("<section aria-labelledby=\"changes\">\n<h2 id=\"changes\">Recent changes</h2>\n");
        if (recent.Count == 0)
        {
            html.Append("<p>No hub has been written yet.</p>\n</section>\n");
            return;
        }
        html.Append("<ol class=\"changes\" reversed>\n");
        foreach (var c in recent)
        {
            string when = DateTime.SpecifyKind(c.At, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
            html.Append("<li value=\"").Append(c.Sequence).Append("\"><time datetime=\"")
                .Append(DateTime.SpecifyKind(c.At, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)).Append("\">").Append(when).Append("</time> ");
            if (c.Kind == HubChangeKind.Delete || c.Name is null) html.Append("deleted ").Text(c.Identifier);
            else html.Link(local(c.Iri), c.Name).Append(" <span class=\"meta\">(").Text(c.Identifier).Append(")</span>");
            if (c.Origin.Length > 0) html.Append(" <span class=\"meta\">from node ").Text(c.Origin).Append("</span>");
            html.Append("</li>\n");
        }
        html.Append("</ol>\n</section>\n");
    }
}
