using System.Text;

namespace DihNode.Rdf.Io.RdfXml;

/// <summary>
/// The character escapes of canonical XML (C14N 1.0 §2.3, https://www.w3.org/TR/xml-c14n#ProcessingModel),
/// which the parser uses to canonicalise rdf:XMLLiteral content and the writer uses for text and
/// attribute values, so that what it writes reads back unchanged: in text &amp;, &lt;, &gt; and CR
/// (CR would otherwise be read back as LF); in a double-quoted attribute value &amp;, &lt;, quote and
/// TAB, LF, CR (they would otherwise be normalised to spaces).
/// </summary>
internal static class XmlEscapes
{
    /// <summary>The escape of <paramref name="c"/> in text or in an attribute value, or null when it stands as itself.</summary>
    public static string? For(char c, bool attribute) => c switch
    {
        '&' => "&amp;",
        '<' => "&lt;",
        '\r' => "&#xD;",
        '>' when !attribute => "&gt;",
        '"' when attribute => "&quot;",
        '\t' when attribute => "&#x9;",
        '\n' when attribute => "&#xA;",
        _ => null,
    };

    /// <summary>Appends <paramref name="s"/> escaped for text or for an attribute value.</summary>
    public static void Append(StringBuilder sb, string s, bool attribute)
    {
        foreach (char c in s)
        {
            if (For(c, attribute) is { } escape) sb.Append(escape);
            else sb.Append(c);
        }
    }
}
