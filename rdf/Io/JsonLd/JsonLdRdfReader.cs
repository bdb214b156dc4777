using DihNode.Rdf.Io.JsonLd.Loading;
using DihNode.Rdf.Io.Text;

namespace DihNode.Rdf.Io.JsonLd;

/// <summary>
/// JSON-LD as one of <see cref="RdfParser"/>'s syntaxes: reads the whole document (JSON needs it),
/// deserializes it to RDF (JSON-LD 1.1 API §6.1) and reports every error as an
/// <see cref="RdfSyntaxException"/> with line and column: malformed JSON where the reader stopped,
/// a JSON-LD error (its spec code first) where the offending value starts.
/// </summary>
internal static class JsonLdRdfReader
{
    public static void Parse(Stream input, IQuadSink sink, RdfParserOptions options)
    {
        byte[] utf8;
        using (var buffer = new MemoryStream())
        {
            input.CopyTo(buffer);
            utf8 = buffer.ToArray();
        }
        var jsonLd = new JsonLdOptions
        {
            Base = options.BaseIri,
            DocumentLoader = options.JsonLdDocumentLoader ?? DocumentLoaders.None,
            MaxNestingDepth = Math.Max(options.MaxNestingDepth, 16),
        };
        System.Text.Json.Nodes.JsonNode? document = null;
        try
        {
            document = JsonLdJson.Parse(utf8, null, jsonLd.MaxNestingDepth);
            if (options.BaseIri is { } baseIri) sink.OnBase(baseIri);
            var labels = new BlankNodeLabels(options.BlankNodePrefix);
            JsonLdProcessor.ToRdf(new RemoteDocument(options.BaseIri ?? "", document, contentType: null), sink, jsonLd, labels.FromLabel);
        }
        catch (JsonLdException e)
        {
            long line = 1, column = 1;
            if (e.Data[JsonLdJson.LineKey] is long l && e.Data[JsonLdJson.ColumnKey] is long c)
            {
                (line, column) = (l, c);
                throw new RdfSyntaxException(StripPosition(e), line, column, options.SourceName);
            }
            if (JsonPosition.Locate(utf8, document, e.Data[JsonLdException.NodeKey] as System.Text.Json.Nodes.JsonNode) is { } at)
                (line, column) = at;
            throw new RdfSyntaxException($"JSON-LD error \"{e.CodeText}\"" + (e.Detail is null ? "" : ": " + e.Detail), line, column, options.SourceName);
        }
    }

    /// <summary>The JSON reader's message without the "line L, column C:" that the syntax exception adds again.</summary>
    private static string StripPosition(JsonLdException e)
    {
        string detail = e.Detail ?? e.Message;
        int colon = detail.IndexOf(": ", detail.IndexOf("column ", StringComparison.Ordinal) + 1, StringComparison.Ordinal);
        return "malformed JSON: " + (colon > 0 ? detail[(colon + 2)..] : detail);
    }
}
