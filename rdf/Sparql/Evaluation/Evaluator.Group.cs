using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation.Expressions;
using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Sparql.Evaluation;

internal sealed partial class Evaluator
{
    /// <summary>
    /// Group and Aggregation (§18.5 Group, Aggregation): rows are grouped by the values of the keys (an
    /// error is its own key value, like unbound); with no keys, all rows form one group, even none.
    /// Each group gives one row binding the key variables and the aggregates' variables.
    /// </summary>
    private IEnumerable<int[]> EvalGroup(Group g, int graph)
    {
        var groups = new Dictionary<int[], List<int[]>>(RowComparer.Instance);
        var order = new List<int[]>();
        foreach (int[] row in Eval(g.Input, _context.NewRow(), graph))
        {
            _context.Materialize();
            var key = new int[g.Keys.Count];
            for (int i = 0; i < key.Length; i++)
                key[i] = _expressions.Evaluate(g.Keys[i].Expression, row, graph) is Term t ? _context.Encode(t) : 0;
            if (!groups.TryGetValue(key, out List<int[]>? members))
            {
                groups[key] = members = [];
                order.Add(key);
            }
            members.Add(row);
        }
        if (g.Keys.Count == 0 && order.Count == 0)
        {
            groups[[]] = [];
            order.Add([]);
        }
        foreach (int[] key in order)
        {
            List<int[]> members = groups[key];
            int[] result = _context.NewRow();
            for (int i = 0; i < key.Length; i++)
                if (g.Keys[i].Variable is Variable v && key[i] != 0) result[_context.Slot(v)] = key[i];
            foreach (AggregateBinding a in g.Aggregates)
                if (Aggregate(a.Aggregate, members, graph) is Term value) result[_context.Slot(a.Variable)] = _context.Encode(value);
            yield return result;
        }
    }

    /// <summary>One aggregate over a group (§18.5.1); null is an error (the variable stays unbound).</summary>
    private Term? Aggregate(AggregateExpression a, List<int[]> members, int graph)
    {
        if (a.Argument is null)
        {
            // COUNT(*) and COUNT(DISTINCT *): rows, or distinct rows.
            long rows = a.Distinct ? members.Distinct(RowComparer.Instance).LongCount() : members.Count;
            return Integer(rows);
        }
        var values = new List<Term?>(members.Count);
        HashSet<Term>? seen = a.Distinct ? [] : null;
        foreach (int[] row in members)
        {
            Term? value = _expressions.Evaluate(a.Argument, row, graph);
            if (value is not null && seen is not null && !seen.Add(value)) continue;
            values.Add(value);
        }
        switch (a.Name)
        {
            case "COUNT": return Integer(values.Count(v => v is not null));
            case "SUM":
                {
                    var sum = new AggregateValues.Sum();
                    foreach (Term? v in values)
                        if (v is not null) sum.Add(v);
                    return sum.Result;
                }
            case "AVG":
                {
                    var sum = new AggregateValues.Sum();
                    long count = 0;
                    foreach (Term? v in values)
                        if (v is not null) { sum.Add(v); count++; }
                    return sum.Average(count);
                }
            case "MIN":
                {
                    Term? best = null;
                    foreach (Term? v in values) best = AggregateValues.Min(best, v);
                    return best;
                }
            case "MAX":
                {
                    Term? best = null;
                    foreach (Term? v in values) best = AggregateValues.Max(best, v);
                    return best;
                }
            case "SAMPLE": return values.FirstOrDefault(v => v is not null);
            case "GROUP_CONCAT": return AggregateValues.GroupConcat(values.Where(v => v is not null), a.Separator ?? " ");
            default: return null;
        }
    }

    private static Literal Integer(long n) =>
        Literal.Typed(n.ToString(System.Globalization.CultureInfo.InvariantCulture), Vocabulary.Xsd.Integer);
}
