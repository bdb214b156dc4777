using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Evaluation;

/// <summary>The result of a query (Query §16): solutions, a boolean, or a graph.</summary>
public abstract class QueryResult
{
    private protected QueryResult() { }
}

/// <summary>
/// SELECT results: the projected variables and one row per solution, each cell the value of the
/// variable at the same index or null when unbound. <see cref="Rows"/> is lazy: evaluation runs
/// while it is enumerated, and it should be enumerated once.
/// </summary>
public sealed class SelectResult : QueryResult
{
    public SelectResult(IReadOnlyList<Variable> variables, IEnumerable<Term?[]> rows)
    {
        Variables = variables;
        Rows = rows;
    }

    public IReadOnlyList<Variable> Variables { get; }

    public IEnumerable<Term?[]> Rows { get; }
}

/// <summary>The answer to an ASK query.</summary>
public sealed class AskResult : QueryResult
{
    public AskResult(bool value) => Value = value;

    public bool Value { get; }
}

/// <summary>CONSTRUCT and DESCRIBE results: the triples of the graph, each once, produced lazily.</summary>
public sealed class GraphResult : QueryResult
{
    public GraphResult(IEnumerable<Triple> triples) => Triples = triples;

    public IEnumerable<Triple> Triples { get; }
}
