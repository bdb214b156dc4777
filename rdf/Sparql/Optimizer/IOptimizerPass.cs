using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Sparql.Optimizer;

/// <summary>
/// One named rewrite of the algebra. A pass never changes a query's answers: it returns an
/// equivalent operator tree (or the same one), and may record physical choices in the plan.
/// </summary>
internal interface IOptimizerPass
{
    /// <summary>The name used to switch the pass off (the query options list the disabled ones).</summary>
    string Name { get; }

    Op Rewrite(Op op, OptimizerContext context);
}
