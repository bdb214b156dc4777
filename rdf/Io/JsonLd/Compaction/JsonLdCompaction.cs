using System.Text.Json.Nodes;
using DihNode.Rdf.Io.JsonLd.Context;

namespace DihNode.Rdf.Io.JsonLd.Compaction;

/// <summary>
/// The parts of compact() after expansion (JSON-LD 1.1 API §9.1,
/// https://www.w3.org/TR/json-ld11-api/#dom-jsonldprocessor-compact): the active context from the
/// given context, the Compaction algorithm, and the shape of the result.
/// </summary>
internal static class JsonLdCompaction
{
    /// <summary>
    /// Compacts <paramref name="expanded"/> (a document in expanded form) with <paramref name="context"/>
    /// (a context, or a document with an <c>@context</c> entry; null for none). The result is a map;
    /// several top-level nodes go under <c>@graph</c>; a non-empty context is put first as <c>@context</c>.
    /// </summary>
    /// <param name="documentUrl">The document's URL: the base for relative IRIs unless <see cref="JsonLdOptions.Base"/> is set.</param>
    public static JsonObject Compact(JsonNode? expanded, JsonNode? context, JsonLdOptions options, string? documentUrl)
    {
        var processor = new ContextProcessor(options);
        var contextValue = ContextValue(context);
        var activeContext = CreateContext(processor, contextValue, options, documentUrl);
        var compactor = new Compactor(processor, options);
        return Finish(activeContext, compactor, compactor.Compact(activeContext, null, expanded), contextValue);
    }

    /// <summary>The context itself: the <c>@context</c> entry of a context document, else the value as given.</summary>
    public static JsonNode? ContextValue(JsonNode? context) =>
        context is JsonObject document && document.TryGetPropertyValue(Keywords.Context, out var inner) ? inner : context;

    /// <summary>
    /// The active context compact() and flatten() work with: the context processed on top of an
    /// empty one whose base IRI is the base option or the document URL (none when
    /// <see cref="JsonLdOptions.CompactToRelative"/> is off, so IRIs stay absolute).
    /// </summary>
    public static ActiveContext CreateContext(ContextProcessor processor, JsonNode? contextValue, JsonLdOptions options, string? documentUrl)
    {
        string? baseIri = options.Base ?? documentUrl;
        var initial = new ActiveContext(options.CompactToRelative ? baseIri : null);
        return processor.Process(initial, contextValue, baseIri);
    }

    /// <summary>
    /// compact() steps 8 and 9: an array result becomes <c>@graph</c> of a map (an empty one, an empty
    /// map); a non-empty context is added as <c>@context</c>, first.
    /// </summary>
    public static JsonObject Finish(ActiveContext activeContext, Compactor compactor, JsonNode? compacted, JsonNode? contextValue)
    {
        JsonObject body = compacted switch
        {
            JsonArray { Count: 0 } => [],
            JsonArray array => new JsonObject { [compactor.CompactIri(activeContext, Keywords.Graph, vocab: true)!] = array },
            JsonObject map => map,
            _ => [],
        };
        if (!HasContent(contextValue)) return body;
        var result = new JsonObject { [Keywords.Context] = contextValue!.DeepClone() };
        foreach (var (key, value) in body.ToList())
        {
            body.Remove(key);
            result[key] = value;
        }
        return result;
    }

    private static bool HasContent(JsonNode? context) => context switch
    {
        null => false,
        JsonObject map => map.Count > 0,
        JsonArray array => array.Count > 0,
        _ => true,
    };
}
