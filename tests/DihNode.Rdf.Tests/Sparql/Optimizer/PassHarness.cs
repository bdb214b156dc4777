using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Optimizer;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Rdf.Store;
using static DihNode.Rdf.Tests.Sparql.Evaluation.EvaluationFixture;

namespace DihNode.Rdf.Tests.Sparql.Optimizer;

/// <summary>
/// Runs one optimiser pass over a query's algebra and gives the result as SSE text, so tests read
/// as algebra in, algebra out. Constant folding uses the evaluator's semantics; counts come from a
/// store when given.
/// </summary>
internal static class PassHarness
{
    public const string Ex = "http://example.org/";

    public static Op Algebra(string where) => SparqlParser.ParseQuery(QueryPrefixes + "SELECT * WHERE " + where).ToAlgebra();

    /// <summary>The algebra of the pattern (inside SELECT *, whose projection is dropped here).</summary>
    public static string In(string where) => SsePrinter.Print(Algebra(where));

    public static string Run(IOptimizerPass pass, string where, IQuadStore? store = null) => SsePrinter.Print(Apply(pass, where, store).Root);

    public static Plan Apply(IOptimizerPass pass, string where, IQuadStore? store = null)
    {
        OptimizerContext context = Context(store);
        Op op = pass.Rewrite(Algebra(where), context);
        return new Plan(op, context.OrderedBgps, context.JoinStrategies);
    }

    public static OptimizerContext Context(IQuadStore? store)
    {
        store ??= Load("");
        var options = QueryOptions.Default;
        var context = new EvaluationContext(store, options, [], []);
        var evaluator = new Evaluator(context, null);
        return new OptimizerContext(new DatasetStatistics(context), e => evaluator.Expressions.Evaluate(e, context.NewRow(), EvaluationContext.DefaultGraph));
    }

    /// <summary>All passes over a full query, as a plan.</summary>
    public static Plan Optimize(Query query, IQuadStore store) => DihNode.Rdf.Sparql.Optimizer.Optimizer.Optimize(query.ToAlgebra(), Context(store));

    public static string Iri(string local) => "<" + Ex + local + ">";

    public static Term Term(string local) => DihNode.Rdf.Model.Iri.FromTrusted(Ex + local);
}
