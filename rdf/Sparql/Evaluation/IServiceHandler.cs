using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Sparql.Evaluation;

/// <summary>
/// Answers SERVICE patterns (Federated Query §3): the node plugs its federation client in here.
/// Called synchronously from the evaluator's pull loop; implementations may block on I/O.
/// </summary>
public interface IServiceHandler
{
    /// <summary>
    /// The solutions of <paramref name="pattern"/> at <paramref name="endpoint"/>. Throwing fails the
    /// query unless the SERVICE is SILENT, in which case the pattern yields one empty solution.
    /// </summary>
    SelectResult Evaluate(Iri endpoint, Op pattern, CancellationToken cancellationToken);
}
