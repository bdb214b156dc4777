using System.Buffers;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Results;

/// <summary>Front end for writing query results in any <see cref="SparqlResultFormat"/>.</summary>
public static class SparqlResultWriter
{
    /// <summary>A streaming writer over a stream; the stream is left open when the writer is disposed.</summary>
    public static ISolutionWriter Create(Stream stream, SparqlResultFormat format, SparqlResultWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Create(new Utf8Output(stream), format, options);
    }

    /// <summary>
    /// A streaming writer over a buffer writer (e.g. ASP.NET Core's <c>Response.BodyWriter</c>): the
    /// writer never blocks on I/O; call <see cref="ISolutionWriter.Flush"/> then the pipe's
    /// <c>FlushAsync</c> every so often.
    /// </summary>
    public static ISolutionWriter Create(IBufferWriter<byte> output, SparqlResultFormat format, SparqlResultWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Create(new Utf8Output(output), format, options);
    }

    /// <summary>Writes a complete result (boolean or table).</summary>
    public static void Write(Stream stream, SparqlResultFormat format, SparqlResult result, SparqlResultWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        using ISolutionWriter writer = Create(stream, format, options);
        if (result.Boolean is bool b)
        {
            writer.WriteBoolean(b);
            return;
        }
        writer.Begin(result.Variables);
        foreach (Term?[] row in result.Rows) writer.WriteRow(row);
        writer.End();
    }

    /// <summary>
    /// Writes a table whose rows arrive asynchronously, sending about every 16 KiB to the stream with
    /// <see cref="Stream.WriteAsync(ReadOnlyMemory{byte}, CancellationToken)"/> (no synchronous I/O,
    /// as ASP.NET Core requires).
    /// </summary>
    public static async Task WriteAsync(Stream stream, SparqlResultFormat format, IReadOnlyList<string> variables,
        IAsyncEnumerable<Term?[]> rows, SparqlResultWriterOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(rows);
        var buffer = new ArrayBufferWriter<byte>(Utf8Output.StreamChunk * 2);
        using ISolutionWriter writer = Create(buffer, format, options);
        writer.Begin(variables);
        await foreach (Term?[] row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            writer.WriteRow(row);
            if (buffer.WrittenCount >= Utf8Output.StreamChunk) await DrainAsync(writer, buffer, stream, cancellationToken).ConfigureAwait(false);
        }
        writer.End();
        await DrainAsync(writer, buffer, stream, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes an ASK result without synchronous I/O.</summary>
    public static async Task WriteBooleanAsync(Stream stream, SparqlResultFormat format, bool value,
        SparqlResultWriterOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (ISolutionWriter writer = Create(buffer, format, options)) writer.WriteBoolean(value);
        await stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The result as a string (UTF-8 decoded); handy for tests and small responses.</summary>
    public static string WriteToString(SparqlResult result, SparqlResultFormat format, SparqlResultWriterOptions? options = null)
    {
        using var ms = new MemoryStream();
        Write(ms, format, result, options);
        return System.Text.Encoding.UTF8.GetString(ms.GetBuffer(), 0, (int)ms.Length);
    }

    private static ISolutionWriter Create(Utf8Output output, SparqlResultFormat format, SparqlResultWriterOptions? options)
    {
        options ??= SparqlResultWriterOptions.Default;
        return format switch
        {
            SparqlResultFormat.Json => new JsonSolutionWriter(output, options),
            SparqlResultFormat.Xml => new XmlSolutionWriter(output, options),
            SparqlResultFormat.Csv => new CsvSolutionWriter(output),
            SparqlResultFormat.Tsv => new TsvSolutionWriter(output),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }

    private static async ValueTask DrainAsync(ISolutionWriter writer, ArrayBufferWriter<byte> buffer, Stream stream, CancellationToken ct)
    {
        writer.Flush();
        if (buffer.WrittenCount == 0) return;
        await stream.WriteAsync(buffer.WrittenMemory, ct).ConfigureAwait(false);
        buffer.ResetWrittenCount();
    }
}
