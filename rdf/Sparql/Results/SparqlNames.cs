namespace DihNode.Rdf.Sparql.Results;

/// <summary>Character classes from the SPARQL grammar that result formats need (VARNAME, §19.8).</summary>
internal static class SparqlNames
{
    /// <summary>
    /// VARNAME: (PN_CHARS_U | [0-9]) (PN_CHARS_U | [0-9] | #x00B7 | [#x0300-#x036F] | [#x203F-#x2040])*.
    /// </summary>
    public static bool IsVariableName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty) return false;
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (IsPnCharsU(c) || char.IsAsciiDigit(c)) continue;
            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                int cp = char.ConvertToUtf32(c, name[i + 1]);
                if (cp is >= 0x10000 and <= 0xEFFFF) { i++; continue; }
                return false;
            }
            if (i > 0 && (c == '\u00B7' || c is >= '\u0300' and <= '\u036F' || c is >= '\u203F' and <= '\u2040')) continue;
            return false;
        }
        return true;
    }

    /// <summary>PN_CHARS_BASE plus '_' (BMP part; supplementary characters are handled by the caller).</summary>
    public static bool IsPnCharsU(char c) =>
        char.IsAsciiLetter(c) || c == '_' ||
        c is >= '\u00C0' and <= '\u00D6' || c is >= '\u00D8' and <= '\u00F6' || c is >= '\u00F8' and <= '\u02FF' ||
        c is >= '\u0370' and <= '\u037D' || c is >= '\u037F' and <= '\u1FFF' || c is >= '\u200C' and <= '\u200D' ||
        c is >= '\u2070' and <= '\u218F' || c is >= '\u2C00' and <= '\u2FEF' || c is >= '\u3001' and <= '\uD7FF' ||
        c is >= '\uF900' and <= '\uFDCF' || c is >= '\uFDF0' and <= '\uFFFD';

    /// <summary>True when a blank node label can be kept as-is (letters, digits, '_', '-', '.', not ending in '.').</summary>
    public static bool IsSafeBlankLabel(ReadOnlySpan<char> label)
    {
        if (label.IsEmpty || label[^1] == '.' || label[0] is '-' or '.') return false;
        foreach (char c in label)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')) return false;
        }
        return true;
    }

    /// <summary>
    /// A blank node for a label read from a result document. Labels outside the N-Triples-safe set are
    /// re-encoded (each other character as <c>_xHHHH_</c>) so the term model's promise holds; the
    /// mapping is injective, so distinct labels stay distinct.
    /// </summary>
    public static string SafeBlankLabel(string label)
    {
        if (IsSafeBlankLabel(label) && !label.Contains("_x", StringComparison.Ordinal)) return label;
        var sb = new System.Text.StringBuilder("u");
        foreach (char c in label)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '-') sb.Append(c);
            else sb.Append("_x").Append(((int)c).ToString("X4")).Append('_');
        }
        return sb.ToString();
    }
}
