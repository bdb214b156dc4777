using System.Text.Json.Nodes;
using DihNode.Rdf.Io.JsonLd.Compaction;
using DihNode.Rdf.Io.JsonLd.Context;
using DihNode.Rdf.Io.JsonLd.Flattening;
using DihNode.Rdf.Io.JsonLd.Loading;

namespace DihNode.Rdf.Io.JsonLd;

public static partial class JsonLdProcessor
{
    /// <summary>
    /// Flattens a parsed document (§9.1 flatten(), https://www.w3.org/TR/json-ld11-api/#dom-jsonldprocessor-flatten).
    /// Without a context the result is the flattened array in expanded form; with one, a map with the
    /// context and every node under <c>@graph</c>.
    /// </summary>
    public static JsonNode Flatten(JsonNode? input, JsonNode? context = null, JsonLdOptions? options = null)
    {
        options ??= new JsonLdOptions();
        return Flatten(new RemoteDocument(options.Base ?? "", input, contentType: null), context, options);
    }

    /// <summary>Loads <paramref name="url"/> through the options' document loader and flattens it.</summary>
    public static JsonNode Flatten(string url, JsonNode? context = null, JsonLdOptions? options = null)
    {
        options ??= new JsonLdOptions();
        return Flatten(LoadDocument(url, options, extractAllScriptsByDefault: false), context, options);
    }

    /// <summary>Flattens a loaded document: expansion, node map, flattening, and compaction when a context is given.</summary>
    public static JsonNode Flatten(RemoteDocument document, JsonNode? context = null, JsonLdOptions? options = null)
    {
        options ??= new JsonLdOptions();
        var flattened = Flattener.Flatten(ExpandUnordered(document, options), options.Ordered);
        if (context is null) return flattened;

        var processor = new ContextProcessor(options);
        var contextValue = JsonLdCompaction.ContextValue(context);
        var activeContext = JsonLdCompaction.CreateContext(processor, contextValue, options, DocumentUrlOf(document));
        var compactor = new Compactor(processor, options);
        var compacted = compactor.Compact(activeContext, null, flattened);
        var nodes = compacted as JsonArray ?? new JsonArray(compacted);
        var body = new JsonObject { [compactor.CompactIri(activeContext, Keywords.Graph, vocab: true)!] = nodes };
        return JsonLdCompaction.Finish(activeContext, compactor, body, contextValue);
    }
}
