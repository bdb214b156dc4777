using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Sparql.Evaluation;

internal sealed partial class Evaluator
{
    /// <summary>OrderBy (§15.1, §18.5): a stable sort on the conditions' values.</summary>
    private IEnumerable<int[]> EvalOrderBy(OrderBy o, int graph)
    {
        var rows = new List<(int[] Row, Term?[] Keys)>();
        foreach (int[] row in Eval(o.Input, _context.NewRow(), graph))
        {
            _context.Materialize();
            var keys = new Term?[o.Conditions.Count];
            for (int i = 0; i < keys.Length; i++) keys[i] = _expressions.Evaluate(o.Conditions[i].Expression, row, graph);
            rows.Add((row, keys));
        }
        int Compare((int[] Row, Term?[] Keys) a, (int[] Row, Term?[] Keys) b)
        {
            for (int i = 0; i < a.Keys.Length; i++)
            {
                int c = ExpressionHost.Order(a.Keys[i], b.Keys[i]);
                if (c != 0) return o.Conditions[i].Descending ? -c : c;
            }
            return 0;
        }
        // Enumerable.Order is a stable sort, so ties keep their order.
        foreach ((int[] row, _) in rows.Order(Comparer<(int[] Row, Term?[] Keys)>.Create(Compare))) yield return row;
    }

    /// <summary>Project: the variables outside the list are dropped (unbound) from each row.</summary>
    private IEnumerable<int[]> EvalProject(Project p, int graph)
    {
        var keep = new bool[_context.SlotCount];
        foreach (Variable v in p.Variables) keep[_context.Slot(v)] = true;
        foreach (int[] row in Eval(p.Input, _context.NewRow(), graph))
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

    private IEnumerable<int[]> EvalSlice(Slice s, int graph)
    {
        long skip = s.Offset ?? 0, take = s.Limit ?? long.MaxValue;
        if (take == 0) yield break;
        foreach (int[] row in Eval(s.Input, _context.NewRow(), graph))
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
