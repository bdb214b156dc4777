namespace DihNode.Rdf.Io;

/// <summary>
/// Malformed input: carries the 1-based line and column (in characters) where reading stopped
/// and what was expected there. The message reads "line L, column C: ...".
/// </summary>
public sealed class RdfSyntaxException : FormatException
{
    public RdfSyntaxException(string problem, long line, long column, string? source = null)
        : base($"{(source is null ? "" : source + ": ")}line {line}, column {column}: {problem}")
    {
        Problem = problem;
        Line = line;
        Column = column;
    }

    /// <summary>What was wrong, without the position.</summary>
    public string Problem { get; }

    public long Line { get; }

    public long Column { get; }
}
