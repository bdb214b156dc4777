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
        if (InvalidUtf8At(utf8) is int bad)
        {
            var (line, column) = Position(utf8, bad);
            throw new RdfSyntaxException("malformed JSON: the bytes are not valid UTF-8 (RFC 8259 §8.1)", line, column, options.SourceName);
        }
        System.Text.Json.Nodes.JsonNode? document = null;
        try
        {
            document = JsonLdJson.Parse(utf8, null, jsonLd.MaxNestingDepth);
            if (options.BaseIri is { } baseIri) sink.OnBase(baseIri);
            var labels = new BlankNodeLabels(options.BlankNodePrefix);
            JsonLdProcessor.ToRdf(new RemoteDocument(options.BaseIri ?? "", document, contentType: null), sink, jsonLd, labels.FromLabel);
        }
        catch (InvalidOperationException e)
        {
            // A string holding an unpaired surrogate escape (\uD800): the JSON reader only notices when the string is read.
            throw new RdfSyntaxException("malformed JSON: " + e.Message, 1, 1, options.SourceName);
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

    /// <summary>
    /// The offset of the first byte that is not UTF-8, or null. (System.Text.Json accepts such bytes
    /// inside strings and only fails, with an InvalidOperationException, when the string is read.)
    /// </summary>
    private static int? InvalidUtf8At(ReadOnlySpan<byte> utf8)
    {
        if (System.Text.Unicode.Utf8.IsValid(utf8)) return null;
        Span<char> chars = new char[1024];
        int offset = 0;
        while (true)
        {
            var status = System.Text.Unicode.Utf8.ToUtf16(utf8[offset..], chars, out int read, out _, replaceInvalidSequences: false);
            offset += read;
            if (status != System.Buffers.OperationStatus.DestinationTooSmall) return offset;
        }
    }

    private static (long Line, long Column) Position(ReadOnlySpan<byte> utf8, int offset)
    {
        ReadOnlySpan<byte> before = utf8[..offset];
        int lastNewline = before.LastIndexOf((byte)'\n');
        return (before.Count((byte)'\n') + 1, offset - lastNewline);
    }

    /// <summary>The JSON reader's message without the "line L, column C:" that the syntax exception adds again.</summary>
    private static string StripPosition(JsonLdException e)
    {
        string detail = e.Detail ?? e.Message;
        int colon = detail.IndexOf(": ", detail.IndexOf("column ", StringComparison.Ordinal) + 1, StringComparison.Ordinal);
        return "malformed JSON: " + (colon > 0 ? detail[(colon + 2)..] : detail);
    }
}
