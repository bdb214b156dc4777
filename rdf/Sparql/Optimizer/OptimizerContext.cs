using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Sparql.Optimizer;

/// <summary>
/// What passes may consult and record: the dataset's counts, an evaluator for constant expressions
/// (the optimiser runs before evaluation, which owns the expression semantics), and the plan's
/// physical annotations.
/// </summary>
internal sealed class OptimizerContext(IStatistics? statistics, Func<Expression, Term?>? evaluateConstant)
{
    /// <summary>Null when no dataset is known (passes that need counts then leave the algebra alone).</summary>
    public IStatistics? Statistics { get; } = statistics;

    /// <summary>The value of an expression without variables, or null if it raises an error.</summary>
    public Func<Expression, Term?>? EvaluateConstant { get; } = evaluateConstant;

    /// <summary>BGPs whose triple order was chosen from the counts; the evaluator keeps that order.</summary>
    public HashSet<Bgp> OrderedBgps { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>The join algorithm chosen per join operator.</summary>
    public Dictionary<Join, JoinStrategy> JoinStrategies { get; } = new(ReferenceEqualityComparer.Instance);
}
