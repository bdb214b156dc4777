using System.Globalization;

namespace DihNode.Rdf.Io.Conneg;

/// <summary>One element of an Accept header: a media range and its weight (RFC 9110 §12.4.2, §12.5.1).</summary>
public sealed record MediaRange(MediaType Range, double Quality);

/// <summary>Reads the Accept request header (RFC 9110 §12.5.1, https://www.rfc-editor.org/rfc/rfc9110#section-12.5.1).</summary>
public static class AcceptHeader
{
    /// <summary>
    /// The media ranges of <paramref name="header"/> in the order written. Elements that do not parse
    /// (a bad range or an invalid q-value) are left out rather than failing the request: a client's
    /// typo in one element should not cost it the others. Empty elements ("a, ,b") are allowed by the
    /// list syntax (§5.6.1).
    /// </summary>
    public static IReadOnlyList<MediaRange> Parse(string? header)
    {
        var ranges = new List<MediaRange>();
        if (string.IsNullOrWhiteSpace(header)) return ranges;
        int pos = 0;
        while (pos < header.Length)
        {
            int start = pos;
            var range = MediaType.ParseAt(header, ref pos, stopAtComma: true, out string? weight, out _);
            if (range is not null && pos < header.Length && header[pos] != ',') range = null;
            if (range is not null)
            {
                if (weight is null) ranges.Add(new MediaRange(range, 1.0));
                else if (TryParseQValue(weight, out double q)) ranges.Add(new MediaRange(range, q));
            }
            // Skip to the next element (after an error, too).
            if (range is null) pos = NextComma(header, start);
            if (pos < header.Length && header[pos] == ',') pos++;
            while (pos < header.Length && header[pos] is ' ' or '\t' or ',') pos++;
        }
        return ranges;
    }

    private static int NextComma(string s, int pos)
    {
        bool quoted = false;
        for (; pos < s.Length; pos++)
        {
            char c = s[pos];
            if (quoted && c == '\\') pos++;
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) return pos;
        }
        return s.Length;
    }

    /// <summary>qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ) (RFC 9110 §12.4.2).</summary>
    public static bool TryParseQValue(string text, out double q)
    {
        q = 0;
        if (text.Length == 0 || text.Length > 5 || text[0] is not ('0' or '1')) return false;
        if (text.Length > 1)
        {
            if (text[1] != '.') return false;
            for (int i = 2; i < text.Length; i++)
                if (!char.IsAsciiDigit(text[i]) || (text[0] == '1' && text[i] != '0')) return false;
        }
        q = double.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return true;
    }
}
