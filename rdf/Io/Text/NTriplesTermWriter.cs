using System.Globalization;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Io.Text;

/// <summary>
/// Writes single terms in the canonical N-Triples form that N-Quads, Turtle and TriG share
/// (RDF 1.2 N-Triples §4 "Canonical N-Triples", https://www.w3.org/TR/rdf12-n-triples/#canonical-ntriples):
/// in strings, <c>\" \\ \n \r \t \b \f</c> as ECHAR, the other controls (U+0000–U+001F, U+007F) as
/// <c>\uXXXX</c> with upper-case hex, everything else as itself; in IRIs, the characters IRIREF forbids
/// as <c>\uXXXX</c>.
/// </summary>
internal static class NTriplesTermWriter
{
    /// <summary>Writes <c>&lt;iri&gt;</c>, escaping what IRIREF cannot hold directly.</summary>
    public static void WriteIri(TextWriter w, string iri)
    {
        w.Write('<');
        int start = 0;
        for (int i = 0; i < iri.Length; i++)
        {
            char c = iri[i];
            if (!IsIriRefForbidden(c)) continue;
            if (i > start) w.Write(iri.AsSpan(start, i - start));
            WriteUChar(w, c);
            start = i + 1;
        }
        if (start < iri.Length) w.Write(iri.AsSpan(start));
        w.Write('>');
    }

    /// <summary>Characters excluded from IRIREF (N-Triples [8]): controls, space and <c>&lt;&gt;"{}|^`\</c>.</summary>
    public static bool IsIriRefForbidden(char c) =>
        c <= ' ' || c is '<' or '>' or '"' or '{' or '}' or '|' or '^' or '`' or '\\';

    /// <summary>Writes a literal: quoted lexical form, then <c>@lang</c> or <c>^^&lt;datatype&gt;</c> unless xsd:string.</summary>
    public static void WriteLiteral(TextWriter w, Literal literal)
    {
        w.Write('"');
        WriteEscapedString(w, literal.LexicalForm, longForm: false);
        w.Write('"');
        if (literal.Language is not null)
        {
            w.Write('@');
            w.Write(literal.Language);
        }
        else if (!literal.Datatype.Equals(Vocabulary.Xsd.String))
        {
            w.Write("^^");
            WriteIri(w, literal.Datatype.Value);
        }
    }

    /// <summary>
    /// Writes the body of a quoted string with canonical escapes. In the long (<c>"""</c>) Turtle form
    /// line feeds and tabs stay as they are, for readability.
    /// </summary>
    public static void WriteEscapedString(TextWriter w, string s, bool longForm)
    {
        int start = 0;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7F) continue;
            if (longForm && c is '\n' or '\t') continue;
            if (i > start) w.Write(s.AsSpan(start, i - start));
            start = i + 1;
            switch (c)
            {
                case '"': w.Write("\\\""); break;
                case '\\': w.Write("\\\\"); break;
                case '\n': w.Write("\\n"); break;
                case '\r': w.Write("\\r"); break;
                case '\t': w.Write("\\t"); break;
                case '\b': w.Write("\\b"); break;
                case '\f': w.Write("\\f"); break;
                default: WriteUChar(w, c); break;
            }
        }
        if (start < s.Length) w.Write(s.AsSpan(start));
    }

    private static void WriteUChar(TextWriter w, char c)
    {
        w.Write("\\u");
        w.Write(((int)c).ToString("X4", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// True when <paramref name="label"/> is a BLANK_NODE_LABEL body (N-Triples [141s]) limited to
    /// ASCII: first a letter, digit or '_', then letters, digits, '_', '-', '.', not ending in '.'.
    /// </summary>
    public static bool IsSafeBlankNodeLabel(string label)
    {
        if (label.Length == 0 || label[^1] == '.') return false;
        char first = label[0];
        if (!(char.IsAsciiLetterOrDigit(first) || first == '_')) return false;
        for (int i = 1; i < label.Length; i++)
        {
            char c = label[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')) return false;
        }
        return true;
    }
}

/// <summary>
/// Gives each blank node a label that is legal in N-Triples, Turtle and TriG: its own label when it
/// already is one, otherwise a fresh "_xN". Labels that start with "_x" are renamed too, so a fresh
/// label never meets an original one.
/// </summary>
internal sealed class NTriplesBlankNodeLabelWriter
{
    private Dictionary<string, string>? _renamed;

    /// <summary>The label to write for <paramref name="node"/> (without "_:").</summary>
    public string LabelOf(BlankNode node)
    {
        string label = node.Label;
        if (NTriplesTermWriter.IsSafeBlankNodeLabel(label) && !label.StartsWith("_x", StringComparison.Ordinal))
            return label;
        _renamed ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (!_renamed.TryGetValue(label, out string? fresh))
        {
            fresh = "_x" + _renamed.Count.ToString(CultureInfo.InvariantCulture);
            _renamed.Add(label, fresh);
        }
        return fresh;
    }

    public void Write(TextWriter w, BlankNode node)
    {
        w.Write("_:");
        w.Write(LabelOf(node));
    }
}
