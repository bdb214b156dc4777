using System.Text;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation;

namespace DihNode.Node.Cli;

/// <summary>
/// The <c>text</c> result format of <c>dihnode query</c>: an aligned table like Jena's <c>arq</c>
/// prints, one column per variable, terms in their short Turtle form (prefixed names from the
/// query's PREFIX declarations, bare numbers and booleans), an unbound cell left empty.
/// </summary>
internal static class TextTable
{
    public static void WriteSelect(TextWriter output, SelectResult result, IReadOnlyDictionary<string, string> prefixes)
    {
        var names = result.Variables.Select(v => v.Name).ToList();
        var rows = new List<string[]>();
        foreach (Term?[] row in result.Rows)
            rows.Add([.. row.Select(t => t is null ? "" : ShortForm(t, prefixes))]);
        Write(output, names, rows);
    }

    /// <summary>Writes the table: a rule, the header, a double rule, the rows, a rule.</summary>
    public static void Write(TextWriter output, IReadOnlyList<string> names, IReadOnlyList<string[]> rows)
    {
        var widths = names.Select(n => n.Length).ToArray();
        foreach (string[] row in rows)
            for (int i = 0; i < widths.Length; i++) widths[i] = Math.Max(widths[i], row[i].Length);
        int total = names.Count == 0 ? 2 : widths.Sum() + 3 * widths.Length + 1;
        string rule = new('-', total);
        output.WriteLine(rule);
        output.WriteLine(Line(names, widths));
        output.WriteLine(new string('=', total));
        foreach (string[] row in rows) output.WriteLine(Line(row, widths));
        output.WriteLine(rule);
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths)
    {
        if (cells.Count == 0) return "||";
        var sb = new StringBuilder("|");
        for (int i = 0; i < cells.Count; i++) sb.Append(' ').Append(cells[i].PadRight(widths[i])).Append(" |");
        return sb.ToString();
    }

    /// <summary>
    /// A term as short as Turtle allows: <c>prefix:local</c> when a declared namespace covers the IRI,
    /// <c>42</c>, <c>1.5</c>, <c>1.0e3</c>, <c>true</c> for numbers and booleans in their own lexical
    /// forms, <c>"text"@lang</c>, <c>"v"^^prefix:type</c>, <c>_:label</c>.
    /// </summary>
    public static string ShortForm(Term term, IReadOnlyDictionary<string, string> prefixes)
    {
        switch (term)
        {
            case Iri iri:
                return PrefixedName(iri.Value, prefixes) ?? "<" + iri.Value + ">";
            case Literal literal:
                {
                    if (literal.Language is null && IsBareToken(literal)) return literal.LexicalForm;
                    var sb = new StringBuilder(literal.LexicalForm.Length + 8).Append('"');
                    Literal.AppendEscaped(sb, literal.LexicalForm);
                    sb.Append('"');
                    if (literal.Language is not null) sb.Append('@').Append(literal.Language);
                    else if (!literal.IsSimple) sb.Append("^^").Append(ShortForm(literal.Datatype, prefixes));
                    return sb.ToString();
                }
            default:
                return term.ToString();
        }
    }

    /// <summary>Integers, decimals, doubles and booleans whose lexical form is also the Turtle token (Turtle §2.5.2).</summary>
    private static bool IsBareToken(Literal literal)
    {
        string s = literal.LexicalForm, dt = literal.Datatype.Value;
        const string xsd = "http://www.w3.org/2001/XMLSchema#";
        if (!dt.StartsWith(xsd, StringComparison.Ordinal) || s.Length == 0) return false;
        return dt.AsSpan(xsd.Length) switch
        {
            "integer" => IsNumber(s, dot: false, exponent: false),
            "decimal" => IsNumber(s, dot: true, exponent: false),
            "double" => IsNumber(s, dot: s.Contains('.'), exponent: true),
            "boolean" => s is "true" or "false",
            _ => false,
        };
    }

    /// <summary>[+-]? digits, with exactly one '.' between digits when <paramref name="dot"/>, and an exponent when <paramref name="exponent"/>.</summary>
    private static bool IsNumber(string s, bool dot, bool exponent)
    {
        int i = s[0] is '+' or '-' ? 1 : 0;
        int start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        if (i == start) return false;
        if (dot)
        {
            if (i >= s.Length || s[i] != '.') return false;
            int fraction = ++i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            if (i == fraction) return false;
        }
        if (exponent)
        {
            if (i >= s.Length || s[i] is not ('e' or 'E')) return false;
            i++;
            if (i < s.Length && s[i] is '+' or '-') i++;
            int digits = i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            if (i == digits) return false;
        }
        return i == s.Length;
    }

    /// <summary>The longest declared namespace that leaves a local name Turtle can write unescaped, or null.</summary>
    private static string? PrefixedName(string iri, IReadOnlyDictionary<string, string> prefixes)
    {
        string? best = null;
        int bestLength = -1;
        foreach (var (prefix, ns) in prefixes)
        {
            if (ns.Length <= bestLength || !iri.StartsWith(ns, StringComparison.Ordinal) || !IsPlainLocalName(iri.AsSpan(ns.Length))) continue;
            best = prefix + ":" + iri[ns.Length..];
            bestLength = ns.Length;
        }
        return best;
    }

    /// <summary>A PN_LOCAL (Turtle §6.5) without escapes: letters, digits, '_', '-', and '.' inside.</summary>
    private static bool IsPlainLocalName(ReadOnlySpan<char> local)
    {
        if (local.IsEmpty) return true;
        if (local[0] is '-' or '.' || local[^1] == '.') return false;
        foreach (char c in local)
            if (!(char.IsLetterOrDigit(c) || c is '_' or '-' or '.')) return false;
        return true;
    }
}
