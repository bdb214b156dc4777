using System.Text.Json.Nodes;
using DihNode.Rdf.Io.JsonLd.Context;
using DihNode.Rdf.Io.JsonLd.Expansion;
using DihNode.Rdf.Io.JsonLd.Loading;
using DihNode.Rdf.Io.JsonLd.NodeMap;
using DihNode.Rdf.Io.JsonLd.ToRdf;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Io.JsonLd;

/// <summary>
/// The JsonLdProcessor interface of JSON-LD 1.1 API §9.1 (https://www.w3.org/TR/json-ld11-api/#the-jsonldprocessor-interface),
/// synchronous. This file holds expand() and toRdf(); compaction, flattening and fromRdf live in
/// their own partial files. Every method throws <see cref="JsonLdException"/> with the spec's code.
/// </summary>
public static partial class JsonLdProcessor
{
    /// <summary>Expands a parsed document (§9.1 expand()); the base IRI comes from <see cref="JsonLdOptions.Base"/>.</summary>
    public static JsonArray Expand(JsonNode? input, JsonLdOptions? options = null)
    {
        options ??= new JsonLdOptions();
        return Expand(new RemoteDocument(options.Base ?? "", input, contentType: null), options);
    }

    /// <summary>Loads <paramref name="url"/> through the options' document loader and expands it.</summary>
    public static JsonArray Expand(string url, JsonLdOptions? options = null)
    {
        options ??= new JsonLdOptions();
        return Expand(LoadDocument(url, options, extractAllScriptsByDefault: false), options);
    }

    /// <summary>Expands a loaded document, using its URL, HTML base and Link-header context.</summary>
    public static JsonArray Expand(RemoteDocument document, JsonLdOptions? options = null)
    {
        options ??= new JsonLdOptions();
        var contexts = new ContextProcessor(options);
        var (activeContext, baseUrl) = InitialContext(contexts, document, options);
        return new Expander(contexts).ExpandDocument(activeContext, document.Document, baseUrl);
    }

    /// <summary>Deserializes a parsed document to RDF (§9.1 toRdf()), quad by quad into <paramref name="sink"/>.</summary>
    public static void ToRdf(JsonNode? input, IQuadSink sink, JsonLdOptions? options = null)
    {
        options ??= new JsonLdOptions();
        ToRdf(new RemoteDocument(options.Base ?? "", input, contentType: null), sink, options);
    }

    /// <summary>Loads <paramref name="url"/> and deserializes it to RDF.</summary>
    public static void ToRdf(string url, IQuadSink sink, JsonLdOptions? options = null)
    {
        options ??= new JsonLdOptions();
        ToRdf(LoadDocument(url, options, extractAllScriptsByDefault: true), sink, options);
    }

    /// <summary>Deserializes a loaded document to RDF. Blank nodes are labelled "b0", "b1", ...</summary>
    public static void ToRdf(RemoteDocument document, IQuadSink sink, JsonLdOptions? options = null) =>
        ToRdf(document, sink, options ?? new JsonLdOptions(), label => new BlankNode(label));

    internal static void ToRdf(RemoteDocument document, IQuadSink sink, JsonLdOptions options, Func<string, BlankNode> blankNode)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var expanded = Expand(document, options);
        var nodeMap = new NodeMapGenerator();
        nodeMap.Add(expanded);
        new RdfGenerator(sink, options, nodeMap.Identifiers, blankNode).Generate(nodeMap.Graphs);
    }

    /// <summary>
    /// The active context an API call starts from (§9.1 expand() steps 3 to 5): base IRI from the
    /// options or the document, then expandContext, then a context from an HTTP Link header.
    /// Returns it with the base URL for expansion.
    /// </summary>
    internal static (ActiveContext Context, string? BaseUrl) InitialContext(ContextProcessor contexts, RemoteDocument document, JsonLdOptions options)
    {
        string? documentUrl = string.IsNullOrEmpty(document.DocumentUrl) ? null : document.DocumentUrl;
        string? baseIri = options.Base ?? documentUrl;
        if (baseIri is not null && !IriResolver.HasScheme(baseIri)) baseIri = null;
        if (document.HtmlBase is { } htmlBase)
        {
            // JSON-LD 1.1 §7.3.1: the HTML base element sets the base IRI of embedded scripts.
            baseIri = baseIri is null ? (IriResolver.HasScheme(htmlBase) ? htmlBase : null) : IriResolver.Resolve(baseIri, htmlBase);
            documentUrl = baseIri ?? documentUrl;
        }
        var activeContext = new ActiveContext(baseIri);
        if (options.ExpandContext is { } expandContext)
        {
            var local = expandContext is JsonObject map && map.TryGetPropertyValue(Keywords.Context, out var inner) ? inner : expandContext;
            activeContext = contexts.Process(activeContext, local, activeContext.OriginalBaseUrl);
        }
        if (document.ContextUrl is { } contextUrl)
            activeContext = contexts.Process(activeContext, JsonValue.Create(contextUrl), contextUrl);
        return (activeContext, documentUrl ?? baseIri);
    }

    /// <summary>
    /// Loads a document for the API (§9.1 step 2): failures become "loading document failed".
    /// <paramref name="extractAllScriptsByDefault"/> is the method's default for an unset ExtractAllScripts.
    /// </summary>
    internal static RemoteDocument LoadDocument(string url, JsonLdOptions options, bool extractAllScriptsByDefault)
    {
        try
        {
            return options.DocumentLoader.Load(url, new LoadDocumentOptions { ExtractAllScripts = options.ExtractAllScripts ?? extractAllScriptsByDefault });
        }
        catch (JsonLdException e) when (e.Code == JsonLdErrorCode.InvalidJson)
        {
            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, e.Detail, e);
        }
    }
}
