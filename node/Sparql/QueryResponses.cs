using System.Buffers;
using System.Globalization;
using System.Text;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Results;
using DihNode.Vocab;
using Microsoft.AspNetCore.Http;

namespace DihNode.Node.Sparql;

/// <summary>
/// Writes query results to the response. SELECT rows stream out in chunks of about 32 KiB while the
/// evaluator produces them; CONSTRUCT / DESCRIBE graphs are gathered first (they are sets anyway).
/// Every answer carries <c>X-DihNode-Row-Limit</c>. A result longer than the limit is cut and marked
/// so that no client takes it for complete (see <see cref="TruncationMarker"/>); the header
/// <c>X-DihNode-Truncated: true</c> comes with it whenever the cut happens before the first byte left
/// (always for graphs), and as a trailer where the connection supports trailers.
/// </summary>
internal static class QueryResponses
{
    public const string RowLimitHeader = "X-DihNode-Row-Limit";
    public const string TruncatedHeader = "X-DihNode-Truncated";

    private const int ChunkBytes = 32 * 1024;

    private static readonly IReadOnlyDictionary<string, string> s_prefixes =
        Namespaces.Prefixes.ToDictionary(p => p.Prefix, p => p.Namespace);

    public static async Task WriteSelectAsync(HttpContext context, SelectResult result, SparqlResultFormat format, long maxRows, CancellationToken ct)
    {
        HttpResponse response = context.Response;
        response.ContentType = format.MediaType() + "; charset=utf-8";
        response.Headers[RowLimitHeader] = maxRows.ToString(CultureInfo.InvariantCulture);
        using var buffer = new PooledBufferWriter(ChunkBytes * 2);
        using ISolutionWriter writer = SparqlResultWriter.Create(buffer, format);
        writer.Begin([.. result.Variables.Select(v => v.Name)]);
        long rows = 0;
        bool truncated = false;
        foreach (Term?[] row in result.Rows)
        {
            if (rows == maxRows)
            {
                truncated = true;
                break;
            }
            writer.WriteRow(row);
            rows++;
            if (buffer.WrittenCount >= ChunkBytes)
            {
                writer.Flush();
                await response.Body.WriteAsync(buffer.WrittenMemory, ct);
                buffer.ResetWrittenCount();
            }
        }
        writer.End();
        writer.Flush();
        ReadOnlyMemory<byte> tail = truncated ? TruncationMarker.Mark(buffer.WrittenSpan, format, maxRows) : buffer.WrittenMemory;
        if (truncated) MarkHeaders(response);
        await response.Body.WriteAsync(tail, ct);
        if (truncated && response.SupportsTrailers()) response.AppendTrailer(TruncatedHeader, "true");
    }

    public static async Task WriteBooleanAsync(HttpContext context, bool value, SparqlResultFormat format, CancellationToken ct)
    {
        context.Response.ContentType = format.MediaType() + "; charset=utf-8";
        await SparqlResultWriter.WriteBooleanAsync(context.Response.Body, format, value, cancellationToken: ct);
    }

    public static async Task WriteGraphAsync(HttpContext context, GraphResult result, RdfFormat format, long maxRows, CancellationToken ct)
    {
        var quads = new List<Quad>();
        bool truncated = false;
        foreach (Triple t in result.Triples)
        {
            if (quads.Count == maxRows)
            {
                truncated = true;
                break;
            }
            quads.Add(new Quad(t));
        }
        HttpResponse response = context.Response;
        response.Headers[RowLimitHeader] = maxRows.ToString(CultureInfo.InvariantCulture);
        if (truncated) MarkHeaders(response);
        using var body = new MemoryStream();
        RdfWriter.Write(body, format, quads, new RdfWriterOptions { Prefixes = s_prefixes });
        if (truncated && TruncationMarker.CommentFor(format, maxRows) is { } comment) body.Write(Encoding.UTF8.GetBytes(comment));
        await WriteRdfAsync(response, format, body, ct);
    }

    /// <summary>Sends an RDF document held in memory with the format's media type (UTF-8).</summary>
    public static async Task WriteRdfAsync(HttpResponse response, RdfFormat format, MemoryStream body, CancellationToken ct)
    {
        response.ContentType = format.MediaType() + "; charset=utf-8";
        response.ContentLength = body.Length;
        if (HttpMethods.IsHead(response.HttpContext.Request.Method)) return;
        await response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length), ct);
    }

    /// <summary>Quads in a format (a document in memory).</summary>
    public static MemoryStream Serialize(RdfFormat format, IEnumerable<Quad> quads, IReadOnlyDictionary<string, string>? prefixes = null)
    {
        var body = new MemoryStream();
        RdfWriter.Write(body, format, quads, new RdfWriterOptions { Prefixes = prefixes ?? s_prefixes });
        return body;
    }

    private static void MarkHeaders(HttpResponse response)
    {
        if (!response.HasStarted) response.Headers[TruncatedHeader] = "true";
        if (response.SupportsTrailers()) response.DeclareTrailer(TruncatedHeader);
    }
}
