using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DihNode.Rdf.Io.JsonLd.ToRdf;

/// <summary>
/// The JSON Canonicalization Scheme (RFC 8785, https://www.rfc-editor.org/rfc/rfc8785): the lexical
/// form of rdf:JSON literals (JSON-LD 1.1 API §6.2.2 step 7). Members sorted by UTF-16 code units,
/// no whitespace, minimal string escapes, numbers as ECMAScript prints them.
/// </summary>
internal static class JsonCanonicalizer
{
    public static string Canonicalize(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonNode? node, int depth)
    {
        if (depth > 1000) throw new JsonLdException(JsonLdErrorCode.InvalidJsonLiteral, "the JSON literal nests too deeply");
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject map:
                sb.Append('{');
                bool first = true;
                foreach (var (key, value) in map.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    if (!first) sb.Append(',');
                    first = false;
                    WriteString(sb, key);
                    sb.Append(':');
                    Write(sb, value, depth + 1);
                }
                sb.Append('}');
                break;
            case JsonArray array:
                sb.Append('[');
                for (int i = 0; i < array.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    Write(sb, array[i], depth + 1);
                }
                sb.Append(']');
                break;
            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String: WriteString(sb, value.GetValue<string>()); break;
                    case JsonValueKind.True: sb.Append("true"); break;
                    case JsonValueKind.False: sb.Append("false"); break;
                    case JsonValueKind.Number: sb.Append(NumberFormatting.EcmaScript(value.GetValue<double>())); break;
                    default: sb.Append("null"); break;
                }
                break;
        }
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
