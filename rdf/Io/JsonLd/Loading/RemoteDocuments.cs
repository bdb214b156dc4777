using System.Text.Json.Nodes;

namespace DihNode.Rdf.Io.JsonLd.Loading;

/// <summary>What an HTTP response means for a JSON-LD processor: a document, or a link to follow instead.</summary>
public readonly record struct LoadedResponse(RemoteDocument? Document, string? AlternateUrl);

/// <summary>
/// The response rules of LoadDocumentCallback (JSON-LD 1.1 API §9.4,
/// https://www.w3.org/TR/json-ld11-api/#loaddocumentcallback), shared by the HTTP loader and by
/// loaders that replay recorded responses (the conformance runner).
/// </summary>
public static class RemoteDocuments
{
    /// <summary>The Link relation of a JSON-LD context for plain JSON documents (§9.4 step 3).</summary>
    public const string ContextRelation = "http://www.w3.org/ns/json-ld#context";

    /// <summary>
    /// Interprets a response: a non-2xx status fails; a non-JSON type with a Link rel="alternate"
    /// type="application/ld+json" returns the alternate URL to load instead; plain JSON takes its
    /// context from a Link rel=json-ld#context (two such links: "multiple context link headers");
    /// HTML yields its JSON-LD script element(s); anything else fails with "loading document failed".
    /// </summary>
    public static LoadedResponse FromResponse(string url, int status, string? contentType, ReadOnlySpan<byte> body,
        IReadOnlyList<string> linkHeaders, LoadDocumentOptions options)
    {
        if (status is < 200 or >= 300)
            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"<{url}>: HTTP status {status}");
        var media = MediaTypeParsing.TryParse(contentType);
        string mediaType = media?.MediaType?.ToLowerInvariant() ?? "application/octet-stream";
        string? profile = media?.Parameters.FirstOrDefault(p => p.Name.Equals("profile", StringComparison.OrdinalIgnoreCase))?.Value?.Trim('"');
        bool json = mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal);
        bool html = mediaType is "text/html" or "application/xhtml+xml";
        var links = LinkHeader.Parse(linkHeaders);

        if (!json)
        {
            var alternate = links.FirstOrDefault(l => l.HasRel("alternate") && string.Equals(l.Type, "application/ld+json", StringComparison.OrdinalIgnoreCase));
            if (alternate is not null) return new LoadedResponse(null, IriResolver.Resolve(url, alternate.Target));
        }
        if (!json && !html)
        {
            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"<{url}>: content type {mediaType} is neither JSON nor HTML");
        }

        string? contextUrl = null;
        if (json && mediaType != "application/ld+json")
        {
            var contexts = links.Where(l => l.HasRel(ContextRelation)).ToList();
            if (contexts.Count > 1)
                throw new JsonLdException(JsonLdErrorCode.MultipleContextLinkHeaders, $"<{url}> has {contexts.Count} context links");
            if (contexts.Count == 1) contextUrl = IriResolver.Resolve(url, contexts[0].Target);
        }

        if (html)
        {
            var (document, baseUrl) = HtmlScripts.Extract(body, url, options.ExtractAllScripts);
            return new LoadedResponse(new RemoteDocument(url, document, mediaType, null, profile) { HtmlBase = baseUrl }, null);
        }

        JsonNode? parsed;
        try
        {
            parsed = JsonLdJson.Parse(body, url, 512);
        }
        catch (JsonLdException e)
        {
            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, e.Detail, e);
        }
        return new LoadedResponse(new RemoteDocument(url, parsed, mediaType, contextUrl, profile), null);
    }
}

/// <summary>One link of an HTTP Link header (RFC 8288): target and parameters.</summary>
internal sealed record LinkValue(string Target, string? Rel, string? Type)
{
    public bool HasRel(string rel) =>
        Rel is not null && Rel.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(r => string.Equals(r, rel, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A tolerant reader for Link header values: <c>&lt;url&gt;; rel="x"; type="y", &lt;url2&gt;...</c>.</summary>
internal static class LinkHeader
{
    public static List<LinkValue> Parse(IEnumerable<string> headers)
    {
        var result = new List<LinkValue>();
        foreach (string header in headers)
        {
            int i = 0;
            while (i < header.Length)
            {
                int open = header.IndexOf('<', i);
                if (open < 0) break;
                int close = header.IndexOf('>', open);
                if (close < 0) break;
                string target = header[(open + 1)..close].Trim();
                string? rel = null, type = null;
                i = close + 1;
                while (i < header.Length && header[i] != ',')
                {
                    if (header[i] is ';' or ' ') { i++; continue; }
                    int eq = header.IndexOfAny(['=', ';', ','], i);
                    if (eq < 0 || header[eq] != '=') { i = eq < 0 ? header.Length : eq; continue; }
                    string name = header[i..eq].Trim().ToLowerInvariant();
                    i = eq + 1;
                    string value;
                    if (i < header.Length && header[i] == '"')
                    {
                        int end = header.IndexOf('"', i + 1);
                        if (end < 0) end = header.Length;
                        value = header[(i + 1)..end];
                        i = Math.Min(end + 1, header.Length);
                    }
                    else
                    {
                        int end = header.IndexOfAny([';', ','], i);
                        if (end < 0) end = header.Length;
                        value = header[i..end].Trim();
                        i = end;
                    }
                    if (name == "rel") rel = value;
                    else if (name == "type") type = value;
                }
                result.Add(new LinkValue(target, rel, type));
                if (i < header.Length && header[i] == ',') i++;
            }
        }
        return result;
    }
}
