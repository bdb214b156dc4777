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
        OnBegin(variables);
    }

    public void WriteRow(ReadOnlySpan<Term?> row)
    {
        if (_state != State.InTable) throw new InvalidOperationException("WriteRow needs Begin first (and not after End).");
        if (row.Length != _width) throw new ArgumentException($"row has {row.Length} values for {_width} variables", nameof(row));
        OnRow(row);
    }

    public void End()
    {
        if (_state != State.InTable) throw new InvalidOperationException("End needs Begin first, and only once.");
        _state = State.Done;
        OnEnd();
    }

    public void WriteBoolean(bool value)
    {
        if (_state != State.Ready) throw new InvalidOperationException("WriteBoolean must be the only call on a result writer.");
        if (!Format.SupportsBoolean())
            throw new NotSupportedException($"{Format} results have no boolean (ASK) form; use JSON or XML.");
        _state = State.Done;
        OnBoolean(value);
    }

    public void Dispose() => OnDispose();

    protected abstract void OnBegin(IReadOnlyList<string> variables);

    protected abstract void OnRow(ReadOnlySpan<Term?> row);

    protected abstract void OnEnd();

    protected abstract void OnBoolean(bool value);

    protected abstract void OnDispose();
}
