using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation.Expressions;
using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Sparql.Evaluation;

internal sealed partial class Evaluator
{
    /// <summary>The most rows ORDER BY keeps when a LIMIT lets it select instead of sorting everything.</summary>
    private const long TopKLimit = 100_000;

    /// <summary>OrderBy (§15.1, §18.5): a stable sort on the conditions' values.</summary>
    private IEnumerable<int[]> EvalOrderBy(OrderBy o, int graph) => SortedRows(o, graph, long.MaxValue);

    /// <summary>
    /// The first <paramref name="count"/> rows of ORDER BY: all rows sorted, or, for a small count
    /// (a LIMIT above), a bounded heap that holds only that many. Ties keep input order (stable).
    /// </summary>
    private IEnumerable<int[]> SortedRows(OrderBy o, int graph, long count)
    {
        int Compare(Sorted a, Sorted b)
        {
            for (int i = 0; i < a.Keys.Length; i++)
            {
                int c = TermComparer.Order(in a.Keys[i], in b.Keys[i]);
                if (c != 0) return o.Conditions[i].Descending ? -c : c;
            }
            return a.Sequence.CompareTo(b.Sequence);
        }
        var comparer = Comparer<Sorted>.Create(Compare);
        bool bounded = count <= TopKLimit;
        var rows = new List<Sorted>();
        // A max-heap of the best rows so far: its root is the worst kept row.
        var heap = bounded ? new PriorityQueue<Sorted, Sorted>(Comparer<Sorted>.Create((a, b) => Compare(b, a))) : null;
        long sequence = 0;
        foreach (int[] row in Eval(o.Input, _context.NewRow(), graph))
        {
            // Each key's kind and value (a number, a date) is worked out once per row, not per comparison.
            var keys = new TermComparer.OrderKey[o.Conditions.Count];
            for (int i = 0; i < keys.Length; i++) keys[i] = TermComparer.KeyOf(_expressions.Evaluate(o.Conditions[i].Expression, row, graph));
            var item = new Sorted(row, keys, sequence++);
            if (heap is null)
            {
                _context.Materialize();
                rows.Add(item);
            }
            else if (heap.Count < count)
            {
                _context.Materialize();
                heap.Enqueue(item, item);
            }
            else
            {
                _context.Tick();
                if (Compare(item, heap.Peek()) < 0) heap.DequeueEnqueue(item, item);
            }
        }
        if (heap is not null)
            while (heap.Count > 0) rows.Add(heap.Dequeue());
        rows.Sort(comparer);
        foreach (Sorted item in rows) yield return item.Row;
    }

    private sealed record Sorted(int[] Row, TermComparer.OrderKey[] Keys, long Sequence);

    /// <summary>Project: the variables outside the list are dropped (unbound) from each row.</summary>
    private IEnumerable<int[]> EvalProject(Project p, int graph) => ProjectRows(p, Eval(p.Input, _context.NewRow(), graph));

    private IEnumerable<int[]> ProjectRows(Project p, IEnumerable<int[]> rows)
    {
        var keep = new bool[_context.SlotCount];
        foreach (Variable v in p.Variables) keep[_context.Slot(v)] = true;
        foreach (int[] row in rows)
        {
            int[] projected = new int[row.Length];
            for (int i = 0; i < row.Length; i++)
                if (keep[i]) projected[i] = row[i];
            yield return projected;
        }
    }

    private IEnumerable<int[]> EvalDistinct(Distinct d, int graph)
    {
        var seen = new HashSet<int[]>(RowComparer.Instance);
        foreach (int[] row in Eval(d.Input, _context.NewRow(), graph))
        {
            if (!seen.Add(row)) continue;
            _context.Materialize();
            yield return row;
        }
    }

    /// <summary>REDUCED: repeated neighbouring rows are dropped (any amount of duplicate removal is allowed).</summary>
    private IEnumerable<int[]> EvalReduced(Reduced r, int graph)
    {
        int[]? previous = null;
        foreach (int[] row in Eval(r.Input, _context.NewRow(), graph))
        {
            if (previous is not null && RowComparer.Instance.Equals(previous, row)) continue;
            previous = row;
            yield return row;
        }
    }

    /// <summary>Slice (OFFSET / LIMIT); over ORDER BY (with or without a projection between) only the rows needed are sorted.</summary>
    private IEnumerable<int[]> EvalSlice(Slice s, int graph)
    {
        long skip = s.Offset ?? 0, take = s.Limit ?? long.MaxValue;
        if (take == 0) yield break;
        IEnumerable<int[]> input;
        long needed = take == long.MaxValue || !_context.Uses(EvaluationShortcuts.TopN) ? long.MaxValue : skip + take;
        if (s.Input is OrderBy order && needed <= TopKLimit) input = SortedRows(order, graph, needed);
        else if (s.Input is Project { Input: OrderBy inner } project && needed <= TopKLimit)
            input = ProjectRows(project, SortedRows(inner, graph, needed));
        else input = Eval(s.Input, _context.NewRow(), graph);
        foreach (int[] row in input)
        {
            if (skip > 0) { skip--; continue; }
            yield return row;
            if (--take == 0) yield break;
        }
    }

    /// <summary>
    /// SERVICE (Federated Query §3, §4): the handler's solutions joined with the seed. Without a
    /// handler, or when it fails, the query fails unless SILENT, which gives one empty solution.
    /// </summary>
    private IEnumerable<int[]> EvalService(Service s, int[] seed)
    {
        Term endpoint = s.Endpoint;
        if (VariableAnalysis.IsVariable(endpoint))
        {
            int slot = _analysis.SlotOf(endpoint);
            if (seed[slot] != 0) endpoint = _context.Decode(seed[slot]);
        }
        List<int[]>? rows = null;
        Exception? failure = null;
        if (_context.Options.ServiceHandler is not IServiceHandler handler)
            failure = new QueryEvaluationException($"No SERVICE handler is configured for {endpoint}.");
        else if (endpoint is not Iri iri)
            failure = new QueryEvaluationException("SERVICE needs an IRI as its endpoint, not " + endpoint + ".");
        else
        {
            try
            {
                rows = [];
                SelectResult result = handler.Evaluate(iri, s.Input, _context.Options.CancellationToken);
                // Variables the query does not mention cannot matter to it.
                int[] slots = [.. result.Variables.Select(v => _context.TryGetSlot(v, out int slot) ? slot : -1)];
                foreach (Term?[] cells in result.Rows)
                {
                    _context.Materialize();
                    int[] row = _context.NewRow();
                    for (int i = 0; i < slots.Length && i < cells.Length; i++)
                        if (slots[i] >= 0 && cells[i] is Term t) row[slots[i]] = _context.Encode(t);
                    rows.Add(row);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException and not QueryTimeoutException and not QueryLimitException)
            {
                failure = new QueryEvaluationException($"SERVICE <{iri.Value}> failed: {e.Message}", e);
            }
        }
        if (failure is not null)
        {
            if (!s.Silent) throw failure;
            rows = [_context.NewRow()];
        }
        foreach (int[] row in JoinSeed(rows!, seed)) yield return row;
    }
}
