using System.Text.Json.Nodes;
using DihNode.Rdf.Io.JsonLd.Context;

namespace DihNode.Rdf.Io.JsonLd.Compaction;

/// <summary>
/// Compaction of an expanded JSON-LD document with a context, as the JsonLdProcessor compact()
/// method does after expansion (JSON-LD 1.1 API §9.1, https://www.w3.org/TR/json-ld11-api/#dom-jsonldprocessor-compact).
/// </summary>
public static class JsonLdCompaction
{
    /// <summary>
    /// Compacts <paramref name="expanded"/> (a document in expanded form) with <paramref name="context"/>
    /// (a context, or a document with an <c>@context</c> entry; null for none). The result is a map;
    /// several top-level nodes go under <c>@graph</c>; a non-empty context is put first as <c>@context</c>.
    /// </summary>
    /// <param name="documentUrl">The document's URL: the base for relative IRIs unless <see cref="JsonLdOptions.Base"/> is set.</param>
    public static JsonObject Compact(JsonNode? expanded, JsonNode? context, JsonLdOptions? options = null, string? documentUrl = null)
    {
        options ??= new JsonLdOptions();
        var processor = new ContextProcessor(options);
        var contextValue = context is JsonObject document && document.TryGetPropertyValue(Keywords.Context, out var inner) ? inner : context;
        var activeContext = CreateContext(processor, contextValue, options, documentUrl);
        var compactor = new Compactor(processor, options);
        return Finish(compactor, activeContext, compactor.Compact(activeContext, null, expanded), contextValue);
    }

    /// <summary>
    /// compact() of the JsonLdProcessor: expands the JSON-LD document <paramref name="input"/>
    /// (relative IRIs against <paramref name="documentUrl"/> or <see cref="JsonLdOptions.Base"/>),
    /// then compacts it with <paramref name="context"/>.
    /// </summary>
    public static JsonObject CompactDocument(JsonNode? input, JsonNode? context, JsonLdOptions? options = null, string? documentUrl = null)
    {
        options ??= new JsonLdOptions();
        return Compact(ExpandForCompaction(input, options, documentUrl), context, options, documentUrl);
    }

    /// <summary>Expansion as compact() and flatten() run it: with the expandContext option, never ordered.</summary>
    internal static JsonArray ExpandForCompaction(JsonNode? input, JsonLdOptions options, string? documentUrl)
    {
        var expandOptions = options.Clone();
        expandOptions.Ordered = false;
        var processor = new ContextProcessor(expandOptions);
        string? baseIri = options.Base ?? documentUrl;
        var activeContext = new ActiveContext(baseIri) { OriginalBaseUrl = baseIri };
        if (options.ExpandContext is { } expandContext)
        {
            var value = expandContext is JsonObject map && map.TryGetPropertyValue(Keywords.Context, out var inner) ? inner : expandContext;
            activeContext = processor.Process(activeContext, value, baseIri);
        }
        return new Expansion.Expander(processor).ExpandDocument(activeContext, input, documentUrl ?? baseIri);
    }

    /// <summary>The active context compact() and flatten() work with: the context processed against the base.</summary>
    internal static ActiveContext CreateContext(ContextProcessor processor, JsonNode? contextValue, JsonLdOptions options, string? documentUrl)
    {
        string? baseIri = options.Base ?? documentUrl;
        var initial = new ActiveContext(options.CompactToRelative ? baseIri : null);
        var activeContext = processor.Process(initial, contextValue, baseIri);
        return activeContext;
    }

    /// <summary>
    /// compact() steps 8 and 9: an array result becomes <c>@graph</c> of a map (an empty one, an empty
    /// map); a non-empty context is added as <c>@context</c>, first.
    /// </summary>
    internal static JsonObject Finish(Compactor compactor, ActiveContext activeContext, JsonNode? compacted, JsonNode? contextValue)
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
