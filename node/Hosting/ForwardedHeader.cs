using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DihNode.Node.Hosting;

/// <summary>What a <c>for=</c> node names (RFC 7239 §6): an address, <c>unknown</c> (§6.2), or an obfuscated identifier (§6.3).</summary>
internal enum ForwardedNodeKind
{
    Address,
    Unknown,
    Obfuscated,
}

/// <summary>A node of a <c>Forwarded</c> element: its kind, its address (for <see cref="ForwardedNodeKind.Address"/>) and its text as written.</summary>
internal readonly record struct ForwardedNode(ForwardedNodeKind Kind, IPAddress? Address, string Text);

/// <summary>One forwarded-element of a header line: its <c>for=</c> value, unquoted (null when the element has none), and the column where that value starts.</summary>
internal readonly record struct ForwardedElement(string? For, int Column);

/// <summary>
/// Reads the <c>Forwarded</c> header of RFC 7239 (https://www.rfc-editor.org/rfc/rfc7239), strictly by its grammar
/// (§4): a comma-separated list of elements (empty ones skipped, RFC 9110 §5.6.1), each a semicolon-separated
/// list of <c>token=value</c> pairs whose value is a token or a quoted string (with backslash escapes, RFC 9110
/// §5.6.4). Parameter names are case-insensitive and appear at most once per element (§4); parameters other
/// than <c>for</c> are checked for form only. Whitespace is allowed around <c>,</c> and <c>;</c>, not around <c>=</c>.
/// Errors name the column (1-based) within the header line.
/// </summary>
internal static class ForwardedHeader
{
    /// <summary>
    /// Splits one header line into its elements; false with <paramref name="error"/> (naming the column) when the
    /// line does not follow the grammar. A quoted string cannot be split from the right, so a line is read whole.
    /// </summary>
    public static bool TryParse(string line, List<ForwardedElement> elements, out string? error)
    {
        int pos = 0;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            SkipSpace(line, ref pos);
            if (pos >= line.Length) break;
            if (line[pos] == ',')
            {
                pos++;
                continue; // an empty list element
            }
            seen.Clear();
            string? forValue = null;
            int forColumn = 0;
            bool any = false;
            while (true)
            {
                SkipSpace(line, ref pos);
                if (pos >= line.Length || line[pos] == ',') break;
                if (line[pos] == ';')
                {
                    pos++;
                    continue; // an empty pair: "[ forwarded-pair ] *( ";" [ forwarded-pair ] )"
                }
                int nameStart = pos;
                while (pos < line.Length && IsTokenChar(line[pos])) pos++;
                if (pos == nameStart) return Fail(out error, nameStart, $"expected a parameter name, found {Shown(line, nameStart)}");
                string name = line[nameStart..pos];
                if (pos >= line.Length || line[pos] != '=') return Fail(out error, pos, $"expected '=' after the parameter name '{name}', found {Shown(line, pos)}");
                pos++;
                int valueStart = pos;
                string value;
                if (pos < line.Length && line[pos] == '"')
                {
                    if (ReadQuoted(line, ref pos, out error) is not string quoted) return false;
                    value = quoted;
                }
                else
                {
                    while (pos < line.Length && IsTokenChar(line[pos])) pos++;
                    if (pos == valueStart) return Fail(out error, valueStart, $"the parameter '{name}' has no value (a token or a quoted string), found {Shown(line, valueStart)}");
                    value = line[valueStart..pos];
                }
                if (!seen.Add(name)) return Fail(out error, nameStart, $"the parameter '{name}' appears twice in one element (RFC 7239 section 4)");
                if (name.Equals("for", StringComparison.OrdinalIgnoreCase))
                {
                    forValue = value;
                    forColumn = valueStart + 1;
                }
                any = true;
                SkipSpace(line, ref pos);
                if (pos < line.Length && line[pos] is not (';' or ',')) return Fail(out error, pos, $"expected ';' or ',' after the value of '{name}', found {Shown(line, pos)}");
            }
            if (any) elements.Add(new ForwardedElement(forValue, forColumn));
        }
        error = null;
        return true;
    }

    /// <summary>
    /// Reads a node (§6): <c>nodename [ ":" node-port ]</c> where the name is an IPv4 address in dotted decimal,
    /// an IPv6 address in brackets, <c>unknown</c> (any case, as ABNF strings are) or an obfuscated identifier
    /// (<c>_</c> then letters, digits, <c>. _ -</c>); the port is 1-5 digits or obfuscated. The port is not kept:
    /// a client is its address.
    /// </summary>
    public static bool TryParseNode(string text, out ForwardedNode node, out string? error)
    {
        node = default;
        string name;
        string? port = null;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0) return Fail(out error, $"'{text}' opens a bracket for an IPv6 address but does not close it");
            name = text[1..close];
            string rest = text[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':') return Fail(out error, $"'{text}' has '{rest}' after its IPv6 address where only ':PORT' may follow");
                port = rest[1..];
            }
            if (name.Contains('%') || !IPAddress.TryParse(name, out IPAddress? v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
                return Fail(out error, $"'{name}' in '{text}' is not an IPv6 address");
            if (port is not null && !IsPort(port)) return Fail(out error, $"the port '{port}' of '{text}' is neither 1-5 digits nor an obfuscated '_port'");
            node = new ForwardedNode(ForwardedNodeKind.Address, v6.IsIPv4MappedToIPv6 ? v6.MapToIPv4() : v6, text);
            error = null;
            return true;
        }
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0 && text.IndexOf(':', colon + 1) >= 0)
            return Fail(out error, $"'{text}' looks like an IPv6 address without brackets: RFC 7239 section 6 writes it \"[ADDRESS]\", quoted");
        name = colon < 0 ? text : text[..colon];
        if (colon >= 0)
        {
            port = text[(colon + 1)..];
            if (!IsPort(port)) return Fail(out error, $"the port '{port}' of '{text}' is neither 1-5 digits nor an obfuscated '_port'");
        }
        if (name.Equals("unknown", StringComparison.OrdinalIgnoreCase))
            node = new ForwardedNode(ForwardedNodeKind.Unknown, null, text);
        else if (IsObfuscated(name))
            node = new ForwardedNode(ForwardedNodeKind.Obfuscated, null, text);
        else if (ParseIPv4(name) is IPAddress v4)
            node = new ForwardedNode(ForwardedNodeKind.Address, v4, text);
        else
            return Fail(out error, $"'{text}' is not a node: RFC 7239 section 6 allows an IPv4 address, a bracketed IPv6 address, 'unknown' or an obfuscated '_identifier', each with an optional ':port'");
        error = null;
        return true;
    }

    /// <summary>Dotted decimal, four octets 0-255 without leading zeros (RFC 3986 dec-octet), so that no octal or short form is read.</summary>
    private static IPAddress? ParseIPv4(string text)
    {
        string[] parts = text.Split('.');
        if (parts.Length != 4) return null;
        foreach (string part in parts)
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit) || (part.Length > 1 && part[0] == '0')
                || int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture) > 255)
                return null;
        return IPAddress.Parse(text);
    }

    /// <summary><c>obfnode = "_" 1*( ALPHA / DIGIT / "." / "_" / "-")</c>; <c>obfport</c> has the same form.</summary>
    private static bool IsObfuscated(string text) =>
        text.Length > 1 && text[0] == '_' && text.AsSpan(1).IndexOfAnyExcept(s_obfuscatedChars) < 0;

    private static readonly System.Buffers.SearchValues<char> s_obfuscatedChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    private static bool IsPort(string text) => (text.Length is >= 1 and <= 5 && text.All(char.IsAsciiDigit)) || IsObfuscated(text);

    /// <summary>Reads a quoted string starting at <paramref name="pos"/> (the opening quote); its content with the escapes removed, or null with an error.</summary>
    private static string? ReadQuoted(string line, ref int pos, out string? error)
    {
        int open = pos++;
        var text = new System.Text.StringBuilder();
        while (pos < line.Length)
        {
            char c = line[pos];
            if (c == '"')
            {
                pos++;
                error = null;
                return text.ToString();
            }
            if (c == '\\')
            {
                if (pos + 1 >= line.Length) break;
                char escaped = line[pos + 1];
                if (!IsQuotedPairChar(escaped)) { Fail(out error, pos + 1, $"a control character (U+{(int)escaped:X4}) cannot be escaped in a quoted string"); return null; }
                text.Append(escaped);
                pos += 2;
                continue;
            }
            if (!IsQuotedTextChar(c)) { Fail(out error, pos, $"a control character (U+{(int)c:X4}) cannot appear in a quoted string"); return null; }
            text.Append(c);
            pos++;
        }
        Fail(out error, open, "the quoted string opened here is not closed");
        return null;
    }

    /// <summary>RFC 9110 §5.6.2 tchar.</summary>
    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';

    /// <summary>RFC 9110 §5.6.4 qdtext: HTAB, SP, visible characters but <c>"</c> and <c>\</c>, obs-text.</summary>
    private static bool IsQuotedTextChar(char c) => c is '\t' or ' ' || (c >= '!' && c <= '~' && c is not ('"' or '\\')) || (c >= '\x80' && c <= '\xff');

    /// <summary>RFC 9110 §5.6.4 quoted-pair: HTAB, SP, VCHAR, obs-text after the backslash.</summary>
    private static bool IsQuotedPairChar(char c) => c is '\t' or ' ' || (c >= '!' && c <= '~') || (c >= '\x80' && c <= '\xff');

    private static void SkipSpace(string line, ref int pos)
    {
        while (pos < line.Length && line[pos] is ' ' or '\t') pos++;
    }

    private static string Shown(string line, int pos) => pos >= line.Length ? "the end of the line" : $"'{line[pos]}'";

    private static bool Fail(out string? error, int pos, string message)
    {
        error = $"column {pos + 1}: {message}";
        return false;
    }

    private static bool Fail(out string? error, string message)
    {
        error = message;
        return false;
    }
}
