using System.Text.Json.Nodes;
using DihNode.Rdf.Io.JsonLd.Compaction;
using DihNode.Rdf.Io.JsonLd.Loading;

namespace DihNode.Rdf.Io.JsonLd;

public static partial class JsonLdProcessor
{
    /// <summary>
    /// Compacts a parsed document with <paramref name="context"/> (§9.1 compact(),
    /// https://www.w3.org/TR/json-ld11-api/#dom-jsonldprocessor-compact): a context, a document with
    /// an <c>@context</c> entry, or a context IRI. The base IRI comes from <see cref="JsonLdOptions.Base"/>.
    /// </summary>
    public static JsonObject Compact(JsonNode? input, JsonNode? context, JsonLdOptions? options = null)
    {
        options ??= new JsonLdOptions();
        return Compact(new RemoteDocument(options.Base ?? "", input, contentType: null), context, options);
    }

    /// <summary>Loads <paramref name="url"/> through the options' document loader and compacts it.</summary>
    public static JsonObject Compact(string url, JsonNode? context, JsonLdOptions? options = null)
    {
        options ??= new JsonLdOptions();
        return Compact(LoadDocument(url, options, extractAllScriptsByDefault: false), context, options);
    }

    /// <summary>Compacts a loaded document: expansion (never ordered), then the Compaction algorithm.</summary>
    public static JsonObject Compact(RemoteDocument document, JsonNode? context, JsonLdOptions? options = null)
    {
        options ??= new JsonLdOptions();
        var expanded = ExpandUnordered(document, options);
        return JsonLdCompaction.Compact(expanded, context, options, DocumentUrlOf(document));
    }

    /// <summary>Expansion as compact() and flatten() run it (§9.1 compact() step 2): with the caller's options but unordered.</summary>
    internal static JsonArray ExpandUnordered(RemoteDocument document, JsonLdOptions options)
    {
        if (!options.Ordered) return Expand(document, options);
        var unordered = options.Clone();
        unordered.Ordered = false;
        return Expand(document, unordered);
    }

    internal static string? DocumentUrlOf(RemoteDocument document) =>
        string.IsNullOrEmpty(document.DocumentUrl) ? null : document.DocumentUrl;
}
