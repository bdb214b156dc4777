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
/// native JSON numbers and booleans only where lossless, rdf:JSON literals kept as typed strings), blank nodes referenced once embedded where
/// they are used, then compaction with the context of <see cref="RdfWriterOptions.JsonLdContext"/>,
/// or else one built from the prefixes and base IRI. Indented UTF-8, "\n" line ends, no escaping of
/// non-ASCII characters or slashes. Quads are buffered until <see cref="Finish"/>.
/// </summary>
internal sealed class JsonLdWriter : IRdfWriter
{
    private readonly Stream _output;
    private readonly RdfWriterOptions? _options;
    private readonly JsonNode? _givenContext;
    private Dictionary<string, string>? _sourcePrefixes;
    private readonly List<Quad> _quads = [];
    private bool _finished;

    public JsonLdWriter(Stream output, RdfWriterOptions? options)
    {
        _output = output;
        _options = options;
        // Parsed now, so a bad context fails before any quad is written.
        _givenContext = options?.JsonLdContext is { } text ? ParseContext(text) : null;
    }

    /// <summary>Keeps a prefix the source declared, for the context made when none is given; the options' prefixes win.</summary>
    public void OnPrefix(string prefix, string namespaceIri) =>
        (_sourcePrefixes ??= new Dictionary<string, string>(StringComparer.Ordinal))[prefix] = namespaceIri;

    public void Add(in Quad quad)
    {
        if (_finished) throw new InvalidOperationException("The JSON-LD writer has already finished.");
        _quads.Add(quad);
    }

    public void Finish()
    {
        if (_finished) return;
        _finished = true;
        var context = _givenContext ?? PrefixContext(WriterPrefixes.Merge(_sourcePrefixes, _options), _options?.BaseIri, SchemesIn(_quads));
        var document = Serialize(_quads, context, _options?.BaseIri);
        if (_options?.JsonLdContextUrl is { } contextUrl && document.ContainsKey(Keywords.Context)) document[Keywords.Context] = contextUrl;
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
        var expanded = RdfToJsonLd.Convert(quads, new FromRdfOptions { Ordered = true, UseLosslessNativeTypes = true, JsonLiteralsAsJson = false });
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

    /// <summary>The schemes of all IRIs in <paramref name="quads"/> (terms, graph names and datatypes).</summary>
    private static HashSet<string> SchemesIn(List<Quad> quads)
    {
        var schemes = new HashSet<string>(StringComparer.Ordinal);
        string? last = null;
        void Add(Term? term)
        {
            string? iri = term switch { Iri i => i.Value, Literal l => l.Datatype.Value, _ => null };
            if (iri is null) return;
            int colon = iri.IndexOf(':');
            if (colon <= 0) return;
            // Most IRIs share a few schemes: skip the set lookup when it is the one just seen.
            if (last is not null && iri.Length > last.Length && iri[last.Length] == ':' && iri.StartsWith(last, StringComparison.Ordinal)) return;
            last = iri[..colon];
            schemes.Add(last);
        }
        foreach (var q in quads)
        {
            Add(q.Subject);
            Add(q.Predicate);
            Add(q.Object);
            Add(q.Graph);
        }
        return schemes;
    }

    /// <summary>
    /// A context of prefixes (each a term usable as a compact IRI prefix; the empty prefix becomes
    /// <c>@vocab</c>) and the base IRI; null when there is neither.
    /// </summary>
    /// <remarks>
    /// A prefix named like a scheme of the data ("urn", "tag") is left out: an IRI such as
    /// <c>urn:x</c> would otherwise read as a compact IRI ("IRI confused with prefix").
    /// </remarks>
    private static JsonObject? PrefixContext(IReadOnlyDictionary<string, string>? prefixes, string? baseIri, HashSet<string> schemes)
    {
        if (prefixes is not { Count: > 0 } && baseIri is null) return null;
        var context = new JsonObject();
        if (baseIri is not null) context[Keywords.Base] = baseIri;
        foreach (var (prefix, ns) in (prefixes ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (schemes.Contains(prefix)) continue;
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
