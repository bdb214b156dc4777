using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Results;

/// <summary>
/// Writes one query result as it is produced: either <see cref="WriteBoolean"/> once, or
/// <see cref="Begin"/>, any number of <see cref="WriteRow(ReadOnlySpan{Term?})"/>, then <see cref="End"/>.
/// Rows go out as they come (the writer buffers only a little), so results never need to be
/// materialised. Over a stream, output reaches the stream in chunks of about 16 KiB; over an
/// <see cref="System.Buffers.IBufferWriter{T}"/> (a <c>PipeWriter</c>), <see cref="Flush"/> commits
/// what was written so the caller can <c>FlushAsync</c> the pipe. Disposing flushes but does not
/// close the stream.
/// </summary>
public interface ISolutionWriter : IDisposable
{
    SparqlResultFormat Format { get; }

    /// <summary>Starts a table with these variable names (without '?').</summary>
    void Begin(IReadOnlyList<string> variables);

    /// <summary>One solution aligned with the variables given to <see cref="Begin"/>; null = unbound.</summary>
    void WriteRow(ReadOnlySpan<Term?> row);

    /// <summary>Ends the table and flushes.</summary>
    void End();

    /// <summary>Writes a complete ASK result and flushes.</summary>
    /// <exception cref="NotSupportedException">The format has no boolean form (CSV, TSV).</exception>
    void WriteBoolean(bool value);

    /// <summary>Commits everything written so far to the buffer writer or stream (without ending the result).</summary>
    void Flush();
}
