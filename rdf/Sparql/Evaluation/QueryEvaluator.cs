using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Optimizer;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Rdf.Store;

namespace DihNode.Rdf.Sparql.Evaluation;

/// <summary>
/// Runs a parsed query against a quad store (Query §16 query forms, §18 evaluation). SELECT rows and
/// CONSTRUCT / DESCRIBE triples are produced lazily while the result is enumerated; limits in
/// <see cref="QueryOptions"/> apply from this call until the enumeration ends.
/// </summary>
public static class QueryEvaluator
{
    /// <summary>
    /// Evaluates <paramref name="query"/> over <paramref name="store"/> (take a snapshot first if the
    /// store may change while the result is read). The dataset is the one in the options when given,
    /// else the query's FROM / FROM NAMED graphs when it has any, else the store's default graph and
    /// all its named graphs (§13.2).
    /// </summary>
    public static QueryResult Execute(Query query, IQuadStore store, QueryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(store);
        options ??= QueryOptions.Default;
        // The protocol's dataset, when given, replaces the query's (SPARQL 1.1 Protocol §2.1.4).
        bool protocolDataset = options.DefaultGraphs is not null || options.NamedGraphs is not null;
        var context = protocolDataset
            ? new EvaluationContext(store, options, options.DefaultGraphs ?? [], options.NamedGraphs ?? [])
            : new EvaluationContext(store, options, query.From, query.FromNamed);
        string? baseIri = query.BaseIri ?? options.BaseIri;
        var evaluator = new Evaluator(context, baseIri is null ? null : Iri.FromTrusted(baseIri));
        Op root = Optimize(query.ToAlgebra(), evaluator, options);
        evaluator.Analysis.Prepare(root);
        List<Variable> variables = query.Form == QueryForm.Select ? StaticRules.Projected(query) : [];
        int[] slots = [.. variables.Select(context.Slot)];
        context.Seal();
        context.CheckLimits();
        switch (query.Form)
        {
            case QueryForm.Select:
                {
                    return new SelectResult(variables, SelectRows(evaluator, root, slots));
                }
            case QueryForm.Ask:
                return new AskResult(evaluator.Exists(root, context.NewRow(), EvaluationContext.DefaultGraph));
            case QueryForm.Construct:
                return new GraphResult(QueryForms.Construct(evaluator, root, query.Template));
            default:
                return new GraphResult(QueryForms.Describe(evaluator, root, query));
        }
    }

    /// <summary>
    /// The solutions of a graph pattern's algebra over the store's default graph and named graphs
    /// (e.g. a SERVICE pattern received from a peer): every variable the pattern may bind, in order of
    /// first appearance, without the blank-node and path variables the translation introduced.
    /// </summary>
    public static SelectResult Evaluate(Op pattern, IQuadStore store, QueryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(store);
        options ??= QueryOptions.Default;
        var context = new EvaluationContext(store, options, [], []);
        var evaluator = new Evaluator(context, options.BaseIri is null ? null : Iri.FromTrusted(options.BaseIri));
        // Slots are allocated in the pattern's own order first, so the variables come out as written.
        HashSet<int> maybe = evaluator.Analysis.Sets(pattern).Maybe;
        Op root = Optimize(pattern, evaluator, options);
        evaluator.Analysis.Prepare(root);
        context.Seal();
        int[] slots = [.. maybe.Order()
            .Where(s => !IsInternal(context.Variables[s]))];
        List<Variable> variables = [.. slots.Select(s => context.Variables[s])];
        return new SelectResult(variables, SelectRows(evaluator, root, slots));
    }

    /// <summary>
    /// Runs the optimiser's passes (Sparql/Optimizer) over the algebra with the dataset's counts and
    /// the evaluator's expression semantics for constant folding; hands the plan to the evaluator.
    /// </summary>
    private static Op Optimize(Op algebra, Evaluator evaluator, QueryOptions options)
    {
        if (!options.Optimize) return algebra;
        EvaluationContext context = evaluator.Context;
        var optimizerContext = new OptimizerContext(
            new DatasetStatistics(context),
            e => evaluator.Expressions.Evaluate(e, context.NewRow(), EvaluationContext.DefaultGraph));
        Plan plan = Optimizer.Optimizer.Optimize(algebra, optimizerContext, options.DisabledOptimizerPasses);
        evaluator.Plan = plan;
        return plan.Root;
    }

    /// <summary>Variables no query can name: blank nodes ("_:b"), path steps ("?P0"), aggregates (".0").</summary>
    private static bool IsInternal(Variable v) => v.Name.StartsWith("_:", StringComparison.Ordinal) || v.Name is ['?' or '.', ..];

    private static IEnumerable<Term?[]> SelectRows(Evaluator evaluator, Op root, int[] slots)
    {
        EvaluationContext context = evaluator.Context;
        // Only the projected slots are read below: a projection at the root need not copy each row.
        if (root is Project { Input: var input }) root = input;
        foreach (int[] row in evaluator.Eval(root, context.NewRow(), EvaluationContext.DefaultGraph))
        {
            var cells = new Term?[slots.Length];
            for (int i = 0; i < slots.Length; i++)
                if (row[slots[i]] != 0) cells[i] = context.Decode(row[slots[i]]);
            yield return cells;
        }
        context.CheckLimits();
    }
}
