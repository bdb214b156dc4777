using System.Text;

namespace DihNode.Node.Web;

/// <summary>
/// The frame every server-rendered page of the node shares: the document head, a site header with the
/// navigation, the <c>main</c> landmark and a footer, plus the encoding helpers. Every piece of data
/// that reaches HTML goes through <see cref="Encode"/> (text and attribute values alike) or
/// <see cref="SafeHref"/> (link targets), so a hub field holding markup or script is shown as text.
/// </summary>
public static class Layout
{
    /// <summary>The site navigation: (label, path). Pages another part of the web UI serves may be listed here.</summary>
    public static IReadOnlyList<(string Label, string Href)> Navigation { get; } =
    [
        ("Home", "/"),
        ("Search", "/search"),
        ("Catalogue", "/catalog"),
        ("SPARQL", "/query"),
        ("Downloads", "/dump/hubs.ttl"),
    ];

    /// <summary>
    /// HTML-encodes text for element content or a quoted attribute value: &lt; &gt; &amp; " ' become
    /// character references; every other character (the pages are UTF-8) is written as it is.
    /// </summary>
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (text.AsSpan().IndexOfAny("<>&\"'") < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (char c in text)
            sb.Append(c switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            } ?? c.ToString());
        return sb.ToString();
    }

    /// <summary>Appends <paramref name="text"/> HTML-encoded.</summary>
    public static StringBuilder Text(this StringBuilder html, string? text) => html.Append(Encode(text));

    /// <summary>
    /// A link target safe to put in <c>href</c>: http(s) URLs and site-relative paths ("/…") pass,
    /// encoded for the attribute; anything else (javascript:, data:, a bare word) gives null, and the
    /// caller shows the value as text instead of a link.
    /// </summary>
    public static string? SafeHref(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        bool ok = url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal));
        return ok ? Encode(url) : null;
    }

    /// <summary>Appends <c>&lt;a href&gt;text&lt;/a&gt;</c>, or just the text when <paramref name="href"/> is not a safe link.</summary>
    public static StringBuilder Link(this StringBuilder html, string? href, string? text, string? rel = null)
    {
        string? target = SafeHref(href);
        if (target is null) return html.Text(text);
        html.Append("<a href=\"").Append(target).Append('"');
        if (rel is not null) html.Append(" rel=\"").Append(Encode(rel)).Append('"');
        return html.Append('>').Text(text).Append("</a>");
    }

    /// <summary>
    /// Starts a page: doctype, head (title, <paramref name="head"/> extra markup such as alternate links,
    /// already encoded), the site header with navigation, and the opening <c>main</c>. Close it with <see cref="End"/>.
    /// </summary>
    public static StringBuilder Begin(string title, string? head = null)
    {
        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Text(title).Append(" · DIH node</title>\n")
            .Append("<style>").Append(Style).Append("</style>\n");
        if (head is not null) html.Append(head);
        html.Append("</head>\n<body>\n<header class=\"site\">\n<a class=\"brand\" href=\"/\">DIH node</a>\n<nav aria-label=\"Site\">\n<ul>\n");
        foreach (var (label, href) in Navigation)
            html.Append("<li><a href=\"").Append(Encode(href)).Append("\">").Text(label).Append("</a></li>\n");
        html.Append("</ul>\n</nav>\n</header>\n<main id=\"content\">\n");
        return html;
    }

    /// <summary>Closes <c>main</c>, adds the footer and ends the document.</summary>
    public static string End(StringBuilder html) => Close(html).ToString();

    /// <summary>Closes <c>main</c>, adds the footer and ends the document, leaving it in <paramref name="html"/> (to be encoded from there).</summary>
    public static StringBuilder Close(StringBuilder html) =>
        html.Append("</main>\n<footer class=\"site\">\n<p>Digital Innovation Hubs as linked data: ")
            .Append("<a href=\"/catalog\">DCAT-AP catalogue</a> · <a href=\"/sparql\">SPARQL endpoint</a> · ")
            .Append("<a href=\"/dump/hubs.ttl\">full dump</a></p>\n</footer>\n</body>\n</html>\n");

    /// <summary>A complete error page (404 and the like) with a heading and one paragraph.</summary>
    public static string ErrorPage(string title, string message)
    {
        var html = Begin(title);
        html.Append("<h1>").Text(title).Append("</h1>\n<p>").Text(message).Append("</p>\n");
        return End(html);
    }

    private const string Style =
        "body{font-family:system-ui,sans-serif;margin:0;line-height:1.5;color:#1b1b1b}" +
        "header.site,footer.site{background:#003399;color:#fff;padding:.5rem 1rem}" +
        "header.site a,footer.site a{color:#fff}header.site .brand{font-weight:bold;margin-right:1rem}" +
        "header.site nav,header.site nav ul{display:inline}header.site nav li{display:inline;margin-right:1rem}" +
        "main{max-width:60rem;margin:0 auto;padding:1rem}" +
        "dl{display:grid;grid-template-columns:max-content auto;gap:.25rem 1rem}dt{font-weight:bold}dd{margin:0}" +
        "table{border-collapse:collapse}th,td{text-align:left;padding:.2rem .6rem;border-bottom:1px solid #ccc}" +
        "code{font-size:.9em;word-break:break-all}";
}
