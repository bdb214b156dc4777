using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using DihNode.Rdf.Io.JsonLd.Compaction;
using DihNode.Rdf.Io.JsonLd.Context;
using DihNode.Rdf.Io.JsonLd.FromRdf;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Io.JsonLd.Writing;

/// <summary>
/// Writes quads as readable, compacted JSON-LD: Serialize RDF as JSON-LD (in code point order, with
/// native JSON numbers and booleans only where lossless), blank nodes referenced once embedded where
/// they are used, then compaction with the context of <see cref="RdfWriterOptions.JsonLdContext"/>,
/// or else one built from the prefixes and base IRI. Indented UTF-8, "\n" line ends, no escaping of
/// non-ASCII characters or slashes. Quads are buffered until <see cref="Finish"/>.
/// </summary>
internal sealed class JsonLdWriter : IRdfWriter
{
    private readonly Stream _output;
    private readonly JsonNode? _context;
    private readonly string? _contextUrl;
    private readonly string? _baseIri;
    private readonly List<Quad> _quads = [];
    private bool _finished;

    public JsonLdWriter(Stream output, RdfWriterOptions? options)
    {
        _output = output;
        _baseIri = options?.BaseIri;
        _contextUrl = options?.JsonLdContextUrl;
        _context = options?.JsonLdContext is { } text ? ParseContext(text) : PrefixContext(options);
    }

    public void Add(in Quad quad)
    {
        if (_finished) throw new InvalidOperationException("The JSON-LD writer has already finished.");
        _quads.Add(quad);
    }

    public void Finish()
    {
        if (_finished) return;
        _finished = true;
        var document = Serialize(_quads, _context, _baseIri);
        if (_contextUrl is not null && document.ContainsKey(Keywords.Context)) document[Keywords.Context] = _contextUrl;
        using var json = new Utf8JsonWriter(_output, new JsonWriterOptions
        {
            Indented = true,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        document.WriteTo(json);
        json.Flush();
        _output.WriteByte((byte)'\n');
        _output.Flush();
    }

    public void Dispose() { }

    /// <summary>The compacted document for <paramref name="quads"/>; <paramref name="context"/> may be null (expanded-like output with full IRIs).</summary>
    internal static JsonObject Serialize(IEnumerable<Quad> quads, JsonNode? context, string? baseIri)
    {
        var expanded = RdfToJsonLd.Convert(quads, new FromRdfOptions { Ordered = true, UseLosslessNativeTypes = true });
        BlankNodeEmbedding.Apply(expanded);
        var options = new JsonLdOptions { Ordered = true, Base = baseIri, CompactToRelative = baseIri is not null };
        return JsonLdCompaction.Compact(expanded, context, options, documentUrl: null);
    }

    private static JsonNode? ParseContext(string text)
    {
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The JSON-LD context is not JSON: {e.Message}", nameof(text), e);
        }
        return parsed is JsonObject document && document.TryGetPropertyValue(Keywords.Context, out var inner) ? inner?.DeepClone() : parsed;
    }

    /// <summary>A context of the writer's prefixes (each a term usable as a compact IRI prefix) and its base IRI.</summary>
    private static JsonObject? PrefixContext(RdfWriterOptions? options)
    {
        if (options is null || (options.Prefixes is not { Count: > 0 } && options.BaseIri is null)) return null;
        var context = new JsonObject();
        if (options.BaseIri is { } baseIri) context[Keywords.Base] = baseIri;
        foreach (var (prefix, ns) in (options.Prefixes ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (prefix.Length == 0)
            {
                context[Keywords.Vocab] = ns;
                continue;
            }
            context[prefix] = ns.Length > 0 && ns[^1] is '/' or '#' or ':' or '?' or '[' or ']' or '@'
                ? ns
                : new JsonObject { [Keywords.Id] = ns, [Keywords.Prefix] = true };
        }
        return context;
    }
}
