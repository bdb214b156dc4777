using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Optimizer;
using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Sparql.Evaluation;

/// <summary>
/// Pull-based evaluation of the SPARQL algebra (Query §18.5) over rows of term ids, one slot per
/// variable, 0 meaning unbound. <see cref="Eval"/> takes a seed row: operators that can take the
/// bindings of a left-hand side substituted in (patterns, unions, filters over them) extend the
/// seed; the others are evaluated alone and their rows joined with it. Only ORDER BY, grouping,
/// DISTINCT, MINUS and hash-join build sides hold rows.
/// </summary>
internal sealed partial class Evaluator
{
    private readonly EvaluationContext _context;
    private readonly VariableAnalysis _analysis;
    private readonly ExpressionHost _expressions;
    private readonly Dictionary<(Op, int), List<int[]>> _materialized = new(new OpGraphComparer());

    public Evaluator(EvaluationContext context, Iri? baseIri)
    {
        _context = context;
        _analysis = new VariableAnalysis(context);
        _expressions = new ExpressionHost(context, this, baseIri);
    }

    public EvaluationContext Context => _context;

    public VariableAnalysis Analysis => _analysis;

    public ExpressionHost Expressions => _expressions;

    /// <summary>The optimiser's plan (BGP orders, join choices); unoptimised by default.</summary>
    public Plan Plan
    {
        get => _analysis.JoinPlan;
        set => _analysis.JoinPlan = value;
    }

    /// <summary>The solutions of <paramref name="op"/> compatible with and extending <paramref name="seed"/>, in <paramref name="graph"/>.</summary>
    public IEnumerable<int[]> Eval(Op op, int[] seed, int graph) => op switch
    {
        Bgp b => EvalBgp(b, seed, graph),
        PathOp p => EvalPath(p, seed, graph),
        Join j => EvalJoin(j, seed, graph),
        LeftJoin l => EvalLeftJoin(l, seed, graph),
        Filter f => EvalFilter(f, seed, graph),
        Union u => EvalUnion(u, seed, graph),
        Minus m => EvalMinus(m, seed, graph),
        Graph g => EvalGraph(g, seed, graph),
        Extend x => EvalExtend(x, seed, graph),
        Table t => EvalTable(t, seed),
        Service s => EvalService(s, seed),
        ToMultiset m => IsEmpty(seed) ? Eval(m.Input, seed, graph) : JoinSeed(Materialize(m.Input, graph), seed),
        Group g => Seeded(g, seed, graph, () => EvalGroup(g, graph)),
        OrderBy o => Seeded(o, seed, graph, () => EvalOrderBy(o, graph)),
        Project p => Seeded(p, seed, graph, () => EvalProject(p, graph)),
        Distinct d => Seeded(d, seed, graph, () => EvalDistinct(d, graph)),
        Reduced r => Seeded(r, seed, graph, () => EvalReduced(r, graph)),
        Slice s => Seeded(s, seed, graph, () => EvalSlice(s, graph)),
        _ => throw new NotSupportedException("Unknown algebra operator " + op.GetType().Name),
    };

    /// <summary>EXISTS (§18.6): whether the pattern has a solution with the row substituted.</summary>
    public bool Exists(Op pattern, int[] row, int graph)
    {
        using IEnumerator<int[]> e = Eval(pattern, row, graph).GetEnumerator();
        return e.MoveNext();
    }

    private static bool IsEmpty(int[] row)
    {
        foreach (int v in row)
            if (v != 0) return false;
        return true;
    }

    /// <summary>
    /// An operator with its own scope (a sub-select's modifiers) evaluated alone, then joined with the
    /// seed; its rows are kept, since such seeds come one per outer row (EXISTS, a GRAPH, a join).
    /// </summary>
    private IEnumerable<int[]> Seeded(Op op, int[] seed, int graph, Func<IEnumerable<int[]>> alone) =>
        IsEmpty(seed) ? alone() : JoinSeed(Materialize(op, graph), seed);

    private static IEnumerable<int[]> JoinSeed(IEnumerable<int[]> rows, int[] seed)
    {
        bool empty = IsEmpty(seed);
        foreach (int[] row in rows)
        {
            if (empty) yield return row;
            else if (Merge(seed, row) is int[] merged) yield return merged;
        }
    }

    /// <summary>The union of two compatible rows (§18.3 compatible mappings), or null.</summary>
    private static int[]? Merge(int[] a, int[] b)
    {
        int[]? result = null;
        for (int i = 0; i < a.Length; i++)
        {
            int x = a[i], y = b[i];
            if (y == 0 || x == y) continue;
            if (x != 0) return null;
            result ??= (int[])a.Clone();
            result[i] = y;
        }
        return result ?? a;
    }

    private static bool Compatible(int[] a, int[] b)
    {
        for (int i = 0; i < a.Length; i++)
            if (a[i] != 0 && b[i] != 0 && a[i] != b[i]) return false;
        return true;
    }

    /// <summary>The rows of an operator evaluated alone (no seed), kept for the rest of the query.</summary>
    private List<int[]> Materialize(Op op, int graph)
    {
        if (_materialized.TryGetValue((op, graph), out List<int[]>? rows)) return rows;
        rows = [];
        foreach (int[] row in Eval(op, _context.NewRow(), graph))
        {
            _context.Materialize();
            rows.Add(row);
        }
        _materialized[(op, graph)] = rows;
        return rows;
    }

    /// <summary>Filter (§18.5): the input's rows for which every condition holds.</summary>
    private IEnumerable<int[]> EvalFilter(Filter f, int[] seed, int graph)
    {
        // Over a BGP the conditions read its solutions in place, and only the rows kept are copied.
        bool inPlace = f.Input is Bgp { Triples.Count: > 0 } bgp && _context.Uses(EvaluationShortcuts.InPlaceGrouping);
        IEnumerable<int[]> rows = inPlace ? EvalBgp((Bgp)f.Input, seed, graph, shareRow: true) : Eval(f.Input, seed, graph);
        foreach (int[] row in rows)
        {
            bool pass = true;
            foreach (Expression c in f.Conditions)
                if (!_expressions.Test(c, row, graph)) { pass = false; break; }
            if (pass) yield return inPlace ? (int[])row.Clone() : row;
        }
    }

    private IEnumerable<int[]> EvalUnion(Union u, int[] seed, int graph)
    {
        foreach (int[] row in Eval(u.Left, seed, graph)) yield return row;
        foreach (int[] row in Eval(u.Right, seed, graph)) yield return row;
    }

    /// <summary>Extend (§18.5): an expression error leaves the variable unbound.</summary>
    private IEnumerable<int[]> EvalExtend(Extend x, int[] seed, int graph)
    {
        int slot = _context.Slot(x.Variable);
        // A constant (e.g. an equality filter turned into a binding) is encoded once.
        int constant = x.Expression is ConstantExpression { Value: var c } ? _context.Encode(c) : 0;
        // A non-empty BGP yields fresh copies no one else holds: they are extended in place.
        bool owned = x.Input is Bgp { Triples.Count: > 0 };
        foreach (int[] row in Eval(x.Input, seed, graph))
        {
            // A chain of BINDs (or SELECT expressions) shares one solution's BNODE(str) nodes (§17.4.2.9).
            if (x.Input is not Extend) _expressions.BeginSolution();
            int id = constant;
            if (id == 0)
            {
                Term? value = _expressions.Evaluate(x.Expression, row, graph);
                if (value is null) { yield return row; continue; }
                id = _context.Encode(value);
            }
            if (row[slot] != 0)
            {
                if (row[slot] == id) yield return row;
                continue;
            }
            int[] extended = owned ? row : (int[])row.Clone();
            extended[slot] = id;
            yield return extended;
        }
    }

    /// <summary>Inline data (§18.2.2.5 VALUES): each row joined with the seed; UNDEF cells are unbound.</summary>
    private IEnumerable<int[]> EvalTable(Table t, int[] seed)
    {
        int[] slots = [.. t.Variables.Select(_context.Slot)];
        foreach (IReadOnlyList<Term?> cells in t.Rows)
        {
            int[] row = (int[])seed.Clone();
            bool ok = true;
            for (int i = 0; i < slots.Length && ok; i++)
            {
                if (cells[i] is not Term term) continue;
                int id = _context.Encode(term);
                if (row[slots[i]] == 0) row[slots[i]] = id;
                else ok = row[slots[i]] == id;
            }
            if (ok) yield return row;
        }
    }

    /// <summary>
    /// GRAPH (§18.5 eval(D(G), Graph(…))): the pattern in each named graph of the dataset. With a
    /// variable, the pattern is evaluated without it (its filters do not see the graph name, §18.5)
    /// and each row is then joined with the name.
    /// </summary>
    private IEnumerable<int[]> EvalGraph(Graph g, int[] seed, int graph)
    {
        if (!VariableAnalysis.IsVariable(g.Name))
        {
            if (!_context.Store.TryGetId(g.Name, out int id) || !_context.IsNamedGraph(id)) yield break;
            foreach (int[] row in Eval(g.Input, seed, id)) yield return row;
            yield break;
        }
        int slot = _analysis.SlotOf(g.Name);
        if (seed[slot] == 0 && _context.Uses(EvaluationShortcuts.NamedGraphScan) && g.Input is Bgp { Triples.Count: > 0 } bgp && !_analysis.Sets(bgp).Maybe.Contains(slot))
        {
            // One scan across all named graphs instead of one evaluation per graph.
            foreach (int[] row in EvalBgp(bgp, seed, EvaluationContext.AnyNamedGraph, slot)) yield return row;
            yield break;
        }
        IEnumerable<int> names = seed[slot] != 0
            ? (_context.IsNamedGraph(seed[slot]) ? [seed[slot]] : [])
            : _context.NamedGraphIds().ToList();
        foreach (int name in names)
        {
            foreach (int[] row in Eval(g.Input, seed, name))
            {
                if (row[slot] == name) yield return row;
                else if (row[slot] == 0)
                {
                    int[] bound = (int[])row.Clone();
                    bound[slot] = name;
                    yield return bound;
                }
            }
        }
    }

    private sealed class OpGraphComparer : IEqualityComparer<(Op, int)>
    {
        public bool Equals((Op, int) x, (Op, int) y) => ReferenceEquals(x.Item1, y.Item1) && x.Item2 == y.Item2;

        public int GetHashCode((Op, int) obj) => HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item1), obj.Item2);
    }
}
