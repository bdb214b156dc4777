using System.Globalization;
using System.Text;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Results;

/// <summary>
/// Reads SPARQL 1.1 TSV results (https://www.w3.org/TR/sparql11-results-csv-tsv/#tsv): a header of
/// <c>?var</c> names, then one line per solution with terms in SPARQL syntax: <c>&lt;iri&gt;</c>,
/// <c>_:label</c>, quoted strings (single or double quotes, never triple, §4.2) with escapes and an optional <c>@lang</c> or
/// <c>^^&lt;datatype&gt;</c>, bare numbers (INTEGER, DECIMAL, DOUBLE) and <c>true</c>/<c>false</c>.
/// An empty field is unbound. Lines end with LF (CRLF accepted). Prefixed names are refused: TSV
/// has no prefix declarations.
/// </summary>
internal static class TsvResultReader
{
    public static SparqlResult Read(string text, string? source)
    {
        string[] lines = text.Split('\n');
        int count = lines.Length;
        if (count > 0 && lines[count - 1].Length == 0) count--;
        if (count == 0) throw new SparqlResultsSyntaxException("empty document: expected a header line", 1, 1, source);
        for (int i = 0; i < count; i++)
        {
            if (lines[i].EndsWith('\r')) lines[i] = lines[i][..^1];
        }

        var vars = new List<string>();
        if (lines[0].Length > 0)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            int column = 1;
            foreach (string field in lines[0].Split('\t'))
            {
                if (field.Length < 2 || field[0] is not ('?' or '$') || !SparqlNames.IsVariableName(field.AsSpan(1)))
                    throw new SparqlResultsSyntaxException($"header field \"{field}\" is not a variable (?name)", 1, column, source);
                string name = field[1..];
                if (!seen.Add(name)) throw new SparqlResultsSyntaxException($"variable \"{name}\" is listed twice", 1, column, source);
                vars.Add(name);
                column += field.Length + 1;
            }
        }

        var terms = new ResultTermFactory();
        var rows = new List<Term?[]>(count - 1);
        for (int i = 1; i < count; i++)
        {
            string line = lines[i];
            var row = new Term?[vars.Count];
            if (vars.Count == 0)
            {
                if (line.Length > 0) throw new SparqlResultsSyntaxException("values on a line of a result with no variables", i + 1, 1, source);
                rows.Add(row);
                continue;
            }
            int start = 0;
            for (int v = 0; v < vars.Count; v++)
            {
                int tab = line.IndexOf('\t', start);
                bool last = v == vars.Count - 1;
                if (last != (tab < 0))
                {
                    int fields = line.Split('\t').Length;
                    throw new SparqlResultsSyntaxException($"{fields} fields for {vars.Count} variables", i + 1, 1, source);
                }
                int end = tab < 0 ? line.Length : tab;
                row[v] = new TermLexer(line, start, end, i + 1, source, terms).ReadTerm();
                start = end + 1;
            }
            rows.Add(row);
        }
        return SparqlResult.FromTable(vars, rows);
    }

    /// <summary>Parses one field [start, end) of a line as a single SPARQL term (or nothing = unbound).</summary>
    private ref struct TermLexer(string line, int start, int end, long lineNumber, string? source, ResultTermFactory terms)
    {
        private int _pos = start;

        public Term? ReadTerm()
        {
            if (_pos == end) return null;
            int termStart = _pos;
            char c = line[_pos];
            Term? term;
            string? error;
            if (c == '<')
            {
                term = terms.Iri(ReadIri(), out error);
            }
            else if (c == '_' && _pos + 1 < end && line[_pos + 1] == ':')
            {
                _pos += 2;
                int labelStart = _pos;
                while (_pos < end && line[_pos] is not (' ' or '\t')) _pos++;
                string label = line[labelStart.._pos];
                if (!SparqlNames.IsSafeBlankLabel(label) && !IsPnLabel(label))
                    throw Error($"invalid blank node label \"{label}\"", labelStart);
                term = terms.BlankNode(label, out error);
            }
            else if (c is '"' or '\'')
            {
                string lexical = ReadString();
                string? lang = null, datatype = null;
                if (_pos < end && line[_pos] == '@')
                {
                    int tagStart = ++_pos;
                    while (_pos < end && (char.IsAsciiLetterOrDigit(line[_pos]) || line[_pos] == '-')) _pos++;
                    lang = line[tagStart.._pos];
                    if (!ResultTermFactory.IsLanguageTag(lang)) throw Error($"invalid language tag \"{lang}\"", tagStart);
                }
                else if (_pos + 1 < end && line[_pos] == '^' && line[_pos + 1] == '^')
                {
                    _pos += 2;
                    if (_pos >= end || line[_pos] != '<') throw Error("expected <datatype IRI> after ^^ (prefixed names are not allowed in TSV)", _pos);
                    datatype = ReadIri();
                }
                term = terms.Literal(lexical, lang, datatype, out error);
            }
            else if (char.IsAsciiDigit(c) || c is '+' or '-' or '.')
            {
                while (_pos < end && (char.IsAsciiLetterOrDigit(line[_pos]) || line[_pos] is '+' or '-' or '.')) _pos++;
                string lexical = line[termStart.._pos];
                Iri? datatype = TurtleNumber.Classify(lexical) switch
                {
                    TurtleNumberKind.Integer => Vocabulary.Xsd.Integer,
                    TurtleNumberKind.Decimal => Vocabulary.Xsd.Decimal,
                    TurtleNumberKind.Double => Vocabulary.Xsd.Double,
                    _ => null,
                };
                if (datatype is null) throw Error($"\"{lexical}\" is not a number", termStart);
                term = Literal.Typed(lexical, datatype);
                error = null;
            }
            else if (Matches("true") || Matches("false"))
            {
                term = Literal.Typed(line[termStart.._pos], Vocabulary.Xsd.Boolean);
                error = null;
            }
            else
            {
                throw Error($"expected an RDF term (<iri>, \"literal\", number, _:label), found '{c}'", _pos);
            }
            if (term is null) throw Error(error!, termStart);
            if (_pos != end) throw Error($"unexpected '{line[_pos]}' after the term", _pos);
            return term;
        }

        private bool Matches(string word)
        {
            if (end - _pos != word.Length || string.CompareOrdinal(line, _pos, word, 0, word.Length) != 0) return false;
            _pos += word.Length;
            return true;
        }

        /// <summary>IRIREF: '&lt;' ([^#x00-#x20&lt;&gt;"{}|^`\] | UCHAR)* '&gt;'.</summary>
        private string ReadIri()
        {
            int open = _pos++;
            var sb = new StringBuilder();
            while (true)
            {
                if (_pos >= end) throw Error("unterminated IRI (missing '>')", open);
                char c = line[_pos];
                if (c == '>') { _pos++; return sb.ToString(); }
                if (c == '\\')
                {
                    if (_pos + 1 < end && line[_pos + 1] is 'u' or 'U') { AppendUchar(sb); continue; }
                    throw Error("only \\u and \\U escapes are allowed in an IRI", _pos);
                }
                if (c <= ' ' || c is '<' or '"' or '{' or '}' or '|' or '^' or '`')
                    throw Error($"character U+{(int)c:X4} is not allowed in an IRI", _pos);
                sb.Append(c);
                _pos++;
            }
        }

        /// <summary>
        /// STRING_LITERAL_QUOTE / STRING_LITERAL_SINGLE_QUOTE with ECHAR and UCHAR; the long forms are
        /// refused (CSV/TSV §4.2 forbids them).
        /// </summary>
        private string ReadString()
        {
            int open = _pos;
            char q = line[_pos];
            if (_pos + 2 < end && line[_pos + 1] == q && line[_pos + 2] == q)
                throw Error("the long (triple-quoted) string forms must not be used in TSV", open);
            _pos++;
            var sb = new StringBuilder();
            while (true)
            {
                if (_pos >= end) throw Error("unterminated string", open);
                char c = line[_pos];
                if (c == q)
                {
                    _pos++;
                    return sb.ToString();
                }
                if (c == '\\')
                {
                    if (_pos + 1 >= end) throw Error("unterminated escape", _pos);
                    char e = line[_pos + 1];
                    string? rep = e switch
                    {
                        't' => "\t", 'b' => "\b", 'n' => "\n", 'r' => "\r", 'f' => "\f",
                        '"' => "\"", '\'' => "'", '\\' => "\\",
                        _ => null,
                    };
                    if (rep is not null) { sb.Append(rep); _pos += 2; continue; }
                    if (e is 'u' or 'U') { AppendUchar(sb); continue; }
                    throw Error($"unknown escape \\{e}", _pos);
                }
                if (c == '\r') throw Error("raw carriage return inside a string (escape it as \\r)", _pos);
                sb.Append(c);
                _pos++;
            }
        }

        private void AppendUchar(StringBuilder sb)
        {
            int at = _pos;
            int digits = line[_pos + 1] == 'u' ? 4 : 8;
            if (_pos + 2 + digits > end ||
                !int.TryParse(line.AsSpan(_pos + 2, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int cp) ||
                cp < 0 || cp > 0x10FFFF || cp is >= 0xD800 and <= 0xDFFF)
                throw Error($"invalid \\{line[_pos + 1]} escape", at);
            sb.Append(char.ConvertFromUtf32(cp));
            _pos += 2 + digits;
        }

        /// <summary>BLANK_NODE_LABEL after '_:' (SPARQL §19.8), loosely: no '.' at the end, name characters.</summary>
        private static bool IsPnLabel(string label)
        {
            if (label.Length == 0 || label[^1] == '.') return false;
            foreach (char c in label)
            {
                if (!(SparqlNames.IsPnCharsU(c) || char.IsAsciiDigit(c) || c is '-' or '.' or '\u00B7' || char.IsSurrogate(c)
                      || c is >= '\u0300' and <= '\u036F' || c is >= '\u203F' and <= '\u2040'))
                    return false;
            }
            return true;
        }

        private readonly SparqlResultsSyntaxException Error(string problem, int at) =>
            new(problem, lineNumber, at + 1, source);
    }
}
