using System.Text;
using System.Text.Json.Nodes;

namespace DihNode.Rdf.Io.JsonLd.Loading;

/// <summary>
/// Finds JSON-LD script elements in HTML (JSON-LD 1.1 §7.3, https://www.w3.org/TR/json-ld11/#embedding-json-ld-in-html-documents;
/// API §9.4 step 5.2): <c>&lt;script type="application/ld+json"&gt;</c> elements and the <c>&lt;base href&gt;</c>.
/// A small scanner, not an HTML parser: it reads tags and attributes, takes a script's raw text up
/// to <c>&lt;/script</c>, and never executes or interprets anything else.
/// </summary>
internal static class HtmlScripts
{
    private sealed record Script(string? Id, string Text);

    /// <summary>
    /// The document for <paramref name="url"/>: the script named by its fragment, else the first one,
    /// or (<paramref name="extractAll"/>) an array of all; with the resolved base element href.
    /// </summary>
    public static (JsonNode? Document, string? Base) Extract(ReadOnlySpan<byte> body, string url, bool extractAll)
    {
        string html = Encoding.UTF8.GetString(body);
        var (scripts, baseHref) = Scan(html);
        string? resolvedBase = baseHref;
        int hash = url.IndexOf('#');
        if (hash >= 0)
        {
            string id = url[(hash + 1)..];
            var named = scripts.FirstOrDefault(s => s.Id == id)
                ?? throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"<{url}>: no script element with id \"{id}\"");
            return (ParseScript(named, url), resolvedBase);
        }
        if (extractAll)
        {
            var all = new JsonArray();
            foreach (var script in scripts)
            {
                var parsed = ParseScript(script, url);
                if (parsed is JsonArray items)
                    foreach (var item in items.ToList()) { items.Remove(item); all.Add(item); }
                else all.Add(parsed);
            }
            return (all, resolvedBase);
        }
        if (scripts.Count == 0)
            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"<{url}>: no JSON-LD script element");
        return (ParseScript(scripts[0], url), resolvedBase);
    }

    private static JsonNode? ParseScript(Script script, string url)
    {
        try
        {
            return JsonLdJson.Parse(script.Text, url + (script.Id is null ? "" : " script #" + script.Id), 512);
        }
        catch (JsonLdException e)
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidScriptElement, e.Detail, e);
        }
    }

    private static (List<Script> Scripts, string? BaseHref) Scan(string html)
    {
        var scripts = new List<Script>();
        string? baseHref = null;
        int i = 0;
        while ((i = html.IndexOf('<', i)) >= 0)
        {
            if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                int end = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = end < 0 ? html.Length : end + 3;
                continue;
            }
            int nameStart = i + 1, p = nameStart;
            while (p < html.Length && char.IsAsciiLetterOrDigit(html[p])) p++;
            string name = html[nameStart..p].ToLowerInvariant();
            var (attributes, tagEnd) = Attributes(html, p);
            i = tagEnd;
            if (name == "base" && baseHref is null && attributes.TryGetValue("href", out var href)) baseHref = href;
            if (name != "script") continue;
            int close = html.IndexOf("</script", i, StringComparison.OrdinalIgnoreCase);
            if (close < 0) close = html.Length;
            string text = html[i..close];
            i = close;
            if (!attributes.TryGetValue("type", out var type)) continue;
            string mediaType = type.Split(';')[0].Trim();
            if (!mediaType.Equals("application/ld+json", StringComparison.OrdinalIgnoreCase)) continue;
            scripts.Add(new Script(attributes.GetValueOrDefault("id"), text));
        }
        return (scripts, baseHref);
    }

    /// <summary>Reads attributes from <paramref name="p"/> to the closing '&gt;'; returns them and the index after it.</summary>
    private static (Dictionary<string, string> Attributes, int End) Attributes(string html, int p)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (p < html.Length && html[p] != '>')
        {
            if (char.IsWhiteSpace(html[p]) || html[p] == '/') { p++; continue; }
            int start = p;
            while (p < html.Length && !char.IsWhiteSpace(html[p]) && html[p] is not ('=' or '>' or '/')) p++;
            string name = html[start..p];
            while (p < html.Length && char.IsWhiteSpace(html[p])) p++;
            string value = "";
            if (p < html.Length && html[p] == '=')
            {
                p++;
                while (p < html.Length && char.IsWhiteSpace(html[p])) p++;
                if (p < html.Length && html[p] is '"' or '\'')
                {
                    char quote = html[p];
                    int end = html.IndexOf(quote, p + 1);
                    if (end < 0) end = html.Length;
                    value = html[(p + 1)..end];
                    p = Math.Min(end + 1, html.Length);
                }
                else
                {
                    int vs = p;
                    while (p < html.Length && !char.IsWhiteSpace(html[p]) && html[p] != '>') p++;
                    value = html[vs..p];
                }
            }
            if (name.Length > 0) result.TryAdd(name, System.Net.WebUtility.HtmlDecode(value));
        }
        return (result, Math.Min(p + 1, html.Length));
    }
}
