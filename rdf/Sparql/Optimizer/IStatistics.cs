using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Optimizer;

/// <summary>
/// Exact pattern counts of the dataset a query runs over: the number of triples matching
/// (s, p, o), null meaning any term. <paramref name="graph"/> null is the default graph, an IRI
/// that named graph, a variable any named graph.
/// </summary>
internal interface IStatistics
{
    long Count(Term? s, Term? p, Term? o, Term? graph);
}
