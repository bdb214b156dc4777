using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DihNode.Rdf.Io.JsonLd;

/// <summary>
/// Finds where a <see cref="JsonNode"/> of a parsed document starts in the document's UTF-8 text,
/// so that processing errors (which happen on the tree, long after reading) can still name a line
/// and column. Follows the node's chain of parents to the root, then replays the text with a
/// <see cref="Utf8JsonReader"/> along those member names and indexes.
/// </summary>
internal static class JsonPosition
{
    /// <summary>1-based line and column (in characters) of <paramref name="node"/>, or null when it is not part of <paramref name="root"/>.</summary>
    public static (long Line, long Column)? Locate(ReadOnlySpan<byte> utf8, JsonNode? root, JsonNode? node)
    {
        if (root is null || node is null) return null;
        var path = new List<object>();
        var current = node;
        while (current is not null && !ReferenceEquals(current, root))
        {
            var parent = current.Parent;
            if (parent is JsonObject) path.Add(current.GetPropertyName());
            else if (parent is JsonArray) path.Add(current.GetElementIndex());
            else return null;
            current = parent;
        }
        if (current is null) return null;
        path.Reverse();

        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) utf8 = utf8[3..];
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = int.MaxValue / 2 });
            if (!reader.Read()) return null;
            foreach (var step in path)
            {
                if (step is string name)
                {
                    if (reader.TokenType != JsonTokenType.StartObject) return null;
                    while (true)
                    {
                        if (!reader.Read() || reader.TokenType == JsonTokenType.EndObject) return null;
                        bool match = reader.ValueTextEquals(name);
                        reader.Read();
                        if (match) break;
                        reader.Skip();
                    }
                }
                else
                {
                    int index = (int)step;
                    if (reader.TokenType != JsonTokenType.StartArray) return null;
                    for (int i = 0; ; i++)
                    {
                        if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray) return null;
                        if (i == index) break;
                        reader.Skip();
                    }
                }
            }
            return LineAndColumn(utf8, reader.TokenStartIndex);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>1-based line and character column of a byte offset.</summary>
    public static (long Line, long Column) LineAndColumn(ReadOnlySpan<byte> utf8, long offset)
    {
        var before = utf8[..(int)Math.Min(offset, utf8.Length)];
        int lines = before.Count((byte)'\n');
        int lineStart = before.LastIndexOf((byte)'\n') + 1;
        return (lines + 1, Encoding.UTF8.GetCharCount(before[lineStart..]) + 1);
    }
}
