using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Sparql.Optimizer;

/// <summary>
/// Structural helpers shared by the passes: an operator's children, and the operator rebuilt with
/// each child mapped (the same instance when nothing changed, so unchanged subtrees keep their
/// identity). EXISTS patterns inside expressions are not children: passes leave them as written.
/// </summary>
internal static class AlgebraRewriter
{
    public static IEnumerable<Op> Children(Op op) => op switch
    {
        Join j => [j.Left, j.Right],
        LeftJoin l => [l.Left, l.Right],
        Union u => [u.Left, u.Right],
        Minus m => [m.Left, m.Right],
        Filter f => [f.Input],
        Graph g => [g.Input],
        Service s => [s.Input],
        Extend x => [x.Input],
        ToMultiset t => [t.Input],
        Group g => [g.Input],
        OrderBy o => [o.Input],
        Project p => [p.Input],
        Distinct d => [d.Input],
        Reduced r => [r.Input],
        Slice s => [s.Input],
        _ => [],
    };

    /// <summary><paramref name="op"/> with <paramref name="map"/> applied to each direct child.</summary>
    public static Op MapChildren(Op op, Func<Op, Op> map)
    {
        switch (op)
        {
            case Join j: { Op a = map(j.Left), b = map(j.Right); return Same(a, j.Left) && Same(b, j.Right) ? op : new Join(a, b); }
            case LeftJoin l: { Op a = map(l.Left), b = map(l.Right); return Same(a, l.Left) && Same(b, l.Right) ? op : l with { Left = a, Right = b }; }
            case Union u: { Op a = map(u.Left), b = map(u.Right); return Same(a, u.Left) && Same(b, u.Right) ? op : new Union(a, b); }
            case Minus m: { Op a = map(m.Left), b = map(m.Right); return Same(a, m.Left) && Same(b, m.Right) ? op : new Minus(a, b); }
            case Filter f: { Op a = map(f.Input); return Same(a, f.Input) ? op : f with { Input = a }; }
            case Graph g: { Op a = map(g.Input); return Same(a, g.Input) ? op : g with { Input = a }; }
            case Service s: { Op a = map(s.Input); return Same(a, s.Input) ? op : s with { Input = a }; }
            case Extend x: { Op a = map(x.Input); return Same(a, x.Input) ? op : x with { Input = a }; }
            case ToMultiset t: { Op a = map(t.Input); return Same(a, t.Input) ? op : t with { Input = a }; }
            case Group g: { Op a = map(g.Input); return Same(a, g.Input) ? op : g with { Input = a }; }
            case OrderBy o: { Op a = map(o.Input); return Same(a, o.Input) ? op : o with { Input = a }; }
            case Project p: { Op a = map(p.Input); return Same(a, p.Input) ? op : p with { Input = a }; }
            case Distinct d: { Op a = map(d.Input); return Same(a, d.Input) ? op : d with { Input = a }; }
            case Reduced r: { Op a = map(r.Input); return Same(a, r.Input) ? op : r with { Input = a }; }
            case Slice s: { Op a = map(s.Input); return Same(a, s.Input) ? op : s with { Input = a }; }
            default: return op;
        }
    }

    /// <summary>Applies <paramref name="rewrite"/> to every operator, children first.</summary>
    public static Op BottomUp(Op op, Func<Op, Op> rewrite) => rewrite(MapChildren(op, c => BottomUp(c, rewrite)));

    private static bool Same(Op a, Op b) => ReferenceEquals(a, b);
}
