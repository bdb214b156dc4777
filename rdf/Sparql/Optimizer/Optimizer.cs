using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Sparql.Optimizer;

/// <summary>
/// The query optimiser: an ordered list of named passes run between the algebra translation
/// (Query §18.2) and evaluation. Each pass gives an equivalent algebra; each can be switched off by
/// name, and the whole optimiser can be skipped (the evaluator then runs the algebra as written).
/// </summary>
internal static class Optimizer
{
    /// <summary>The passes in the order they run.</summary>
    public static IReadOnlyList<IOptimizerPass> Passes { get; } =
    [
        new ConstantFolding(),
        new FilterPushDown(),
        new FilterEqualityBinding(),
        new BgpOrdering(),
        new JoinStrategySelection(),
    ];

    /// <summary>The names of the passes, in order.</summary>
    public static IEnumerable<string> PassNames => Passes.Select(p => p.Name);

    public static Plan Optimize(Op root, OptimizerContext context, IReadOnlyCollection<string>? disabled = null)
    {
        foreach (IOptimizerPass pass in Passes)
        {
            if (disabled is not null && disabled.Contains(pass.Name)) continue;
            root = pass.Rewrite(root, context);
        }
        // Annotations of operators a later pass replaced are dropped with them.
        var live = new HashSet<Op>(ReferenceEqualityComparer.Instance);
        void Walk(Op op)
        {
            live.Add(op);
            foreach (Op child in AlgebraRewriter.Children(op)) Walk(child);
        }
        Walk(root);
        context.OrderedBgps.RemoveWhere(b => !live.Contains(b));
        foreach (Join j in context.JoinStrategies.Keys.Where(j => !live.Contains(j)).ToList()) context.JoinStrategies.Remove(j);
        return new Plan(root, context.OrderedBgps, context.JoinStrategies);
    }
}
