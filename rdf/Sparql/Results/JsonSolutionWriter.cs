using System.Text.Encodings.Web;
using System.Text.Json;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Results;

/// <summary>
/// SPARQL 1.1 Query Results JSON Format (https://www.w3.org/TR/sparql11-results-json/): <c>head.vars</c>,
/// then <c>results.bindings</c> with one object per solution, unbound variables omitted (§3.2).
/// RDF terms as in §3.2.2: <c>uri</c>, <c>literal</c> (with <c>xml:lang</c> or <c>datatype</c>; no
/// datatype for xsd:string), <c>bnode</c>. Flushes to the stream whenever 16 KiB are pending.
/// </summary>
internal sealed class JsonSolutionWriter : SolutionWriterBase
{
    private const int FlushThreshold = 16 * 1024;

    private static readonly JsonEncodedText s_type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText s_value = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText s_uri = JsonEncodedText.Encode("uri");
    private static readonly JsonEncodedText s_bnode = JsonEncodedText.Encode("bnode");
    private static readonly JsonEncodedText s_literal = JsonEncodedText.Encode("literal");
    private static readonly JsonEncodedText s_lang = JsonEncodedText.Encode("xml:lang");
    private static readonly JsonEncodedText s_datatype = JsonEncodedText.Encode("datatype");

    private readonly Utf8JsonWriter _json;
    private JsonEncodedText[] _names = [];
    private readonly SparqlResultWriterOptions _options;

    public JsonSolutionWriter(Utf8Output output, SparqlResultWriterOptions options) : base(output)
    {
        _options = options;
        _json = new Utf8JsonWriter(output.Buffer, new JsonWriterOptions
        {
            Indented = options.Indented,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = true,
        });
    }

    public override SparqlResultFormat Format => SparqlResultFormat.Json;

    protected override void OnBegin(IReadOnlyList<string> variables)
    {
        _names = [.. variables.Select(v => JsonEncodedText.Encode(v, JavaScriptEncoder.UnsafeRelaxedJsonEscaping))];
        _json.WriteStartObject();
        WriteHead(variables, withVars: true);
        _json.WritePropertyName("results");
        _json.WriteStartObject();
        _json.WritePropertyName("bindings");
        _json.WriteStartArray();
    }

    protected override void OnRow(ReadOnlySpan<Term?> row)
    {
        _json.WriteStartObject();
        for (int i = 0; i < row.Length; i++)
        {
            if (row[i] is not Term term) continue;
            _json.WritePropertyName(_names[i]);
            WriteTerm(term);
        }
        _json.WriteEndObject();
        if (_json.BytesPending >= FlushThreshold) _json.Flush();
    }

    protected override void OnEnd()
    {
        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.WriteEndObject();
        _json.Flush();
    }

    protected override void OnBoolean(bool value)
    {
        _json.WriteStartObject();
        WriteHead(Array.Empty<string>(), withVars: false);
        _json.WriteBoolean("boolean", value);
        _json.WriteEndObject();
        _json.Flush();
    }

    protected override void OnFlush() => _json.Flush();

    protected override void OnDispose() => _json.Dispose();

    private void WriteHead(IReadOnlyList<string> variables, bool withVars)
    {
        _json.WritePropertyName("head");
        _json.WriteStartObject();
        if (withVars)
        {
            _json.WritePropertyName("vars");
            _json.WriteStartArray();
            foreach (string v in variables) _json.WriteStringValue(v);
            _json.WriteEndArray();
        }
        if (_options.Links.Count > 0)
        {
            _json.WritePropertyName("link");
            _json.WriteStartArray();
            foreach (string link in _options.Links) _json.WriteStringValue(link);
            _json.WriteEndArray();
        }
        _json.WriteEndObject();
    }

    private void WriteTerm(Term term)
    {
        _json.WriteStartObject();
        switch (term)
        {
            case Iri iri:
                _json.WriteString(s_type, s_uri);
                _json.WriteString(s_value, iri.Value);
                break;
            case BlankNode b:
                _json.WriteString(s_type, s_bnode);
                _json.WriteString(s_value, b.Label);
                break;
            case Literal l:
                _json.WriteString(s_type, s_literal);
                _json.WriteString(s_value, l.LexicalForm);
                if (l.Language is not null) _json.WriteString(s_lang, l.Language);
                else if (!l.IsSimple) _json.WriteString(s_datatype, l.Datatype.Value);
                break;
            default:
                throw new ArgumentException($"{term.Kind} {term} cannot appear in a query result");
        }
        _json.WriteEndObject();
    }
}
