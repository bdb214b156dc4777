using System.Text;

namespace DihNode.Rdf.Io.Conneg;

/// <summary>
/// A media type or media range as HTTP writes it (RFC 9110 §8.3.1, https://www.rfc-editor.org/rfc/rfc9110#section-8.3.1):
/// <c>type "/" subtype *( OWS ";" OWS parameter )</c>, with <c>*</c> allowed for ranges (§12.5.1).
/// Type, subtype and parameter names are lower-cased (they are case-insensitive); parameter values
/// keep their case, unquoted, except charset, whose value is lower-cased too.
/// </summary>
public sealed class MediaType
{
    private MediaType(string type, string subtype, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        Type = type;
        Subtype = subtype;
        Parameters = parameters;
    }

    /// <summary>The top-level type ("text"), or "*".</summary>
    public string Type { get; }

    /// <summary>The subtype ("turtle"), or "*".</summary>
    public string Subtype { get; }

    /// <summary>Parameters in the order written, names lower-cased.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; }

    /// <summary>"type/subtype" without parameters.</summary>
    public string Essence => Type + "/" + Subtype;

    /// <summary>True for "*/*" and "type/*".</summary>
    public bool IsRange => Subtype == "*";

    /// <summary>The value of parameter <paramref name="name"/> (case-insensitive), or null.</summary>
    public string? Parameter(string name)
    {
        foreach (var (key, value) in Parameters)
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) return value;
        return null;
    }

    /// <summary>Parses one media type or range; throws <see cref="FormatException"/> naming the problem.</summary>
    public static MediaType Parse(string text) =>
        TryParse(text, out var result, out string? error) ? result! : throw new FormatException($"Invalid media type \"{text}\": {error}");

    /// <summary>Parses one media type or range.</summary>
    public static bool TryParse(string text, out MediaType? result) => TryParse(text, out result, out _);

    private static bool TryParse(string text, out MediaType? result, out string? error)
    {
        int pos = 0;
        result = ParseAt(text, ref pos, stopAtComma: false, out _, out error);
        if (result is not null && pos < text.Length)
        {
            error = $"unexpected '{text[pos]}' at offset {pos}";
            result = null;
        }
        return result is not null;
    }

    /// <summary>
    /// Parses a media range starting at <paramref name="pos"/>, up to a comma or the end. A "q"
    /// parameter ends the media type's own parameters (RFC 9110 §12.4.2): its value is returned in
    /// <paramref name="weight"/>, and whatever follows it up to the comma is skipped.
    /// </summary>
    internal static MediaType? ParseAt(string s, ref int pos, bool stopAtComma, out string? weight, out string? error)
    {
        weight = null;
        SkipWhiteSpace(s, ref pos);
        string type = Token(s, ref pos).ToLowerInvariant();
        if (type.Length == 0) { error = "missing type"; return null; }
        if (pos >= s.Length || s[pos] != '/') { error = "missing '/'"; return null; }
        pos++;
        string subtype = Token(s, ref pos).ToLowerInvariant();
        if (subtype.Length == 0) { error = "missing subtype"; return null; }
        if (type == "*" && subtype != "*") { error = "\"*/subtype\" is not a media range"; return null; }
        var parameters = new List<KeyValuePair<string, string>>();
        while (true)
        {
            SkipWhiteSpace(s, ref pos);
            if (pos >= s.Length || (stopAtComma && s[pos] == ',')) break;
            if (s[pos] != ';') { error = $"unexpected '{s[pos]}' at offset {pos}"; return null; }
            pos++;
            SkipWhiteSpace(s, ref pos);
            if (pos >= s.Length || (stopAtComma && s[pos] == ',')) break; // a trailing ';' is tolerated
            string name = Token(s, ref pos).ToLowerInvariant();
            if (name.Length == 0 || pos >= s.Length || s[pos] != '=') { error = $"malformed parameter at offset {pos}"; return null; }
            pos++;
            string? value = s.Length > pos && s[pos] == '"' ? QuotedString(s, ref pos) : Token(s, ref pos);
            if (value is null) { error = "unterminated quoted string"; return null; }
            if (stopAtComma && name == "q")
            {
                weight = value;
                // Anything after the weight (old accept-ext) does not belong to the media type.
                while (pos < s.Length && s[pos] != ',')
                {
                    if (s[pos] == '"') { if (QuotedString(s, ref pos) is null) break; }
                    else pos++;
                }
                break;
            }
            if (name == "charset") value = value.ToLowerInvariant();
            parameters.Add(new(name, value));
        }
        error = null;
        return new MediaType(type, subtype, parameters);
    }

    private static void SkipWhiteSpace(string s, ref int pos)
    {
        while (pos < s.Length && s[pos] is ' ' or '\t') pos++;
    }

    /// <summary>token = 1*tchar (RFC 9110 §5.6.2).</summary>
    private static string Token(string s, ref int pos)
    {
        int start = pos;
        while (pos < s.Length && IsTokenChar(s[pos])) pos++;
        return s[start..pos];
    }

    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';

    /// <summary>quoted-string with quoted-pair (RFC 9110 §5.6.4); null when unterminated.</summary>
    private static string? QuotedString(string s, ref int pos)
    {
        var sb = new StringBuilder();
        pos++;
        while (pos < s.Length)
        {
            char c = s[pos++];
            if (c == '"') return sb.ToString();
            if (c == '\\' && pos < s.Length) c = s[pos++];
            sb.Append(c);
        }
        return null;
    }

    public override string ToString()
    {
        var sb = new StringBuilder(Essence);
        foreach (var (name, value) in Parameters)
        {
            sb.Append(';').Append(name).Append('=');
            bool plain = value.Length > 0;
            foreach (char c in value) plain &= IsTokenChar(c);
            if (plain) sb.Append(value);
            else sb.Append('"').Append(value.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append('"');
        }
        return sb.ToString();
    }
}
