using System.Text.Json;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Results;

/// <summary>
/// Reads the SPARQL 1.1 Query Results JSON Format (https://www.w3.org/TR/sparql11-results-json/).
/// Members may come in any order (<c>results</c> before <c>head</c> is legal JSON), so bindings are
/// collected by name and aligned with <c>head.vars</c> at the end. Unknown top-level members are
/// skipped (extensions); inside RDF term objects only <c>type</c>, <c>value</c>, <c>xml:lang</c> and
/// <c>datatype</c> are allowed. <c>typed-literal</c> (the 2006 note's form) is read as <c>literal</c>.
/// </summary>
internal static class JsonResultReader
{
    public static SparqlResult Read(byte[] bytes, string? source)
    {
        ReadOnlySpan<byte> span = bytes;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) span = span[3..];
        var reader = new Utf8JsonReader(span, new JsonReaderOptions { MaxDepth = 64 });
        var parser = new Parser(source);
        try
        {
            return parser.ReadDocument(ref reader);
        }
        catch (JsonException e)
        {
            string message = e.Message;
            int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
            throw new SparqlResultsSyntaxException("malformed JSON: " + message, (e.LineNumber ?? 0) + 1,
                (e.BytePositionInLine ?? 0) + 1, source, e);
        }
    }

    private sealed class Parser(string? source)
    {
        private readonly ResultTermFactory _terms = new();

        public SparqlResult ReadDocument(ref Utf8JsonReader reader)
        {
            if (!reader.Read()) throw Error("$", "empty document");
            if (reader.TokenType != JsonTokenType.StartObject) throw Error("$", "expected a JSON object");
            List<string>? vars = null;
            List<Dictionary<string, Term>>? bindings = null;
            bool? boolean = null;
            bool seenHead = false;
            while (NextProperty(ref reader, "$", out string name))
            {
                switch (name)
                {
                    case "head":
                        if (seenHead) throw Error("$.head", "duplicate member");
                        seenHead = true;
                        vars = ReadHead(ref reader);
                        break;
                    case "results":
                        if (bindings is not null) throw Error("$.results", "duplicate member");
                        bindings = ReadResults(ref reader);
                        break;
                    case "boolean":
                        if (boolean is not null) throw Error("$.boolean", "duplicate member");
                        reader.Read();
                        boolean = reader.TokenType switch
                        {
                            JsonTokenType.True => true,
                            JsonTokenType.False => false,
                            _ => throw Error("$.boolean", "expected true or false"),
                        };
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
            if (reader.Read()) throw Error("$", "content after the top-level object");
            if (!seenHead) throw Error("$", "missing member \"head\"");
            if (boolean is bool b)
            {
                if (bindings is not null) throw Error("$", "both \"boolean\" and \"results\" are present");
                return SparqlResult.FromBoolean(b);
            }
            if (bindings is null) throw Error("$", "missing member \"results\" (or \"boolean\")");
            vars ??= [];
            return Align(vars, bindings);
        }

        private SparqlResult Align(List<string> vars, List<Dictionary<string, Term>> bindings)
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < vars.Count; i++) index[vars[i]] = i;
            var rows = new List<Term?[]>(bindings.Count);
            for (int r = 0; r < bindings.Count; r++)
            {
                var row = new Term?[vars.Count];
                foreach ((string name, Term term) in bindings[r])
                {
                    if (!index.TryGetValue(name, out int col))
                        throw Error($"$.results.bindings[{r}].{name}", $"variable \"{name}\" is not listed in head.vars");
                    row[col] = term;
                }
                rows.Add(row);
            }
            return SparqlResult.FromTable(vars, rows);
        }

        private List<string> ReadHead(ref Utf8JsonReader reader)
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject) throw Error("$.head", "expected an object");
            var vars = new List<string>();
            bool seenVars = false, seenLink = false;
            while (NextProperty(ref reader, "$.head", out string name))
            {
                if (name == "vars")
                {
                    if (seenVars) throw Error("$.head.vars", "duplicate member");
                    seenVars = true;
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray) throw Error("$.head.vars", "expected an array of variable names");
                    var seen = new HashSet<string>(StringComparer.Ordinal);
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        string path = $"$.head.vars[{vars.Count}]";
                        string v = GetString(ref reader, path);
                        if (!SparqlNames.IsVariableName(v)) throw Error(path, $"\"{v}\" is not a variable name");
                        if (!seen.Add(v)) throw Error(path, $"variable \"{v}\" is listed twice");
                        vars.Add(v);
                    }
                }
                else if (name == "link")
                {
                    if (seenLink) throw Error("$.head.link", "duplicate member");
                    seenLink = true;
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray) throw Error("$.head.link", "expected an array of IRIs");
                    int i = 0;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) GetString(ref reader, $"$.head.link[{i++}]");
                }
                else
                {
                    reader.Skip();
                }
            }
            return vars;
        }

        private List<Dictionary<string, Term>> ReadResults(ref Utf8JsonReader reader)
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject) throw Error("$.results", "expected an object");
            List<Dictionary<string, Term>>? rows = null;
            while (NextProperty(ref reader, "$.results", out string name))
            {
                if (name != "bindings")
                {
                    reader.Skip();
                    continue;
                }
                if (rows is not null) throw Error("$.results.bindings", "duplicate member");
                rows = [];
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray) throw Error("$.results.bindings", "expected an array");
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    string rowPath = $"$.results.bindings[{rows.Count}]";
                    if (reader.TokenType != JsonTokenType.StartObject) throw Error(rowPath, "expected an object of bindings");
                    var row = new Dictionary<string, Term>(StringComparer.Ordinal);
                    while (NextProperty(ref reader, rowPath, out string variable))
                    {
                        string termPath = rowPath + "." + variable;
                        if (row.ContainsKey(variable)) throw Error(termPath, "variable bound twice in one solution");
                        row[variable] = ReadTerm(ref reader, termPath);
                    }
                    rows.Add(row);
                }
            }
            return rows ?? throw Error("$.results", "missing member \"bindings\"");
        }

        private Term ReadTerm(ref Utf8JsonReader reader, string path)
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject) throw Error(path, "expected an RDF term object");
            string? type = null, value = null, lang = null, datatype = null;
            while (NextProperty(ref reader, path, out string name))
            {
                reader.Read();
                string p = path + "." + name;
                switch (name)
                {
                    case "type": type = Once(type, GetString(ref reader, p), p); break;
                    case "value":
                        if (reader.TokenType == JsonTokenType.StartObject)
                            throw Error(p, "RDF-star triple terms are not supported");
                        value = Once(value, GetString(ref reader, p), p);
                        break;
                    case "xml:lang": lang = Once(lang, GetString(ref reader, p), p); break;
                    case "datatype": datatype = Once(datatype, GetString(ref reader, p), p); break;
                    default: throw Error(p, $"unexpected member \"{name}\" in an RDF term");
                }
            }
            if (type is null) throw Error(path, "missing member \"type\"");
            if (value is null) throw Error(path, "missing member \"value\"");
            Term? term;
            string? error;
            switch (type)
            {
                case "uri":
                case "bnode":
                    if (lang is not null || datatype is not null)
                        throw Error(path, $"a {type} cannot have \"xml:lang\" or \"datatype\"");
                    term = type == "uri" ? _terms.Iri(value, out error) : _terms.BlankNode(value, out error);
                    break;
                case "literal":
                case "typed-literal":
                    term = _terms.Literal(value, lang, datatype, out error);
                    break;
                case "triple":
                    throw Error(path + ".type", "RDF-star triple terms are not supported");
                default:
                    throw Error(path + ".type", $"unknown term type \"{type}\" (expected uri, literal or bnode)");
            }
            return term ?? throw Error(path, error!);
        }

        private string Once(string? previous, string value, string path) =>
            previous is null ? value : throw Error(path, "duplicate member");

        /// <summary>Moves to the next property of the current object; false at its end.</summary>
        private bool NextProperty(ref Utf8JsonReader reader, string path, out string name)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndObject) { name = ""; return false; }
            name = GetString(ref reader, path);
            return true;
        }

        private string GetString(ref Utf8JsonReader reader, string path)
        {
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
                throw Error(path, $"expected a string, found {reader.TokenType}");
            try
            {
                return reader.GetString()!;
            }
            catch (InvalidOperationException e)
            {
                throw new SparqlResultsSyntaxException("invalid string: " + e.Message, path, source, e);
            }
        }

        private SparqlResultsSyntaxException Error(string path, string problem) => new(problem, path, source);
    }
}
