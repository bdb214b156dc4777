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
        catch (InvalidOperationException e)
        {
            // Invalid UTF-8 or an unpaired surrogate escape inside a string: the reader only notices when
            // the string is read, and says so with this exception rather than a JsonException.
            ReadOnlySpan<byte> before = span[..(int)Math.Min(reader.TokenStartIndex, span.Length)];
            int lastNewline = before.LastIndexOf((byte)'\n');
            throw new SparqlResultsSyntaxException("malformed JSON: " + e.Message, before.Count((byte)'\n') + 1, before.Length - lastNewline, source, e);
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
            List<Term?[]>? rows = null;
            List<List<(string Name, Term Term)>>? early = null;
            bool seenResults = false;
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
                        if (seenResults) throw Error("$.results", "duplicate member");
                        seenResults = true;
                        if (vars is not null) rows = ReadResults(ref reader, vars, null);
                        else ReadResults(ref reader, null, early = []);
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
                if (seenResults) throw Error("$", "both \"boolean\" and \"results\" are present");
                return SparqlResult.FromBoolean(b);
            }
            if (!seenResults) throw Error("$", "missing member \"results\" (or \"boolean\")");
            vars ??= [];
            return rows is not null ? SparqlResult.FromTable(vars, rows) : Align(vars, early!);
        }

        /// <summary>Rows read before <c>head</c> (legal, if rare): bindings by name, aligned once the variables are known.</summary>
        private SparqlResult Align(List<string> vars, List<List<(string Name, Term Term)>> bindings)
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
                        throw Error(new Where(r, name), $"variable \"{name}\" is not listed in head.vars");
                    if (row[col] is not null) throw Error(new Where(r, name), "variable bound twice in one solution");
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

        /// <summary>
        /// <c>results</c>: with the variables known, rows are aligned as they are read (names matched
        /// on the UTF-8 bytes, no strings made); otherwise bindings are kept by name in <paramref name="early"/>.
        /// </summary>
        private List<Term?[]> ReadResults(ref Utf8JsonReader reader, List<string>? vars, List<List<(string, Term)>>? early)
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject) throw Error("$.results", "expected an object");
            byte[][] names = vars is null ? [] : [.. vars.Select(v => System.Text.Encoding.UTF8.GetBytes(v))];
            var rows = new List<Term?[]>();
            bool seenBindings = false;
            while (NextProperty(ref reader, "$.results", out string name))
            {
                if (name != "bindings")
                {
                    reader.Skip();
                    continue;
                }
                if (seenBindings) throw Error("$.results.bindings", "duplicate member");
                seenBindings = true;
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray) throw Error("$.results.bindings", "expected an array");
                for (int r = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; r++)
                {
                    if (reader.TokenType != JsonTokenType.StartObject) throw Error(new Where(r), "expected an object of bindings");
                    if (vars is null)
                    {
                        var pairs = new List<(string, Term)>();
                        while (NextProperty(ref reader, new Where(r).ToString(), out string variable))
                            pairs.Add((variable, ReadTerm(ref reader, new Where(r, variable))));
                        early!.Add(pairs);
                        continue;
                    }
                    var row = new Term?[vars.Count];
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        int col = 0;
                        while (col < names.Length && !reader.ValueTextEquals(names[col])) col++;
                        if (col == names.Length)
                        {
                            string unknown = GetString(ref reader, new Where(r).ToString());
                            throw Error(new Where(r, unknown), $"variable \"{unknown}\" is not listed in head.vars");
                        }
                        if (row[col] is not null) throw Error(new Where(r, vars[col]), "variable bound twice in one solution");
                        row[col] = ReadTerm(ref reader, new Where(r, vars[col]));
                    }
                    rows.Add(row);
                }
            }
            if (!seenBindings) throw Error("$.results", "missing member \"bindings\"");
            return rows;
        }

        private enum TermType : byte { None, Uri, Literal, BlankNode }

        /// <summary>One RDF term object (JSON results §3.2.2); member names and types compared as UTF-8.</summary>
        private Term ReadTerm(ref Utf8JsonReader reader, Where where)
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject) throw Error(where, "expected an RDF term object");
            TermType type = TermType.None;
            string? value = null, lang = null, datatype = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    if (type != TermType.None) throw Error(where with { Member = "type" }, "duplicate member");
                    type = ReadType(ref reader, where with { Member = "type" });
                }
                else if (reader.ValueTextEquals("value"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject)
                        throw Error(where with { Member = "value" }, "RDF-star triple terms are not supported");
                    value = Once(value, GetString(ref reader, where with { Member = "value" }), where with { Member = "value" });
                }
                else if (reader.ValueTextEquals("xml:lang"u8))
                {
                    reader.Read();
                    lang = Once(lang, GetString(ref reader, where with { Member = "xml:lang" }), where with { Member = "xml:lang" });
                }
                else if (reader.ValueTextEquals("datatype"u8))
                {
                    reader.Read();
                    datatype = Once(datatype, ReadDatatype(ref reader, where with { Member = "datatype" }), where with { Member = "datatype" });
                }
                else
                {
                    string name = GetString(ref reader, where.ToString());
                    throw Error(where with { Member = name }, $"unexpected member \"{name}\" in an RDF term");
                }
            }
            if (type == TermType.None) throw Error(where, "missing member \"type\"");
            if (value is null) throw Error(where, "missing member \"value\"");
            Term? term;
            string? error;
            switch (type)
            {
                case TermType.Uri:
                case TermType.BlankNode:
                    if (lang is not null || datatype is not null)
                        throw Error(where, $"a {(type == TermType.Uri ? "uri" : "bnode")} cannot have \"xml:lang\" or \"datatype\"");
                    term = type == TermType.Uri ? _terms.Iri(value, out error) : _terms.BlankNode(value, out error);
                    break;
                default:
                    term = _terms.Literal(value, lang, datatype, out error);
                    break;
            }
            return term ?? throw Error(where, error!);
        }

        private TermType ReadType(ref Utf8JsonReader reader, Where where)
        {
            if (reader.TokenType != JsonTokenType.String) throw Error(where, $"expected a string, found {reader.TokenType}");
            if (reader.ValueTextEquals("uri"u8)) return TermType.Uri;
            if (reader.ValueTextEquals("literal"u8) || reader.ValueTextEquals("typed-literal"u8)) return TermType.Literal;
            if (reader.ValueTextEquals("bnode"u8)) return TermType.BlankNode;
            if (reader.ValueTextEquals("triple"u8)) throw Error(where, "RDF-star triple terms are not supported");
            string type = GetString(ref reader, where);
            throw Error(where, $"unknown term type \"{type}\" (expected uri, literal or bnode)");
        }

        private byte[] _lastDatatypeUtf8 = [];
        private string _lastDatatype = "";

        /// <summary>Datatype IRIs repeat row after row: the last one is reused without a new string.</summary>
        private string ReadDatatype(ref Utf8JsonReader reader, Where where)
        {
            if (reader.TokenType == JsonTokenType.String && _lastDatatypeUtf8.Length > 0 && reader.ValueTextEquals(_lastDatatypeUtf8))
                return _lastDatatype;
            string datatype = GetString(ref reader, where);
            _lastDatatype = datatype;
            _lastDatatypeUtf8 = System.Text.Encoding.UTF8.GetBytes(datatype);
            return datatype;
        }

        private string Once(string? previous, string value, Where where) =>
            previous is null ? value : throw Error(where, "duplicate member");

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

        private SparqlResultsSyntaxException Error(Where where, string problem) => new(problem, where.ToString(), source);

        private string GetString(ref Utf8JsonReader reader, Where where)
        {
            if (reader.TokenType != JsonTokenType.String)
                throw Error(where, $"expected a string, found {reader.TokenType}");
            try
            {
                return reader.GetString()!;
            }
            catch (InvalidOperationException e)
            {
                throw new SparqlResultsSyntaxException("invalid string: " + e.Message, where.ToString(), source, e);
            }
        }

        /// <summary>A place inside <c>results.bindings</c>, turned into a JSON path only when an error needs it.</summary>
        private readonly record struct Where(int Row, string? Variable = null, string? Member = null)
        {
            public override string ToString() =>
                $"$.results.bindings[{Row}]{(Variable is null ? "" : "." + Variable)}{(Member is null ? "" : "." + Member)}";
        }
    }
}
