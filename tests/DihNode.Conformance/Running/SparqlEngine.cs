using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Results;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Rdf.Store;

namespace DihNode.Conformance.Running;

/// <summary>
/// What a query produced: a result table or boolean (SELECT, ASK), or a graph (CONSTRUCT, DESCRIBE).
/// </summary>
internal sealed record QueryAnswer(SparqlResult? Solutions, IReadOnlyList<Triple>? Graph)
{
    public static QueryAnswer FromSolutions(SparqlResult result) => new(result, null);

    public static QueryAnswer FromGraph(IReadOnlyList<Triple> triples) => new(null, triples);
}

/// <summary>
/// The one place where the harness calls the SPARQL query evaluator (rdf/Sparql/Evaluation). The
/// dataset holds the test's qt:data in the default graph, each qt:graphData as a named graph, and
/// every graph the query names in FROM / FROM NAMED as a named graph under that IRI; the evaluator
/// builds the query's dataset from those clauses (SPARQL 1.1 Query §13.2).
/// </summary>
internal static class SparqlEngine
{
    /// <summary>Set when the evaluator is not part of this build; evaluation tests fail with it.</summary>
    public const string Unavailable = "query evaluation not available: the evaluator (rdf/Sparql/Evaluation) is not in this build";

    /// <exception cref="NotSupportedException">No evaluator in this build.</exception>
    public static QueryAnswer Evaluate(Query query, MemoryDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(dataset);
        throw new NotSupportedException(Unavailable);
    }
}
