using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation;
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
    /// <summary>
    /// Runs the query and reads the whole answer. <paramref name="baseIri"/> (the query file's IRI)
    /// is what IRI() resolves against when the query has no BASE; <paramref name="services"/> answers
    /// SERVICE (none: SERVICE fails, or gives the empty solution when SILENT).
    /// </summary>
    public static QueryAnswer Evaluate(Query query, MemoryDataset dataset, string baseIri, IServiceHandler? services = null)
    {
        var options = new QueryOptions { BaseIri = baseIri, Timeout = ConformanceRunner.TestTimeout, ServiceHandler = services };
        return QueryEvaluator.Execute(query, dataset.Snapshot(), options) switch
        {
            SelectResult select => QueryAnswer.FromSolutions(
                SparqlResult.FromTable(select.Variables.Select(v => v.Name).ToList(), select.Rows.ToList())),
            AskResult ask => QueryAnswer.FromSolutions(SparqlResult.FromBoolean(ask.Value)),
            GraphResult graph => QueryAnswer.FromGraph(graph.Triples.ToList()),
            var other => throw new InvalidOperationException($"unknown query result {other.GetType().Name}"),
        };
    }
}
