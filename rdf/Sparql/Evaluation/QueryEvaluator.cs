using DihNode.Rdf.Model;
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
    /// store may change while the result is read). The dataset is the query's FROM / FROM NAMED graphs
    /// when it has any, else the store's default graph and all its named graphs (§13.2).
    /// </summary>
    public static QueryResult Execute(Query query, IQuadStore store, QueryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(store);
        options ??= QueryOptions.Default;
        var context = new EvaluationContext(store, options, query.From, query.FromNamed);
        string? baseIri = query.BaseIri ?? options.BaseIri;
        var evaluator = new Evaluator(context, baseIri is null ? null : Iri.FromTrusted(baseIri));
        Op root = query.ToAlgebra();
        evaluator.Analysis.Prepare(root);
        context.CheckLimits();
        switch (query.Form)
        {
            case QueryForm.Select:
                {
                    List<Variable> variables = StaticRules.Projected(query);
                    int[] slots = [.. variables.Select(context.Slot)];
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

    private static IEnumerable<Term?[]> SelectRows(Evaluator evaluator, Op root, int[] slots)
    {
        EvaluationContext context = evaluator.Context;
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
