using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Optimizer;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Rdf.Store;

namespace DihNode.Rdf.Sparql.Evaluation;

internal sealed partial class Evaluator
{
    /// <summary>How one position of a triple pattern is filled at its level of the nested loop.</summary>
    private enum Fill : byte { Constant, Read, Bind, Check }

    /// <summary>A triple pattern over ids: per position a constant id or a slot, and how it is filled.</summary>
    private sealed class PatternPlan
    {
        public readonly int[] Ids = new int[3];
        public readonly int[] Slots = [-1, -1, -1];
        public readonly Fill[] Fills = new Fill[3];
        public long Count;
    }

    /// <summary>
    /// A basic graph pattern (§18.4 eval(D(G), BGP)) as an index nested-loop join over the store: the
    /// patterns are ordered greedily by their exact counts (constants and seed bindings applied), a
    /// pattern joined to what is already bound being cheaper than its count says; each level binds
    /// the slots its pattern introduces.
    /// </summary>
    /// <remarks>
    /// With <paramref name="graph"/> = <see cref="EvaluationContext.AnyNamedGraph"/> (GRAPH ?g over a
    /// BGP), the first pattern is scanned across all named graphs at once and binds
    /// <paramref name="graphSlot"/>; the later patterns read that graph.
    /// With <paramref name="shareRow"/>, every solution is the same array, overwritten by the next:
    /// for a consumer that reads each row before asking for another and keeps none (grouping).
    /// </remarks>
    private IEnumerable<int[]> EvalBgp(Bgp bgp, int[] seed, int graph, int graphSlot = -1, bool shareRow = false)
    {
        int n = bgp.Triples.Count;
        if (n == 0)
        {
            yield return seed;
            yield break;
        }
        if (PrepareBgp(bgp, seed, graph) is not BgpLevels levels) yield break;
        var loop = new BgpLoop(this, levels, seed, graph, graphSlot);
        while (loop.Next())
        {
            _context.Tick();
            yield return shareRow ? loop.Row : (int[])loop.Row.Clone();
        }
    }

    /// <summary>The levels of a BGP's nested loop, the first possibly merge-joined with a sorted run.</summary>
    private sealed record BgpLevels(PatternPlan[] Order, SortedRun? Members, int MemberPosition);

    /// <summary>
    /// The patterns of a non-empty BGP with constants and seed bindings as ids, in join order, each
    /// position's <see cref="Fill"/> set; null when some pattern cannot match (an unknown constant,
    /// an empty count).
    /// </summary>
    private BgpLevels? PrepareBgp(Bgp bgp, int[] seed, int graph)
    {
        int n = bgp.Triples.Count;
        bool planned = Plan.IsOrdered(bgp);
        var plans = new PatternPlan[n];
        for (int i = 0; i < n; i++)
        {
            TriplePattern t = bgp.Triples[i];
            var plan = new PatternPlan();
            ReadOnlySpan<Term> terms = [t.Subject, t.Predicate, t.Obj];
            for (int k = 0; k < 3; k++)
            {
                Term term = terms[k];
                if (VariableAnalysis.IsVariable(term))
                {
                    int slot = _analysis.SlotOf(term);
                    if (seed[slot] != 0) plan.Ids[k] = seed[slot];
                    else plan.Slots[k] = slot;
                }
                else if (!_context.Store.TryGetId(term, out plan.Ids[k])) return null;
                if (plan.Ids[k] < 0) return null;
            }
            if (n > 1 && !planned)
            {
                // Counts only order the patterns; a single pattern, or an order the optimiser fixed, is simply scanned.
                plan.Count = _context.Count(plan.Ids[0], plan.Ids[1], plan.Ids[2], graph);
                if (plan.Count == 0) return null;
            }
            plans[i] = plan;
        }
        PatternPlan[] order = OrderPatterns(plans, planned);
        if (n >= 2 && graph != EvaluationContext.AnyNamedGraph && _context.Uses(EvaluationShortcuts.SortedRunJoins)
            && TryMergeJoin(order, graph, out SortedRun? members, out int position, out PatternPlan? merged))
        {
            // The first two levels become one: the second pattern's range, filtered by the first's ids.
            return new BgpLevels([merged!, .. order[2..]], members, position);
        }
        return new BgpLevels(order, null, -1);

    }

    private ScanCursor Open(PatternPlan plan, int[] row, int graph)
    {
        int s = plan.Fills[0] == Fill.Read ? row[plan.Slots[0]] : plan.Ids[0];
        int p = plan.Fills[1] == Fill.Read ? row[plan.Slots[1]] : plan.Ids[1];
        int o = plan.Fills[2] == Fill.Read ? row[plan.Slots[2]] : plan.Ids[2];
        return _context.Scan(s, p, o, graph);
    }

    /// <summary>
    /// Greedy join order by <see cref="Selectivity"/> (the written order when the optimiser fixed
    /// it): start with the smallest count; then prefer patterns sharing a bound variable. Fills in
    /// how each position is read or bound at its level.
    /// </summary>
    private static PatternPlan[] OrderPatterns(PatternPlan[] plans, bool planned)
    {
        int n = plans.Length;
        var order = new PatternPlan[n];
        var used = new bool[n];
        var bound = new HashSet<int>();
        Span<bool> positions = stackalloc bool[3];
        for (int step = 0; step < n; step++)
        {
            int best = planned ? step : -1;
            double bestScore = double.MaxValue;
            for (int i = 0; i < n && !planned; i++)
            {
                if (used[i]) continue;
                PatternPlan p = plans[i];
                bool hasVariable = false;
                for (int k = 0; k < 3; k++)
                {
                    hasVariable |= p.Slots[k] >= 0;
                    positions[k] = p.Slots[k] >= 0 && bound.Contains(p.Slots[k]);
                }
                double score = Selectivity.Score(p.Count, positions, hasVariable, bound.Count > 0);
                if (score < bestScore) { bestScore = score; best = i; }
            }
            used[best] = true;
            PatternPlan chosen = plans[best];
            for (int k = 0; k < 3; k++)
            {
                int slot = chosen.Slots[k];
                if (slot < 0) chosen.Fills[k] = Fill.Constant;
                else if (bound.Contains(slot)) chosen.Fills[k] = Fill.Read;
                else
                {
                    bool earlier = (k > 0 && chosen.Slots[0] == slot) || (k > 1 && chosen.Slots[1] == slot);
                    chosen.Fills[k] = earlier ? Fill.Check : Fill.Bind;
                }
            }
            for (int k = 0; k < 3; k++)
                if (chosen.Slots[k] >= 0) bound.Add(chosen.Slots[k]);
            order[step] = chosen;
        }
        return order;
    }
}
