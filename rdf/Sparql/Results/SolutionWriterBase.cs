using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Results;

/// <summary>
/// The call-order checks every writer shares: Begin, rows, End, or one WriteBoolean, once.
/// </summary>
internal abstract class SolutionWriterBase : ISolutionWriter
{
    private enum State : byte { Ready, InTable, Done }

    private State _state;
    private int _width;

    protected SolutionWriterBase(Utf8Output output) => Output = output;

    protected Utf8Output Output { get; }

    public abstract SparqlResultFormat Format { get; }

    public void Begin(IReadOnlyList<string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        if (_state != State.Ready) throw new InvalidOperationException("Begin must be the first call on a result writer.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string v in variables)
        {
            if (!SparqlNames.IsVariableName(v)) throw new ArgumentException($"'{v}' is not a SPARQL variable name", nameof(variables));
            if (!seen.Add(v)) throw new ArgumentException($"variable '{v}' is listed twice", nameof(variables));
        }
        _state = State.InTable;
        _width = variables.Count;
        OnBegin([.. variables]);
    }

    public void WriteRow(ReadOnlySpan<Term?> row)
    {
        if (_state != State.InTable) throw new InvalidOperationException("WriteRow needs Begin first (and not after End).");
        if (row.Length != _width) throw new ArgumentException($"row has {row.Length} values for {_width} variables", nameof(row));
        OnRow(row);
        Output.RowDone();
    }

    public void End()
    {
        if (_state != State.InTable) throw new InvalidOperationException("End needs Begin first, and only once.");
        _state = State.Done;
        OnEnd();
        Output.Complete();
    }

    public void WriteBoolean(bool value)
    {
        if (_state != State.Ready) throw new InvalidOperationException("WriteBoolean must be the only call on a result writer.");
        if (!Format.SupportsBoolean())
            throw new NotSupportedException($"{Format} results have no boolean (ASK) form; use JSON or XML.");
        _state = State.Done;
        OnBoolean(value);
        Output.Complete();
    }

    public void Flush()
    {
        OnFlush();
        Output.Drain();
    }

    public void Dispose()
    {
        OnFlush();
        Output.Drain();
        OnDispose();
    }

    /// <summary>Commits anything the format writer holds back (only JSON does) to <see cref="Output"/>.</summary>
    protected virtual void OnFlush() { }

    protected virtual void OnDispose() { }

    protected abstract void OnBegin(IReadOnlyList<string> variables);

    protected abstract void OnRow(ReadOnlySpan<Term?> row);

    protected abstract void OnEnd();

    protected abstract void OnBoolean(bool value);
}
