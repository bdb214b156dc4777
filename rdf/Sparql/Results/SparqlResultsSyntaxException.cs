namespace DihNode.Rdf.Sparql.Results;

/// <summary>
/// Malformed query-result input. Carries where reading stopped: a 1-based line and column for the
/// text formats (XML, CSV, TSV, and JSON syntax errors), or a JSON path such as
/// <c>$.results.bindings[2].x.type</c> for JSON structure errors. The message starts with the place.
/// </summary>
public sealed class SparqlResultsSyntaxException : FormatException
{
    public SparqlResultsSyntaxException(string problem, long line, long column, string? source = null, Exception? inner = null)
        : base($"{Prefix(source)}line {line}, column {column}: {problem}", inner)
    {
        Problem = problem;
        Line = line;
        Column = column;
    }

    public SparqlResultsSyntaxException(string problem, string path, string? source = null, Exception? inner = null)
        : base($"{Prefix(source)}at {path}: {problem}", inner)
    {
        Problem = problem;
        Path = path;
    }

    /// <summary>What was wrong, without the place.</summary>
    public string Problem { get; }

    /// <summary>1-based line, or 0 when the place is a <see cref="Path"/>.</summary>
    public long Line { get; }

    /// <summary>1-based column, or 0 when the place is a <see cref="Path"/>.</summary>
    public long Column { get; }

    /// <summary>The JSON path (or, for the result-set vocabulary, the node) where the problem is, or null.</summary>
    public string? Path { get; }

    private static string Prefix(string? source) => source is null ? "" : source + ": ";
}
