using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Sparql.Optimizer;

/// <summary>
/// The variables an operator may bind and those it binds in every solution (§18.2.1 scope), over
/// the algebra's own terms. BGP blank nodes count as variables named "_:label". Passes use the
/// certain set to decide where a filter may move.
/// </summary>
internal static class VariableScope
{
    public static (HashSet<Term> Maybe, HashSet<Term> Certain) Of(Op op)
    {
        switch (op)
        {
            case Bgp bgp:
                {
                    var all = new HashSet<Term>();
                    foreach (TriplePattern t in bgp.Triples)
                        foreach (Term term in (ReadOnlySpan<Term>)[t.Subject, t.Predicate, t.Obj])
                            if (term is Variable or BlankNode) all.Add(term);
                    return (all, all);
                }
            case PathOp p:
                {
                    var all = new HashSet<Term>();
                    if (p.Subject is Variable or BlankNode) all.Add(p.Subject);
                    if (p.Obj is Variable or BlankNode) all.Add(p.Obj);
                    return (all, all);
                }
            case Join j:
                {
                    var (am, ac) = Of(j.Left);
                    var (bm, bc) = Of(j.Right);
                    return ([.. am, .. bm], [.. ac, .. bc]);
                }
            case LeftJoin l:
                {
                    var (am, ac) = Of(l.Left);
                    var (bm, _) = Of(l.Right);
                    return ([.. am, .. bm], ac);
                }
            case Union u:
                {
                    var (am, ac) = Of(u.Left);
                    var (bm, bc) = Of(u.Right);
                    var certain = new HashSet<Term>(ac);
                    certain.IntersectWith(bc);
                    return ([.. am, .. bm], certain);
                }
            case Filter f: return Of(f.Input);
            case Minus m: return Of(m.Left);
            case Graph g:
                {
                    var (m, c) = Of(g.Input);
                    return g.Name is Variable v ? ([.. m, v], [.. c, v]) : (m, c);
                }
            case Service s: return (Of(s.Input).Maybe, []);
            case Extend x:
                {
                    var (m, c) = Of(x.Input);
                    return ([.. m, x.Variable], c);
                }
            case Table t:
                {
                    var maybe = new HashSet<Term>(t.Variables);
                    var certain = new HashSet<Term>();
                    for (int i = 0; i < t.Variables.Count; i++)
                        if (t.Rows.All(r => r[i] is not null)) certain.Add(t.Variables[i]);
                    return (maybe, certain);
                }
            case ToMultiset m: return Of(m.Input);
            case Group g:
                {
                    var maybe = new HashSet<Term>();
                    foreach (GroupKey k in g.Keys)
                        if (k.Variable is not null) maybe.Add(k.Variable);
                    foreach (AggregateBinding a in g.Aggregates) maybe.Add(a.Variable);
                    return (maybe, []);
                }
            case OrderBy o: return Of(o.Input);
            case Project p:
                {
                    var (m, c) = Of(p.Input);
                    var keep = new HashSet<Term>(p.Variables);
                    return ([.. m.Where(keep.Contains)], [.. c.Where(keep.Contains)]);
                }
            case Distinct d: return Of(d.Input);
            case Reduced r: return Of(r.Input);
            case Slice s: return Of(s.Input);
            default: throw new NotSupportedException("Unknown algebra operator " + op.GetType().Name);
        }
    }

    public static HashSet<Term> Certain(Op op) => Of(op).Certain;

    /// <summary>
    /// The variables an expression reads, with every variable mentioned anywhere in its EXISTS
    /// patterns (what the substitution of §18.6 may touch).
    /// </summary>
    public static HashSet<Term> Read(Expression e)
    {
        var set = new HashSet<Term>();
        void Walk(Expression x)
        {
            switch (x)
            {
                case VariableExpression v: set.Add(v.Variable); break;
                case OperatorExpression o: foreach (Expression a in o.Arguments) Walk(a); break;
                case BuiltInCall b: foreach (Expression a in b.Arguments) Walk(a); break;
                case FunctionCall f: foreach (Expression a in f.Arguments) Walk(a); break;
                case InExpression i: Walk(i.Operand); foreach (Expression a in i.List) Walk(a); break;
                case AggregateExpression g when g.Argument is not null: Walk(g.Argument); break;
                case ExistsExpression ex when ex.Algebra is not null: Mentioned(ex.Algebra, set); break;
            }
        }
        Walk(e);
        return set;
    }

    /// <summary>Whether an expression contains EXISTS (its value then depends on the active graph).</summary>
    public static bool HasExists(Expression e) => e switch
    {
        ExistsExpression => true,
        OperatorExpression o => o.Arguments.Any(HasExists),
        BuiltInCall b => b.Arguments.Any(HasExists),
        FunctionCall f => f.Arguments.Any(HasExists),
        InExpression i => HasExists(i.Operand) || i.List.Any(HasExists),
        _ => false,
    };

    /// <summary>Every variable an operator binds or reads anywhere inside it (SERVICE endpoints included).</summary>
    public static HashSet<Term> Mentioned(Op op)
    {
        var set = new HashSet<Term>();
        Mentioned(op, set);
        return set;
    }

    private static void Mentioned(Op op, HashSet<Term> set)
    {
        set.UnionWith(Of(op).Maybe);
        switch (op)
        {
            case Filter f: foreach (Expression e in f.Conditions) set.UnionWith(Read(e)); break;
            case LeftJoin { Condition: Expression c }: set.UnionWith(Read(c)); break;
            case Extend x: set.UnionWith(Read(x.Expression)); break;
            case Graph { Name: Variable v }: set.Add(v); break;
            case Service { Endpoint: Variable v }: set.Add(v); break;
            case Group g: foreach (GroupKey k in g.Keys) set.UnionWith(Read(k.Expression)); break;
            case OrderBy o: foreach (OrderCondition c in o.Conditions) set.UnionWith(Read(c.Expression)); break;
        }
        foreach (Op child in AlgebraRewriter.Children(op)) Mentioned(child, set);
    }
}
