using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Sparql.Optimizer;

/// <summary>
/// Join ordering of basic graph patterns from the dataset's exact pattern counts: greedily, the
/// cheapest pattern by <see cref="Selectivity"/> given what is already bound (by earlier patterns,
/// or by the left side of a join whose right side takes the left row substituted). Then each
/// condition of a filter over the BGP is placed right after the pattern that binds the last of its
/// variables: the BGP is cut there into a join of the two parts, the filter on the first part.
/// The evaluator keeps the chosen order. Order never changes a BGP's solutions (§18.4: a BGP is a
/// conjunction), and a filter's value on a row does not change once its variables are bound.
/// </summary>
internal sealed class BgpOrdering : IOptimizerPass
{
    public string Name => "bgp-ordering";

    public Op Rewrite(Op op, OptimizerContext context) =>
        context.Statistics is null ? op : Order(op, [], null, context);

    /// <param name="outer">Variables an outer row binds when this operator is evaluated.</param>
    /// <param name="graph">The active graph: null the default graph, an IRI or a variable (GRAPH).</param>
    private static Op Order(Op op, HashSet<Term> outer, Term? graph, OptimizerContext context)
    {
        switch (op)
        {
            case Bgp { Triples.Count: > 0 } b:
                return OrderBgp(b, [], outer, graph, context);
            case Filter { Input: Bgp { Triples.Count: > 0 } b } f:
                return OrderBgp(b, f.Conditions, outer, graph, context);
            case Join j:
                {
                    Op left = Order(j.Left, outer, graph, context);
                    HashSet<Term> rightOuter = Substituted(j.Right, outer, left);
                    Op right = Order(j.Right, rightOuter, graph, context);
                    return ReferenceEquals(left, j.Left) && ReferenceEquals(right, j.Right) ? j : new Join(left, right);
                }
            case LeftJoin l:
                {
                    Op left = Order(l.Left, outer, graph, context);
                    Op right = Order(l.Right, Substituted(l.Right, outer, left), graph, context);
                    return ReferenceEquals(left, l.Left) && ReferenceEquals(right, l.Right) ? l : l with { Left = left, Right = right };
                }
            case Minus m:
                {
                    Op left = Order(m.Left, outer, graph, context), right = Order(m.Right, [], graph, context);
                    return ReferenceEquals(left, m.Left) && ReferenceEquals(right, m.Right) ? m : new Minus(left, right);
                }
            case Graph g:
                return AlgebraRewriter.MapChildren(g, c => Order(c, outer, g.Name, context));
            case Union or Filter or Extend:
                return AlgebraRewriter.MapChildren(op, c => Order(c, outer, graph, context));
            default:
                // Sub-selects, groups, modifiers, SERVICE: evaluated on their own.
                return AlgebraRewriter.MapChildren(op, c => Order(c, [], graph, context));
        }
    }

    /// <summary>
    /// The variables bound when <paramref name="right"/> is evaluated with the left row substituted:
    /// the left side's certain variables when the right side is made of patterns (the evaluator then
    /// substitutes into patterns), else only the outer ones.
    /// </summary>
    private static HashSet<Term> Substituted(Op right, HashSet<Term> outer, Op left) =>
        OnlyPatterns(right) ? [.. outer, .. VariableScope.Certain(left)] : outer;

    private static bool OnlyPatterns(Op op) => op switch
    {
        Bgp or PathOp => true,
        Join j => OnlyPatterns(j.Left) && OnlyPatterns(j.Right),
        Union u => OnlyPatterns(u.Left) && OnlyPatterns(u.Right),
        Filter f => OnlyPatterns(f.Input) && f.Conditions.All(c => VariableScope.Read(c).IsSubsetOf(VariableScope.Certain(f.Input))),
        _ => false,
    };

    private static Op OrderBgp(Bgp bgp, IReadOnlyList<Expression> conditions, HashSet<Term> outer, Term? graph, OptimizerContext context)
    {
        IStatistics statistics = context.Statistics!;
        IReadOnlyList<TriplePattern> triples = bgp.Triples;
        int n = triples.Count;
        var counts = new long[n];
        for (int i = 0; i < n; i++)
        {
            TriplePattern t = triples[i];
            counts[i] = statistics.Count(Constant(t.Subject), Constant(t.Predicate), Constant(t.Obj), graph);
        }
        // Filters over the BGP's own variables: a pattern that lets one be tested is preferred on a tie
        // (and a little beyond), since the filter then cuts the rows the later patterns extend.
        HashSet<Term> own = VariableScope.Certain(bgp);
        List<HashSet<Term>> pending = [.. conditions.Select(VariableScope.Read).Where(r => r.Count > 0 && r.IsSubsetOf(own))];
        var order = new List<TriplePattern>(n);
        var used = new bool[n];
        var bound = new HashSet<Term>(outer);
        Span<bool> positions = stackalloc bool[3];
        for (int step = 0; step < n; step++)
        {
            int best = -1;
            double bestScore = double.MaxValue;
            for (int i = 0; i < n; i++)
            {
                if (used[i]) continue;
                TriplePattern t = triples[i];
                bool hasVariable = false;
                int k = 0;
                foreach (Term term in (ReadOnlySpan<Term>)[t.Subject, t.Predicate, t.Obj])
                {
                    bool variable = term is Variable or BlankNode;
                    hasVariable |= variable;
                    positions[k++] = variable && bound.Contains(term);
                }
                double score = Selectivity.Score(counts[i], positions, hasVariable, bound.Count > 0);
                if (pending.Count > 0 && pending.Exists(r => Completes(r, bound, t))) score *= FilterBonus;
                if (score < bestScore) { bestScore = score; best = i; }
            }
            used[best] = true;
            order.Add(triples[best]);
            foreach (Term term in (ReadOnlySpan<Term>)[triples[best].Subject, triples[best].Predicate, triples[best].Obj])
                if (term is Variable or BlankNode) bound.Add(term);
            pending.RemoveAll(r => r.IsSubsetOf(bound));
        }
        return PlaceFilters(order, conditions, context);
    }

    /// <summary>
    /// The ordered patterns with each condition right after the pattern binding the last BGP variable
    /// it reads. A condition that reads anything else (outer variables, unbound ones) stays on top.
    /// </summary>
    private static Op PlaceFilters(List<TriplePattern> order, IReadOnlyList<Expression> conditions, OptimizerContext context)
    {
        int n = order.Count;
        var at = new List<Expression>[n];
        for (int i = 0; i < n; i++) at[i] = [];
        var all = VariableScope.Certain(new Bgp(order));
        foreach (Expression c in conditions)
        {
            HashSet<Term> read = VariableScope.Read(c);
            int place = n - 1;
            if (read.IsSubsetOf(all))
            {
                var seen = new HashSet<Term>();
                for (int i = 0; i < n; i++)
                {
                    foreach (Term term in (ReadOnlySpan<Term>)[order[i].Subject, order[i].Predicate, order[i].Obj]) seen.Add(term);
                    if (read.IsSubsetOf(seen)) { place = i; break; }
                }
            }
            at[place].Add(c);
        }
        Op? result = null;
        int start = 0;
        for (int i = 0; i < n; i++)
        {
            if (at[i].Count == 0 && i < n - 1) continue;
            var chunk = new Bgp(order.GetRange(start, i + 1 - start));
            context.OrderedBgps.Add(chunk);
            result = result is null ? chunk : new Join(result, chunk);
            if (at[i].Count > 0) result = new Filter(at[i], result);
            start = i + 1;
        }
        return result!;
    }

    /// <summary>The assumed fraction of rows a filter keeps, applied to the pattern that makes it testable.</summary>
    private const double FilterBonus = 0.5;

    /// <summary>Whether binding the pattern's variables makes every variable of <paramref name="read"/> bound.</summary>
    private static bool Completes(HashSet<Term> read, HashSet<Term> bound, TriplePattern t)
    {
        foreach (Term v in read)
            if (!bound.Contains(v) && !v.Equals(t.Subject) && !v.Equals(t.Predicate) && !v.Equals(t.Obj)) return false;
        return true;
    }

    private static Term? Constant(Term t) => t is Variable or BlankNode ? null : t;
}
