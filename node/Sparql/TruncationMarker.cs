using System.Text;
using DihNode.Rdf.Io;
using DihNode.Rdf.Sparql.Results;

namespace DihNode.Node.Sparql;

/// <summary>
/// How a result cut at the node's row limit says so in its body, in each format:
/// <list type="bullet">
/// <item>SPARQL JSON: a top-level member <c>"dihnode:truncated": true</c> after <c>results</c>.</item>
/// <item>SPARQL XML: an element <c>&lt;truncated xmlns="https://w3id.org/dihnode/ns#" rows="N"/&gt;</c> as the last child of <c>sparql</c>.</item>
/// <item>CSV, TSV: a last line <c>#dihnode:truncated rows=N</c> (not a valid TSV term; a CSV row of one column).</item>
/// <item>Turtle, TriG, N-Triples, N-Quads: a last comment line <c># dihnode:truncated rows=N</c>; RDF/XML and JSON-LD: the header only.</item>
/// </list>
/// </summary>
internal static class TruncationMarker
{
    public static byte[] Mark(ReadOnlySpan<byte> tail, SparqlResultFormat format, long rows)
    {
        string text = Encoding.UTF8.GetString(tail);
        string marked = format switch
        {
            SparqlResultFormat.Json => InsertBefore(text, text.LastIndexOf('}'), ",\n  \"dihnode:truncated\": true\n"),
            SparqlResultFormat.Xml => InsertBefore(text, text.LastIndexOf("</sparql>", StringComparison.Ordinal),
                $"\n  <truncated xmlns=\"https://w3id.org/dihnode/ns#\" rows=\"{rows}\"/>\n"),
            SparqlResultFormat.Csv => text + $"#dihnode:truncated rows={rows}\r\n",
            _ => text + $"#dihnode:truncated rows={rows}\n",
        };
        return Encoding.UTF8.GetBytes(marked);
    }

    public static string? CommentFor(RdfFormat format, long rows) =>
        format is RdfFormat.Turtle or RdfFormat.TriG or RdfFormat.NTriples or RdfFormat.NQuads
            ? $"# dihnode:truncated rows={rows}\n"
            : null;

    private static string InsertBefore(string text, int index, string insert)
    {
        if (index < 0) throw new InvalidOperationException("the result writer's output has no closing element to mark");
        // JSON: put the member after the last value, i.e. trim the whitespace before the closing brace.
        int at = index;
        while (at > 0 && char.IsWhiteSpace(text[at - 1])) at--;
        return text[..at] + insert + text[index..];
    }
}
