using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Rdf.Store;

namespace DihNode.Rdf.Sparql.Evaluation;

internal sealed partial class Evaluator
{
    private readonly Dictionary<int, List<int>> _graphNodes = [];

    /// <summary>
    /// A property path pattern (§18.4, §18.5 eval of paths). Links, sequences, alternatives and negated
    /// sets give multisets of (start, end) pairs; ?, * and + give each pair once (SPARQL 1.1 final), the
    /// closures computed by ALP with a visited set so cycles end.
    /// </summary>
    private IEnumerable<int[]> EvalPath(PathOp p, int[] seed, int graph)
    {
        (int s, int sSlot) = PathEnd(p.Subject, seed);
        (int o, int oSlot) = PathEnd(p.Obj, seed);
        // A variable bound by the seed joins with the path's own solutions, whose ends are nodes of the
        // graph; only a constant written in the pattern matches itself by a zero-length path.
        // A seeded value outside the graph can only meet a constant equal to it, by a zero-length path.
        if (VariableAnalysis.IsVariable(p.Subject) && sSlot < 0 && !IsGraphNode(s, graph)
            && (VariableAnalysis.IsVariable(p.Obj) || o != s)) yield break;
        if (VariableAnalysis.IsVariable(p.Obj) && oSlot < 0 && !IsGraphNode(o, graph)
            && (VariableAnalysis.IsVariable(p.Subject) || o != s)) yield break;
        bool sameVariable = sSlot >= 0 && sSlot == oSlot;
        foreach ((int x, int y) in Pairs(p.Path, s, sameVariable ? 0 : o, graph))
        {
            if (sameVariable && x != y) continue;
            int[] row = (int[])seed.Clone();
            if (sSlot >= 0) row[sSlot] = x;
            if (oSlot >= 0) row[oSlot] = y;
            _context.Tick();
            yield return row;
        }
    }

    private (int Id, int Slot) PathEnd(Term t, int[] seed)
    {
        if (!VariableAnalysis.IsVariable(t)) return (_context.Encode(t), -1);
        int slot = _analysis.SlotOf(t);
        return seed[slot] != 0 ? (seed[slot], -1) : (0, slot);
    }

    /// <summary>The (start, end) pairs of <paramref name="path"/>; 0 leaves an end open.</summary>
    private IEnumerable<(int, int)> Pairs(PropertyPath path, int s, int o, int graph)
    {
        switch (path)
        {
            case LinkPath link:
                return _context.Store.TryGetId(link.Iri, out int p) ? Scan(s, p, o, graph) : [];
            case InversePath inv:
                return Pairs(inv.Path, o, s, graph).Select(pair => (pair.Item2, pair.Item1));
            case SequencePath seq: return Sequence(seq, s, o, graph);
            case AlternativePath alt: return Pairs(alt.Left, s, o, graph).Concat(Pairs(alt.Right, s, o, graph));
            case NegatedPropertySet nps: return Negated(nps, s, o, graph);
            case ZeroOrOnePath zo: return ZeroOrOne(zo.Path, s, o, graph);
            case ZeroOrMorePath zm: return Closure(zm.Path, s, o, graph, zero: true);
            case OneOrMorePath om: return Closure(om.Path, s, o, graph, zero: false);
            default: throw new NotSupportedException("Unknown path " + path.GetType().Name);
        }
    }

    private IEnumerable<(int, int)> Scan(int s, int p, int o, int graph)
    {
        ScanCursor cursor = _context.Scan(s, p, o, graph);
        while (cursor.MoveNext())
        {
            EncodedQuad q = cursor.Current;
            yield return (q.S, q.O);
        }
    }

    private IEnumerable<(int, int)> Sequence(SequencePath seq, int s, int o, int graph)
    {
        if (s == 0 && o != 0)
        {
            foreach ((int m, int y) in Pairs(seq.Right, 0, o, graph))
                foreach ((int x, _) in Pairs(seq.Left, 0, m, graph))
                    yield return (x, y);
            yield break;
        }
        foreach ((int x, int m) in Pairs(seq.Left, s, 0, graph))
            foreach ((_, int y) in Pairs(seq.Right, m, o, graph))
                yield return (x, y);
    }

    private IEnumerable<(int, int)> Negated(NegatedPropertySet nps, int s, int o, int graph)
    {
        var excluded = new HashSet<int>();
        foreach (Iri iri in nps.Forward)
            if (_context.Store.TryGetId(iri, out int id)) excluded.Add(id);
        ScanCursor cursor = _context.Scan(s, 0, o, graph);
        while (cursor.MoveNext())
        {
            EncodedQuad q = cursor.Current;
            if (!excluded.Contains(q.P)) yield return (q.S, q.O);
        }
    }

    /// <summary>ZeroOrOnePath: the zero-length pairs and the one-step pairs, each once.</summary>
    private IEnumerable<(int, int)> ZeroOrOne(PropertyPath inner, int s, int o, int graph)
    {
        var seen = new HashSet<(int, int)>();
        if (s != 0 || o != 0)
        {
            int node = s != 0 ? s : o;
            if (s == 0 || o == 0 || s == o)
            {
                seen.Add((node, node));
                yield return (node, node);
            }
        }
        else
        {
            foreach (int node in GraphNodes(graph))
            {
                seen.Add((node, node));
                yield return (node, node);
            }
        }
        foreach ((int, int) pair in Pairs(inner, s, o, graph))
            if (seen.Add(pair)) yield return pair;
    }

    /// <summary>ZeroOrMorePath / OneOrMorePath: reachability from each start node, each pair once.</summary>
    private IEnumerable<(int, int)> Closure(PropertyPath inner, int s, int o, int graph, bool zero)
    {
        if (s != 0)
        {
            foreach (int y in Reach(inner, s, graph, zero, forward: true))
            {
                if (o == 0) yield return (s, y);
                else if (y == o) { yield return (s, o); yield break; }
            }
            yield break;
        }
        if (o != 0)
        {
            foreach (int x in Reach(inner, o, graph, zero, forward: false)) yield return (x, o);
            yield break;
        }
        IEnumerable<int> starts = zero ? GraphNodes(graph) : Pairs(inner, 0, 0, graph).Select(pair => pair.Item1).Distinct();
        foreach (int start in starts.ToList())
            foreach (int y in Reach(inner, start, graph, zero, forward: true))
                yield return (start, y);
    }

    /// <summary>ALP (§18.5 "arbitrary length path"): breadth-first with a visited set.</summary>
    private IEnumerable<int> Reach(PropertyPath inner, int start, int graph, bool zero, bool forward)
    {
        var visited = new HashSet<int>();
        var frontier = new Queue<int>();
        if (zero)
        {
            visited.Add(start);
            yield return start;
        }
        frontier.Enqueue(start);
        while (frontier.Count > 0)
        {
            int node = frontier.Dequeue();
            IEnumerable<(int, int)> steps = forward ? Pairs(inner, node, 0, graph) : Pairs(inner, 0, node, graph);
            foreach ((int a, int b) in steps)
            {
                int next = forward ? b : a;
                if (!visited.Add(next)) continue;
                _context.Materialize();
                yield return next;
                frontier.Enqueue(next);
            }
        }
    }

    /// <summary>
    /// Whether a term is a subject or object of the active graph (W3C property-path test
    /// "values_and_path": a value joined in from elsewhere is not a node of the graph).
    /// </summary>
    private bool IsGraphNode(int id, int graph) =>
        id > 0 && (_context.Count(id, 0, 0, graph) > 0 || _context.Count(0, 0, id, graph) > 0);

    /// <summary>Every subject and object of the active graph (for zero-length paths with both ends open).</summary>
    private List<int> GraphNodes(int graph)
    {
        if (_graphNodes.TryGetValue(graph, out List<int>? nodes)) return nodes;
        var seen = new HashSet<int>();
        nodes = [];
        ScanCursor cursor = _context.Scan(0, 0, 0, graph);
        while (cursor.MoveNext())
        {
            EncodedQuad q = cursor.Current;
            if (seen.Add(q.S)) nodes.Add(q.S);
            if (seen.Add(q.O)) nodes.Add(q.O);
        }
        _graphNodes[graph] = nodes;
        return nodes;
    }
}
