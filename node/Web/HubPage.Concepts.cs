using System.Text;

namespace DihNode.Node.Web;

/// <summary>One cell of a listing: text, and a link target when it links somewhere.</summary>
internal readonly record struct Cell(string Text, string? Href = null);

/// <summary>
/// The page of a concept, a concept scheme or a source: a heading, facts (term, value), one table (the
/// concept's hubs, the scheme's concepts, the source's hubs) and the resource's JSON-LD.
/// </summary>
internal sealed record ReferencePageModel(
    string Kind,
    string Iri,
    string Path,
    string Title,
    IReadOnlyList<(string Term, Cell Value)> Facts,
    string ListHeading,
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<Cell>> Rows,
    string JsonLd);

internal static partial class HubPage
{
    public static string RenderReference(ReferencePageModel m)
    {
        var html = Layout.Begin(m.Title, Alternates(m.Path));
        html.Append("<article>\n<header>\n<p class=\"kind\">").Text(m.Kind).Append("</p>\n<h1>").Text(m.Title).Append("</h1>\n</header>\n")
            .Append("<section aria-labelledby=\"facts\">\n<h2 id=\"facts\">Facts</h2>\n<dl>\n");
        foreach (var (term, value) in m.Facts)
        {
            html.Append("<dt>").Text(term).Append("</dt><dd>");
            AppendCell(html, value);
            html.Append("</dd>\n");
        }
        html.Append("<dt>IRI</dt><dd><code>").Text(m.Iri).Append("</code></dd>\n</dl>\n</section>\n");

        html.Append("<section aria-labelledby=\"list\">\n<h2 id=\"list\">").Text(m.ListHeading).Append(" (").Append(m.Rows.Count).Append(")</h2>\n");
        if (m.Rows.Count == 0) html.Append("<p>None.</p>\n");
        else
        {
            html.Append("<table>\n<thead><tr>");
            foreach (string column in m.Columns) html.Append("<th scope=\"col\">").Text(column).Append("</th>");
            html.Append("</tr></thead>\n<tbody>\n");
            foreach (var row in m.Rows)
            {
                html.Append("<tr>");
                for (int i = 0; i < row.Count; i++)
                {
                    html.Append(i == 0 ? "<th scope=\"row\">" : "<td>");
                    AppendCell(html, row[i]);
                    html.Append(i == 0 ? "</th>" : "</td>");
                }
                html.Append("</tr>\n");
            }
            html.Append("</tbody>\n</table>\n");
        }
        html.Append("</section>\n");
        AppendData(html, m.Path);
        html.Append("</article>\n");
        AppendJsonLd(html, m.JsonLd);
        return Layout.End(html);
    }

    private static void AppendCell(StringBuilder html, Cell cell)
    {
        if (cell.Href is null) html.Text(cell.Text);
        else html.Link(cell.Href, cell.Text);
    }
}
