using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DihNode.Rdf.Io.JsonLd;

/// <summary>
/// Reading JSON for the processor: strict RFC 8259 with a nesting bound, errors carrying line and
/// byte position, and the small helpers the algorithms use on <see cref="JsonNode"/> values.
/// </summary>
internal static class JsonLdJson
{
    /// <summary>Parses <paramref name="text"/>; malformed or too deeply nested JSON throws "invalid JSON" with the position.</summary>
    public static JsonNode? Parse(string text, string? source, int maxDepth) =>
        Parse(Encoding.UTF8.GetBytes(text), source, maxDepth);

    /// <summary>Parses UTF-8 <paramref name="utf8"/> (a byte order mark is skipped).</summary>
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8, string? source, int maxDepth)
    {
        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) utf8 = utf8[3..];
        try
        {
            // An object naming a member twice (RFC 8259 §4: names SHOULD be unique) is refused here, with its
            // position: the node tree would otherwise fail later, without one, when the object is first enumerated.
            using (JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = maxDepth, AllowDuplicateProperties = false })) { }
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth });
            var node = JsonNode.Parse(ref reader, new JsonNodeOptions { PropertyNameCaseInsensitive = false });
            if (reader.Read())
            {
                var (line, column) = Position(utf8, reader.TokenStartIndex);
                throw new JsonException("unexpected content after the JSON value", null, line, column);
            }
            return node;
        }
        catch (JsonException e)
        {
            long line = (e.LineNumber ?? 0) + 1, column = CharColumn(utf8, e.LineNumber ?? 0, e.BytePositionInLine ?? 0);
            string where = source is null ? "" : source + ": ";
            var error = new JsonLdException(JsonLdErrorCode.InvalidJson, $"{where}line {line}, column {column}: {FirstSentence(e.Message)}", e);
            error.Data[LineKey] = line;
            error.Data[ColumnKey] = column;
            throw error;
        }
    }

    /// <summary>Keys of <see cref="Exception.Data"/> holding the 1-based line and column of malformed JSON.</summary>
    public const string LineKey = "JsonLd.Line", ColumnKey = "JsonLd.Column";

    /// <summary>1-based character column of a 0-based (line, byte in line) position.</summary>
    private static long CharColumn(ReadOnlySpan<byte> utf8, long line, long byteInLine)
    {
        int start = 0;
        for (long l = 0; l < line; l++)
        {
            int next = utf8[start..].IndexOf((byte)'\n');
            if (next < 0) return byteInLine + 1;
            start += next + 1;
        }
        int end = (int)Math.Min(utf8.Length, start + byteInLine);
        return Encoding.UTF8.GetCharCount(utf8[start..end]) + 1;
    }

    /// <summary>0-based line and byte-in-line of <paramref name="offset"/>, as <see cref="JsonException"/> reports them.</summary>
    private static (long Line, long Column) Position(ReadOnlySpan<byte> utf8, long offset)
    {
        var before = utf8[..(int)Math.Min(offset, utf8.Length)];
        int lines = before.Count((byte)'\n');
        int lastNewline = before.LastIndexOf((byte)'\n');
        return (lines, before.Length - lastNewline - 1);
    }

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd() : message;
    }

    /// <summary>A copy of <paramref name="node"/> that may be attached to a new parent.</summary>
    public static JsonNode? Clone(JsonNode? node) => node?.DeepClone();

    public static bool IsString(JsonNode? n) => n is JsonValue v && v.GetValueKind() == JsonValueKind.String;

    public static bool IsNumber(JsonNode? n) => n is JsonValue v && v.GetValueKind() == JsonValueKind.Number;

    public static bool IsBoolean(JsonNode? n) => n is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False;

    /// <summary>Strings, numbers, booleans (not null): the spec's "scalar".</summary>
    public static bool IsScalar(JsonNode? n) => n is JsonValue v && v.GetValueKind() is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;

    /// <summary>The string value, or null when <paramref name="n"/> is not a string.</summary>
    public static string? AsString(JsonNode? n) => n is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>
    /// The items of an array, or the value itself as the only item: a live view without copying, so
    /// the array must not change while it is read (take <c>.ToList()</c> first when it does).
    /// </summary>
    public static JsonItems AsArray(JsonNode? n) => new(n);

    /// <summary>A string value node.</summary>
    public static JsonNode Str(string s) => JsonValue.Create(s);

    /// <summary>The entry <paramref name="key"/> of <paramref name="map"/> when it is a <typeparamref name="T"/>, else a new one from <paramref name="create"/> put there.</summary>
    public static T Entry<T>(JsonObject map, string key, Func<T> create) where T : JsonNode
    {
        if (map[key] is T entry) return entry;
        entry = create();
        map[key] = entry;
        return entry;
    }

    /// <summary>Deep equality of JSON values (numbers by value).</summary>
    public static bool DeepEquals(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);
}

/// <summary>A JSON value seen as a list: the items of an array, or the value itself (see <see cref="JsonLdJson.AsArray"/>).</summary>
internal readonly struct JsonItems(JsonNode? node) : IReadOnlyList<JsonNode?>
{
    public int Count => node is JsonArray array ? array.Count : 1;

    public JsonNode? this[int index] => node is JsonArray array ? array[index] : index == 0 ? node : throw new ArgumentOutOfRangeException(nameof(index));

    public Enumerator GetEnumerator() => new(node);

    IEnumerator<JsonNode?> IEnumerable<JsonNode?>.GetEnumerator()
    {
        for (int i = 0; i < Count; i++) yield return this[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => ((IEnumerable<JsonNode?>)this).GetEnumerator();

    public struct Enumerator(JsonNode? node)
    {
        private int _index = -1;

        public readonly JsonNode? Current => node is JsonArray array ? array[_index] : node;

        public bool MoveNext() => ++_index < (node is JsonArray array ? array.Count : 1);
    }
}
