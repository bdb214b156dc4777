namespace DihNode.Rdf.Sparql.Syntax;

/// <summary>
/// A SPARQL query or update that is not valid: either it does not match the grammar of
/// SPARQL 1.1 Query §19 / Update §19, or it breaks one of the static rules (§19.8 grammar notes,
/// §18.2.1 variable scope). The message reads "line L, column C: problem".
/// </summary>
public sealed class SparqlSyntaxException : FormatException
{
    public SparqlSyntaxException(string problem, int line, int column)
        : base($"line {line}, column {column}: {problem}")
    {
        Problem = problem;
        Line = line;
        Column = column;
    }

    /// <summary>What was wrong, without the position.</summary>
    public string Problem { get; }

    /// <summary>1-based line of the offending token.</summary>
    public int Line { get; }

    /// <summary>1-based column (in UTF-16 code units) of the offending token.</summary>
    public int Column { get; }
}
