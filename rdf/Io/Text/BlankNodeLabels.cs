using System.Text;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Io.Text;

/// <summary>
/// Mints the blank nodes of one document. Every label starts with a prefix fresh for the document
/// (or <see cref="RdfParserOptions.BlankNodePrefix"/>), so two documents never share a node; a
/// label written in the document becomes prefix + "l" + its safe encoding, a node the syntax makes
/// up ([] and collections) prefix + "g" + a counter. Safe means letters, digits and '-' as they
/// are, '_' doubled, anything else as "_" + hex code point + "_", which keeps the mapping one-to-one
/// and the result a valid N-Triples label.
/// </summary>
internal sealed class BlankNodeLabels
{
    private readonly string _prefix;
    private long _counter;

    public BlankNodeLabels(string? prefix)
    {
        if (prefix is null)
        {
            Span<byte> random = stackalloc byte[5];
            System.Security.Cryptography.RandomNumberGenerator.Fill(random);
            prefix = "b" + Convert.ToHexStringLower(random);
        }
        var sb = new StringBuilder(prefix.Length + 4);
        AppendSafe(sb, prefix, atStart: true);
        _prefix = sb.ToString();
    }

    /// <summary>A blank node no label of the document can produce.</summary>
    public BlankNode Fresh() => new(_prefix + "g" + (++_counter).ToString("x"));

    /// <summary>The node for a label as written in the document (without "_:").</summary>
    public BlankNode FromLabel(string label)
    {
        var sb = new StringBuilder(_prefix.Length + label.Length + 2);
        sb.Append(_prefix).Append('l');
        AppendSafe(sb, label, atStart: false);
        return new BlankNode(sb.ToString());
    }

    private static void AppendSafe(StringBuilder sb, string s, bool atStart)
    {
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (char.IsAsciiLetterOrDigit(c) || (c == '-' && !(atStart && i == 0))) sb.Append(c);
            else if (c == '_') sb.Append("__");
            else
            {
                int cp = c;
                if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                    cp = char.ConvertToUtf32(c, s[++i]);
                sb.Append('_').Append(cp.ToString("x")).Append('_');
            }
        }
    }
}
