using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Sparql.Optimizer;

/// <summary>
/// Chooses each join's algorithm. Index nested loops (the left row substituted into the right
/// side, so its patterns are looked up with the shared variables bound) is the default; the
/// evaluator uses it only where substitution is safe. When the sides mention no variable in common
/// (bound, read, or a SERVICE endpoint), nothing
/// flows into the right side, so evaluating it once and probing the kept rows (hash join, here a
/// cross product) replaces re-evaluating it for every left row; a left side of at most one row
/// (VALUES, the unit table) keeps nested loops, which then stream.
/// </summary>
internal sealed class JoinStrategySelection : IOptimizerPass
{
    public string Name => "join-strategy";

    public Op Rewrite(Op op, OptimizerContext context)
    {
        void Walk(Op o)
        {
            if (o is Join j)
            {
                HashSet<Term> shared = VariableScope.Mentioned(j.Left);
                shared.IntersectWith(VariableScope.Mentioned(j.Right));
                bool single = j.Left is Table { Rows.Count: <= 1 };
                context.JoinStrategies[j] = shared.Count == 0 && !single ? JoinStrategy.Hash : JoinStrategy.IndexNestedLoop;
            }
            foreach (Op child in AlgebraRewriter.Children(o)) Walk(child);
        }
        Walk(op);
        return op;
    }
}
