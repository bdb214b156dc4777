using System.Globalization;
using System.Text;
using DihNode.Node.LinkedData;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation;

namespace DihNode.Node.Web.Queries;

/// <summary>The SPARQL page's HTML: examples, the editor (a text area with a line-number gutter and syntax colours), the error or the result.</summary>
internal static partial class QueryPage
{
    private static readonly string[] s_solutionFormats = ["json", "xml", "csv", "tsv"];
    private static readonly string[] s_booleanFormats = ["json", "xml"];
    private static readonly string[] s_graphFormats = ["ttl", "nt", "nq", "trig", "rdf", "jsonld"];

    private static string Render(PageModel m)
    {
        var html = Layout.Begin(m.Problem is not null ? "Query error" : "SPARQL query", WebResponse.Head);
        html.Append("<h1>Ask in SPARQL</h1>\n<p>Query every hub and the reference data with <a href=\"https://www.w3.org/TR/sparql11-query/\">SPARQL 1.1</a>. ")
            .Append("The default graph is the union of all the node's graphs. Programs can send the same queries to the <a href=\"/sparql\">SPARQL endpoint</a>.</p>\n");
        AppendExamples(html, m.Example);
        AppendEditor(html, m);
        if (m.Problem is { } problem) AppendProblem(html, problem, m.Text);
        else if (m.Table is { } table && m.Run?.Query is { } query) AppendResult(html, m, table, query.Prefixes);
        return Layout.End(html);
    }

    private static void AppendExamples(StringBuilder html, ExampleQuery? current)
    {
        html.Append("<nav class=\"examples\" aria-labelledby=\"examples-heading\">\n<h2 id=\"examples-heading\">Examples</h2>\n<ul>\n");
        foreach (var e in ExampleQueries.All)
        {
            html.Append("<li><a href=\"/query?example=").Append(Uri.EscapeDataString(e.Key)).Append('"');
            if (e == current) html.Append(" aria-current=\"page\"");
            html.Append('>').Text(e.Title).Append("</a></li>\n");
        }
        html.Append("</ul>\n</nav>\n");
    }

    private static void AppendEditor(StringBuilder html, PageModel m)
    {
        int lines = m.Text.Split('\n').Length;
        html.Append("<form method=\"get\" action=\"/query\" class=\"query\">\n<label for=\"query-text\">Query</label>\n<div class=\"editor\">\n<pre class=\"gutter\" aria-hidden=\"true\">");
        for (int i = 1; i <= lines; i++)
        {
            bool bad = m.Problem?.Line == i;
            if (bad) html.Append("<mark>");
            html.Append(i);
            if (bad) html.Append("</mark>");
            html.Append('\n');
        }
        // The highlighted copy of the text sits under the (then transparent) text area; site.js fills it.
        html.Append("</pre>\n<div class=\"code\">\n<pre class=\"highlight\" aria-hidden=\"true\"></pre>\n<textarea id=\"query-text\" name=\"query\" rows=\"").Append(Math.Clamp(lines + 1, 8, 30))
            .Append("\" wrap=\"off\" spellcheck=\"false\" autocapitalize=\"off\" autocomplete=\"off\" aria-describedby=\"query-help");
        if (m.Problem is not null) html.Append(" query-error\" aria-invalid=\"true");
        html.Append('"');
        if (m.Problem is { Line: int line, Column: int column })
            html.Append(" data-error-line=\"").Append(line).Append("\" data-error-column=\"").Append(column).Append('"');
        html.Append('>').Text(m.Text).Append("</textarea>\n</div>\n</div>\n")
            .Append("<p id=\"query-help\" class=\"help\">Ctrl+Enter runs the query. Tab leaves the editor.</p>\n")
            .Append("<button type=\"submit\">Run query</button>\n</form>\n");
    }

    private static void AppendProblem(StringBuilder html, QueryProblem problem, string text)
    {
        html.Append("<section id=\"query-error\" class=\"error\" role=\"alert\" aria-labelledby=\"error-heading\">\n<h2 id=\"error-heading\">")
            .Append(problem.Syntax ? "The query has a syntax error" : "The query could not be answered").Append("</h2>\n<p>");
        if (problem.Line is int line && problem.Column is int column)
            html.Append("<strong>Line ").Append(line).Append(", column ").Append(column).Append(":</strong> ");
        html.Text(problem.Message).Append("</p>\n");
        if (problem.Line is int l && problem.Column is int c)
        {
            string[] lines = text.Split('\n');
            if (l >= 1 && l <= lines.Length)
            {
                string source = lines[l - 1].TrimEnd('\r');
                html.Append("<pre class=\"context\"><code>").Text(source).Append('\n').Append(' ', Math.Clamp(c - 1, 0, source.Length)).Append("^</code></pre>\n");
            }
        }
        html.Append("</section>\n");
    }

    private static void AppendResult(StringBuilder html, PageModel m, ResultTable table, IReadOnlyDictionary<string, string> prefixes)
    {
        string ms = m.Milliseconds.ToString(m.Milliseconds < 10 ? "0.0" : "0", CultureInfo.InvariantCulture);
        html.Append("<section class=\"result\" aria-labelledby=\"result-heading\">\n<h2 id=\"result-heading\">Result</h2>\n<p id=\"result-summary\" role=\"status\">");
        if (table.Boolean is bool answer)
            html.Append("The answer is <strong id=\"ask-answer\">").Append(answer ? "yes" : "no").Append("</strong>");
        else
        {
            html.Append("<span id=\"row-count\" data-count=\"").Append(table.Total).Append("\">").Append(table.Total.ToString("N0", CultureInfo.InvariantCulture))
                .Append(table.IsGraph ? (table.Total == 1 ? " triple" : " triples") : (table.Total == 1 ? " row" : " rows")).Append("</span>");
            if (table.Truncated) html.Append(" (the node's limit; there may be more)");
        }
        html.Append(" in <span id=\"elapsed\">").Append(ms).Append(" ms</span>.");
        if (table.Total > table.Rows.Count) html.Append(" The first ").Append(table.Rows.Count).Append(" are shown; the downloads hold them all.");
        html.Append("</p>\n<p class=\"downloads\">Download: ");
        string[] formats = table.IsGraph ? s_graphFormats : table.Boolean is not null ? s_booleanFormats : s_solutionFormats;
        for (int i = 0; i < formats.Length; i++)
        {
            if (i > 0) html.Append(" · ");
            html.Append("<a href=\"/query?query=").Text(Uri.EscapeDataString(m.Text)).Append("&amp;format=").Append(formats[i]).Append("\" download>")
                .Append(formats[i].ToUpperInvariant()).Append("</a>");
        }
        html.Append("</p>\n");
        if (table.Boolean is null && table.Variables.Count > 0)
        {
            html.Append("<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"result-heading\">\n<table class=\"results\">\n<thead><tr>");
            foreach (string v in table.Variables) html.Append("<th scope=\"col\">").Text(table.IsGraph ? v : "?" + v).Append("</th>");
            html.Append("</tr></thead>\n<tbody>\n");
            foreach (var row in table.Rows)
            {
                html.Append("<tr>");
                foreach (var term in row) AppendTerm(html.Append("<td>"), term, prefixes, m.Run!).Append("</td>");
                html.Append("</tr>\n");
            }
            html.Append("</tbody>\n</table>\n</div>\n");
        }
        html.Append("</section>\n");
    }

    private static StringBuilder AppendTerm(StringBuilder html, Term? term, IReadOnlyDictionary<string, string> prefixes, QueryRun run) => term switch
    {
        null => html,
        Iri iri => html.Link(run.LocalPath(iri.Value), Compact(iri.Value, prefixes, run)),
        Literal l when l.Language is not null => html.Text(l.LexicalForm).Append(" <span class=\"tag\">@").Text(l.Language).Append("</span>"),
        Literal l when !l.IsSimple && !IsNumber(l) => html.Text(l.LexicalForm).Append(" <span class=\"tag\">").Text(Compact(l.Datatype.Value, prefixes, run)).Append("</span>"),
        Literal l => html.Text(l.LexicalForm),
        BlankNode b => html.Append("_:").Text(b.Label),
        _ => html.Text(term.ToString()),
    };

    private static bool IsNumber(Literal l) =>
        l.Datatype.Value is "http://www.w3.org/2001/XMLSchema#integer" or "http://www.w3.org/2001/XMLSchema#decimal" or "http://www.w3.org/2001/XMLSchema#double";

    /// <summary>A prefixed name when a prefix of the query (or the node's usual ones) fits, a site path for the node's IRIs, else the IRI.</summary>
    private static string Compact(string iri, IReadOnlyDictionary<string, string> prefixes, QueryRun run)
    {
        foreach (var map in new[] { prefixes, RdfDocument.Prefixes })
            foreach (var (prefix, ns) in map)
                if (iri.Length > ns.Length && iri.StartsWith(ns, StringComparison.Ordinal) && IsLocalName(iri.AsSpan(ns.Length)))
                    return prefix + ":" + iri[ns.Length..];
        return run.LocalPath(iri);
    }

    private static bool IsLocalName(ReadOnlySpan<char> local)
    {
        foreach (char c in local)
            if (!char.IsAsciiLetterOrDigit(c) && c is not '_' and not '-') return false;
        return true;
    }
}
