using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Sparql.Evaluation;

internal sealed partial class Evaluator
{
    /// <summary>
    /// Rows of a right-hand side evaluated alone, indexed by the slots both sides always bind (when
    /// there are any): the build side of a hash join, left join or MINUS.
    /// </summary>
    private sealed class HashSide
    {
        public required int[] KeySlots;
        public required List<int[]> Rows;
        public Dictionary<int[], List<int[]>>? Index;

        public IEnumerable<int[]> Candidates(int[] probe)
        {
            if (Index is null) return Rows;
            var key = new int[KeySlots.Length];
            for (int i = 0; i < key.Length; i++)
            {
                key[i] = probe[KeySlots[i]];
                if (key[i] == 0) return Rows;
            }
            return Index.TryGetValue(key, out List<int[]>? list) ? list : [];
        }
    }

    private HashSide Build(Op left, Op right, int graph)
    {
        List<int[]> rows = Materialize(right, graph);
        var keys = new HashSet<int>(_analysis.Sets(left).Certain);
        keys.IntersectWith(_analysis.Sets(right).Certain);
        int[] keySlots = [.. keys.Order()];
        var side = new HashSide { KeySlots = keySlots, Rows = rows };
        if (keySlots.Length > 0 && rows.Count > 8)
        {
            side.Index = new Dictionary<int[], List<int[]>>(RowComparer.Instance);
            foreach (int[] row in rows)
            {
                int[] key = [.. keySlots.Select(s => row[s])];
                if (!side.Index.TryGetValue(key, out List<int[]>? list)) side.Index[key] = list = [];
                list.Add(row);
            }
        }
        return side;
    }

    /// <summary>
    /// Join (§18.5): index nested loops with the left row substituted into the right side when that
    /// is safe (see <see cref="VariableAnalysis"/>), otherwise a hash join on the right side's rows.
    /// </summary>
    private IEnumerable<int[]> EvalJoin(Join j, int[] seed, int graph) => JoinRows(j, Eval(j.Left, seed, graph), graph);

    private IEnumerable<int[]> JoinRows(Join j, IEnumerable<int[]> leftRows, int graph)
    {
        if (_analysis.Substitutes(j))
        {
            foreach (int[] left in leftRows)
                foreach (int[] row in Eval(j.Right, left, graph))
                    yield return row;
            yield break;
        }
        HashSide side = Build(j.Left, j.Right, graph);
        foreach (int[] left in leftRows)
            foreach (int[] right in side.Candidates(left))
                if (Merge(left, right) is int[] merged)
                {
                    _context.Tick();
                    yield return merged;
                }
    }

    /// <summary>
    /// LeftJoin(Ω1, Ω2, expr) (§18.5): each left row extended by the compatible right rows for which
    /// the condition holds on the merged row; kept alone when there is none.
    /// </summary>
    private IEnumerable<int[]> EvalLeftJoin(LeftJoin l, int[] seed, int graph) => LeftJoinRows(l, Eval(l.Left, seed, graph), graph);

    private IEnumerable<int[]> LeftJoinRows(LeftJoin l, IEnumerable<int[]> leftRows, int graph)
    {
        if (_analysis.Substitutes(l))
        {
            foreach (int[] left in leftRows)
            {
                bool any = false;
                foreach (int[] row in Eval(l.Right, left, graph))
                {
                    if (l.Condition is not null && !_expressions.Test(l.Condition, row, graph)) continue;
                    any = true;
                    yield return row;
                }
                if (!any) yield return left;
            }
            yield break;
        }
        HashSide side = Build(l.Left, l.Right, graph);
        foreach (int[] left in leftRows)
        {
            bool any = false;
            foreach (int[] right in side.Candidates(left))
            {
                if (Merge(left, right) is not int[] merged) continue;
                if (l.Condition is not null && !_expressions.Test(l.Condition, merged, graph)) continue;
                any = true;
                _context.Tick();
                yield return merged;
            }
            if (!any) yield return left;
        }
    }

    /// <summary>Minus (§18.5): left rows with no compatible right row sharing a bound variable.</summary>
    private IEnumerable<int[]> EvalMinus(Minus m, int[] seed, int graph)
    {
        HashSide side = Build(m.Left, m.Right, graph);
        foreach (int[] left in Eval(m.Left, seed, graph))
        {
            bool removed = false;
            foreach (int[] right in side.Candidates(left))
            {
                if (SharesVariable(left, right) && Compatible(left, right)) { removed = true; break; }
            }
            if (!removed) yield return left;
        }
    }

    private static bool SharesVariable(int[] a, int[] b)
    {
        for (int i = 0; i < a.Length; i++)
            if (a[i] != 0 && b[i] != 0) return true;
        return false;
    }
}
