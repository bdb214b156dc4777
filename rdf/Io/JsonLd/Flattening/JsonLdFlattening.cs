using System.Text.Json.Nodes;
using DihNode.Rdf.Io.JsonLd.Compaction;

namespace DihNode.Rdf.Io.JsonLd.Flattening;

/// <summary>
/// flatten() of the JsonLdProcessor (JSON-LD 1.1 API §9.1, https://www.w3.org/TR/json-ld11-api/#dom-jsonldprocessor-flatten):
/// expansion, flattening, and compaction when a context is given.
/// </summary>
public static class JsonLdFlattening
{
    /// <summary>
    /// Flattens the JSON-LD document <paramref name="input"/>. Without a context the result is the
    /// flattened array in expanded form; with one, a map with the context and <c>@graph</c>.
    /// </summary>
    /// <param name="documentUrl">The input's URL, the base for its relative IRIs unless <see cref="JsonLdOptions.Base"/> is set.</param>
    public static JsonNode Flatten(JsonNode? input, JsonNode? context = null, JsonLdOptions? options = null, string? documentUrl = null)
    {
        options ??= new JsonLdOptions();
        var expanded = JsonLdCompaction.ExpandForCompaction(input, options, documentUrl);
        var flattened = Flattener.Flatten(expanded, options.Ordered);
        if (context is null) return flattened;

        var processor = new Context.ContextProcessor(options);
        var contextValue = context is JsonObject document && document.TryGetPropertyValue(Keywords.Context, out var inner) ? inner : context;
        var activeContext = JsonLdCompaction.CreateContext(processor, contextValue, options, documentUrl);
        var compactor = new Compactor(processor, options);
        var compacted = compactor.Compact(activeContext, null, flattened);
        var nodes = compacted as JsonArray ?? new JsonArray(compacted);
        var body = new JsonObject { [compactor.CompactIri(activeContext, Keywords.Graph, vocab: true)!] = nodes };
        return JsonLdCompaction.Finish(compactor, activeContext, body, contextValue);
    }
}
