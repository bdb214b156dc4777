using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Results;

/// <summary>
/// Reads SPARQL 1.1 CSV results (https://www.w3.org/TR/sparql11-results-csv-tsv/#csv), RFC 4180
/// fields with CRLF or LF line ends. CSV loses term types, so values are guessed back: <c>_:x</c> is a
/// blank node, an absolute IRI (scheme ':' ...) is an IRI, anything else a simple literal. An empty
/// field, quoted or not, is unbound: CSV uses one form for both unbound and the empty string (§3.2).
/// Compare CSV results with <see cref="ResultComparisonOptions.CsvValuesOnly"/>.
/// </summary>
internal static class CsvResultReader
{
    public static SparqlResult Read(string text, string? source)
    {
        var lexer = new Lexer(text, source);
        List<(string Value, bool Quoted)>? header = lexer.ReadRecord();
        if (header is null) throw new SparqlResultsSyntaxException("empty document: expected a header line", 1, 1, source);
        var vars = new List<string>();
        if (!(header.Count == 1 && header[0].Value.Length == 0 && !header[0].Quoted))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < header.Count; i++)
            {
                string name = header[i].Value;
                if (!SparqlNames.IsVariableName(name))
                    throw new SparqlResultsSyntaxException($"header field {i + 1} \"{name}\" is not a variable name", 1, 1, source);
                if (!seen.Add(name))
                    throw new SparqlResultsSyntaxException($"variable \"{name}\" is listed twice", 1, 1, source);
                vars.Add(name);
            }
        }
        var terms = new ResultTermFactory();
        var rows = new List<Term?[]>();
        while (true)
        {
            long line = lexer.Line;
            List<(string Value, bool Quoted)>? record = lexer.ReadRecord();
            if (record is null) break;
            if (vars.Count == 0 && record.Count == 1 && record[0].Value.Length == 0 && !record[0].Quoted)
            {
                rows.Add([]);
                continue;
            }
            if (record.Count != vars.Count)
                throw new SparqlResultsSyntaxException($"{record.Count} fields for {vars.Count} variables", line, 1, source);
            var row = new Term?[vars.Count];
            for (int i = 0; i < record.Count; i++) row[i] = ToTerm(record[i].Value, terms);
            rows.Add(row);
        }
        return SparqlResult.FromTable(vars, rows);
    }

    private static Term? ToTerm(string value, ResultTermFactory terms)
    {
        if (value.Length == 0) return null;
        if (value.StartsWith("_:", StringComparison.Ordinal) && value.Length > 2)
            return terms.BlankNode(value[2..], out _);
        if (value.Contains(':') && Iri.Validate(value) is null) return terms.Iri(value, out _);
        return Literal.Simple(value);
    }

    /// <summary>RFC 4180 records: fields split by ',', optionally quoted with '"' ('""' inside for '"').</summary>
    private sealed class Lexer(string text, string? source)
    {
        private int _pos;
        private int _lineStart;

        public long Line { get; private set; } = 1;

        /// <summary>The next record, or null at the end of the text.</summary>
        public List<(string, bool)>? ReadRecord()
        {
            if (_pos >= text.Length) return null;
            var fields = new List<(string, bool)>();
            while (true)
            {
                (string, bool) field = ReadField();
                fields.Add(field);
                if (_pos >= text.Length) return fields;
                char c = text[_pos];
                if (c == ',') { _pos++; continue; }
                if (c == '\r' && _pos + 1 < text.Length && text[_pos + 1] == '\n') _pos++;
                else if (c != '\n') throw Error("expected ',' or a line end after a quoted field");
                _pos++;
                Line++;
                _lineStart = _pos;
                return fields;
            }
        }

        private (string, bool) ReadField()
        {
            if (_pos < text.Length && text[_pos] == '"')
            {
                long openLine = Line;
                long openColumn = _pos - _lineStart + 1;
                _pos++;
                var sb = new System.Text.StringBuilder();
                while (true)
                {
                    if (_pos >= text.Length)
                        throw new SparqlResultsSyntaxException("unterminated quoted field (it opens here)", openLine, openColumn, source);
                    char c = text[_pos++];
                    if (c == '"')
                    {
                        if (_pos < text.Length && text[_pos] == '"') { sb.Append('"'); _pos++; continue; }
                        return (sb.ToString(), true);
                    }
                    if (c == '\n') { Line++; _lineStart = _pos; }
                    sb.Append(c);
                }
            }
            int start = _pos;
            while (_pos < text.Length)
            {
                char c = text[_pos];
                if (c is ',' or '\n') break;
                if (c == '\r' && _pos + 1 < text.Length && text[_pos + 1] == '\n') break;
                if (c is '"' or '\r') throw Error(c == '"' ? "'\"' inside an unquoted field (quote the field and double it)" : "bare CR inside an unquoted field");
                _pos++;
            }
            return (text[start.._pos], false);
        }

        private SparqlResultsSyntaxException Error(string problem) => new(problem, Line, _pos - _lineStart + 1, source);
    }
}
