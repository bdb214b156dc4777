using System.Runtime.CompilerServices;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation.Expressions;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Rdf.Store;

namespace DihNode.Rdf.Sparql.Evaluation;

internal sealed partial class Evaluator
{
    /// <summary>
    /// GROUP BY variables with COUNT aggregates only (§18.5.1 Count, not DISTINCT, of * or of a
    /// variable) over a BGP that is one index scan (one pattern, or two merge-joined: see
    /// <see cref="TryMergeJoin"/>): counted on the store's ids as the scan goes, with no solution
    /// row built and no term decoded; only the counts become terms, one per group. Null when the
    /// query is not of this shape (the general <see cref="EvalGroup"/> then runs).
    /// </summary>
    private List<int[]>? TryCountByIds(Group g, int graph)
    {
        if (g.Input is not Bgp { Triples.Count: > 0 } bgp || graph == EvaluationContext.AnyNamedGraph
            || !_context.Uses(EvaluationShortcuts.IdCounting))
            return null;
        var keySlots = new int[g.Keys.Count];
        for (int i = 0; i < keySlots.Length; i++)
        {
            if (g.Keys[i].Expression is not VariableExpression v) return null;
            keySlots[i] = _context.Slot(v.Variable);
        }
        var countSlots = new int[g.Aggregates.Count]; // -1: COUNT(*)
        for (int i = 0; i < countSlots.Length; i++)
        {
            AggregateExpression a = g.Aggregates[i].Aggregate;
            if (a.Name != "COUNT" || a.Distinct) return null;
            if (a.Argument is null) countSlots[i] = -1;
            else if (a.Argument is VariableExpression v) countSlots[i] = _context.Slot(v.Variable);
            else return null;
        }
        // Preparing the BGP may build a merge join's run: only when the whole BGP is one scan after it.
        if (bgp.Triples.Count > 2) return null;
        int[] seed = _context.NewRow();
        var groups = new Dictionary<int[], long[]>(RowComparer.Instance);
        var order = new List<int[]>();
        BgpLevels? levels = PrepareBgp(bgp, seed, graph);
        if (levels is { Order.Length: > 1 }) return null; // two levels: the general path joins them
        if (levels is not null) Count(levels, graph, keySlots, countSlots, groups, order);
        if (g.Keys.Count == 0 && order.Count == 0)
        {
            groups[[]] = new long[countSlots.Length];
            order.Add([]);
        }
        var rows = new List<int[]>(order.Count);
        foreach (int[] key in order)
        {
            int[] result = _context.NewRow();
            for (int i = 0; i < key.Length; i++)
                if (g.Keys[i].Variable is Variable v && key[i] != 0) result[_context.Slot(v)] = key[i];
            long[] counts = groups[key];
            for (int i = 0; i < counts.Length; i++) result[_context.Slot(g.Aggregates[i].Variable)] = _context.Encode(Integer(counts[i]));
            rows.Add(result);
        }
        return rows;
    }

    /// <summary>The scan of a one-level BGP, each quad's bindings counted under its key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Count(BgpLevels levels, int graph, int[] keySlots, int[] countSlots, Dictionary<int[], long[]> groups, List<int[]> order)
    {
        PatternPlan plan = levels.Order[0];
        int[] row = _context.NewRow();
        ScanCursor cursor = Open(plan, row, graph);
        if (levels.Members is not null) cursor = cursor.WithMembers(levels.Members, levels.MemberPosition);
        var scratch = new int[keySlots.Length];
        var lastKey = new int[keySlots.Length];
        long[]? last = null;
        while (cursor.MoveNext())
        {
            EncodedQuad q = cursor.Current;
            bool ok = true;
            for (int k = 0; k < 3 && ok; k++)
            {
                Fill fill = plan.Fills[k];
                if (fill == Fill.Constant) continue;
                int value = k == 0 ? q.S : k == 1 ? q.P : q.O;
                if (fill == Fill.Bind) row[plan.Slots[k]] = value;
                else ok = row[plan.Slots[k]] == value;
            }
            if (!ok) continue;
            _context.Tick();
            for (int i = 0; i < scratch.Length; i++) scratch[i] = row[keySlots[i]];
            long[]? counts;
            if (last is not null && scratch.AsSpan().SequenceEqual(lastKey)) counts = last;
            else
            {
                if (!groups.TryGetValue(scratch, out counts))
                {
                    _context.Materialize();
                    int[] key = (int[])scratch.Clone();
                    groups[key] = counts = new long[countSlots.Length];
                    order.Add(key);
                }
                scratch.CopyTo(lastKey, 0);
                last = counts;
            }
            for (int i = 0; i < countSlots.Length; i++)
                if (countSlots[i] < 0 || row[countSlots[i]] != 0) counts[i]++;
        }
    }
}
