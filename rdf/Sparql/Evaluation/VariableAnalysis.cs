using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Optimizer;
using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Sparql.Evaluation;

/// <summary>The slots an operator may bind and the slots it binds in every solution.</summary>
internal sealed record VariableSets(HashSet<int> Maybe, HashSet<int> Certain);

/// <summary>
/// Static facts about the algebra of one query: variable slots, the possibly/certainly bound
/// variables of each operator (§18.2.1 scope), and for each join and left join whether its right
/// side may be evaluated with the left solution substituted in (index nested-loop join) or must be
/// evaluated on its own and joined by hash. Substitution is chosen only where it cannot change the
/// result: the right side binds variables only through patterns, and every filter, BIND and OPTIONAL
/// inside it that reads a left variable sees that variable bound by its own input anyway.
/// </summary>
internal sealed class VariableAnalysis
{
    private readonly EvaluationContext _context;
    private readonly Dictionary<Op, VariableSets> _sets = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Op> _substituting = new(ReferenceEqualityComparer.Instance);
    private static readonly HashSet<int> Empty = [];

    public VariableAnalysis(EvaluationContext context) => _context = context;

    /// <summary>Allocates the slots of <paramref name="root"/> and chooses the join strategies.</summary>
    public void Prepare(Op root) => Plan(root, Empty);

    public bool Substitutes(Op joinOrLeftJoin) => _substituting.Contains(joinOrLeftJoin);

    /// <summary>The optimiser's plan: a join it chose to hash is never substituted.</summary>
    public Plan JoinPlan { get; set; } = Optimizer.Plan.Unoptimized(Bgp.Empty);

    public int SlotOf(Term t) => _context.Slot(t is BlankNode b ? EvaluationContext.BlankVariable(b) : (Variable)t);

    public static bool IsVariable(Term t) => t is Variable or BlankNode;

    public VariableSets Sets(Op op)
    {
        if (_sets.TryGetValue(op, out VariableSets? sets)) return sets;
        sets = Compute(op);
        _sets[op] = sets;
        return sets;
    }

    private VariableSets Compute(Op op)
    {
        switch (op)
        {
            case Bgp bgp:
                {
                    var all = new HashSet<int>();
                    foreach (TriplePattern t in bgp.Triples)
                        foreach (Term term in (ReadOnlySpan<Term>)[t.Subject, t.Predicate, t.Obj])
                            if (IsVariable(term)) all.Add(SlotOf(term));
                    return new(all, all);
                }
            case PathOp p:
                {
                    var all = new HashSet<int>();
                    if (IsVariable(p.Subject)) all.Add(SlotOf(p.Subject));
                    if (IsVariable(p.Obj)) all.Add(SlotOf(p.Obj));
                    return new(all, all);
                }
            case Join j:
                {
                    VariableSets a = Sets(j.Left), b = Sets(j.Right);
                    return new([.. a.Maybe, .. b.Maybe], [.. a.Certain, .. b.Certain]);
                }
            case LeftJoin l:
                {
                    VariableSets a = Sets(l.Left), b = Sets(l.Right);
                    if (l.Condition is not null) ExpressionSlots(l.Condition);
                    return new([.. a.Maybe, .. b.Maybe], a.Certain);
                }
            case Filter f:
                foreach (Expression e in f.Conditions) ExpressionSlots(e);
                return Sets(f.Input);
            case Union u:
                {
                    VariableSets a = Sets(u.Left), b = Sets(u.Right);
                    var certain = new HashSet<int>(a.Certain);
                    certain.IntersectWith(b.Certain);
                    return new([.. a.Maybe, .. b.Maybe], certain);
                }
            case Minus m:
                Sets(m.Right);
                return Sets(m.Left);
            case Graph g:
                {
                    VariableSets a = Sets(g.Input);
                    if (!IsVariable(g.Name)) return a;
                    int slot = SlotOf(g.Name);
                    return new([.. a.Maybe, slot], [.. a.Certain, slot]);
                }
            case Service s:
                {
                    VariableSets a = Sets(s.Input);
                    return new(a.Maybe, []);
                }
            case Extend x:
                {
                    ExpressionSlots(x.Expression);
                    VariableSets a = Sets(x.Input);
                    return new([.. a.Maybe, _context.Slot(x.Variable)], a.Certain);
                }
            case Table t:
                {
                    var maybe = new HashSet<int>();
                    var certain = new HashSet<int>();
                    for (int i = 0; i < t.Variables.Count; i++)
                    {
                        int slot = _context.Slot(t.Variables[i]);
                        maybe.Add(slot);
                        if (t.Rows.All(r => r[i] is not null)) certain.Add(slot);
                    }
                    return new(maybe, certain);
                }
            case ToMultiset m: return Sets(m.Input);
            case Group g:
                {
                    Sets(g.Input);
                    var maybe = new HashSet<int>();
                    foreach (GroupKey k in g.Keys)
                    {
                        ExpressionSlots(k.Expression);
                        if (k.Variable is not null) maybe.Add(_context.Slot(k.Variable));
                    }
                    foreach (AggregateBinding a in g.Aggregates)
                    {
                        if (a.Aggregate.Argument is not null) ExpressionSlots(a.Aggregate.Argument);
                        maybe.Add(_context.Slot(a.Variable));
                    }
                    return new(maybe, []);
                }
            case OrderBy o:
                foreach (OrderCondition c in o.Conditions) ExpressionSlots(c.Expression);
                return Sets(o.Input);
            case Project p:
                {
                    VariableSets a = Sets(p.Input);
                    var keep = p.Variables.Select(_context.Slot).ToHashSet();
                    return new([.. a.Maybe.Where(keep.Contains)], [.. a.Certain.Where(keep.Contains)]);
                }
            case Distinct d: return Sets(d.Input);
            case Reduced r: return Sets(r.Input);
            case Slice s: return Sets(s.Input);
            default: throw new NotSupportedException("Unknown algebra operator " + op.GetType().Name);
        }
    }

    /// <summary>The slots an expression reads, including every variable of its EXISTS patterns.</summary>
    public HashSet<int> ExpressionSlots(Expression e)
    {
        if (_expressionSlots.TryGetValue(e, out HashSet<int>? cached)) return cached;
        var set = new HashSet<int>();
        _expressionSlots[e] = set;
        void Walk(Expression x)
        {
            switch (x)
            {
                case VariableExpression v: set.Add(_context.Slot(v.Variable)); break;
                case OperatorExpression o: foreach (Expression a in o.Arguments) Walk(a); break;
                case BuiltInCall b: foreach (Expression a in b.Arguments) Walk(a); break;
                case FunctionCall f: foreach (Expression a in f.Arguments) Walk(a); break;
                case InExpression i: Walk(i.Operand); foreach (Expression a in i.List) Walk(a); break;
                case AggregateExpression g when g.Argument is not null: Walk(g.Argument); break;
                case ExistsExpression ex when ex.Algebra is not null:
                    set.UnionWith(Mentioned(ex.Algebra));
                    Plan(ex.Algebra, Sets(ex.Algebra).Maybe);
                    break;
            }
        }
        Walk(e);
        return set;
    }

    private readonly Dictionary<Expression, HashSet<int>> _expressionSlots = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Op, HashSet<int>> _mentioned = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Every slot an operator reads or binds anywhere inside it, expressions included: what an EXISTS
    /// pattern may see of the row substituted into it.
    /// </summary>
    public HashSet<int> Mentioned(Op op)
    {
        if (_mentioned.TryGetValue(op, out HashSet<int>? set)) return set;
        set = new HashSet<int>(Sets(op).Maybe);
        _mentioned[op] = set; // placed first: expressions below may refer back through EXISTS
        switch (op)
        {
            case Join j: set.UnionWith(Mentioned(j.Left)); set.UnionWith(Mentioned(j.Right)); break;
            case LeftJoin l:
                set.UnionWith(Mentioned(l.Left));
                set.UnionWith(Mentioned(l.Right));
                if (l.Condition is not null) set.UnionWith(ExpressionSlots(l.Condition));
                break;
            case Filter f:
                set.UnionWith(Mentioned(f.Input));
                foreach (Expression e in f.Conditions) set.UnionWith(ExpressionSlots(e));
                break;
            case Union u: set.UnionWith(Mentioned(u.Left)); set.UnionWith(Mentioned(u.Right)); break;
            case Minus m: set.UnionWith(Mentioned(m.Left)); set.UnionWith(Mentioned(m.Right)); break;
            case Graph g: set.UnionWith(Mentioned(g.Input)); break;
            case Service s: set.UnionWith(Mentioned(s.Input)); break;
            case Extend x: set.UnionWith(Mentioned(x.Input)); set.UnionWith(ExpressionSlots(x.Expression)); break;
            case ToMultiset t: set.UnionWith(Mentioned(t.Input)); break;
            case Group g:
                set.UnionWith(Mentioned(g.Input));
                foreach (GroupKey k in g.Keys) set.UnionWith(ExpressionSlots(k.Expression));
                break;
            case OrderBy o:
                set.UnionWith(Mentioned(o.Input));
                foreach (OrderCondition c in o.Conditions) set.UnionWith(ExpressionSlots(c.Expression));
                break;
            case Project p: set.UnionWith(Mentioned(p.Input)); break;
            case Distinct d: set.UnionWith(Mentioned(d.Input)); break;
            case Reduced r: set.UnionWith(Mentioned(r.Input)); break;
            case Slice sl: set.UnionWith(Mentioned(sl.Input)); break;
        }
        return set;
    }

    /// <summary>Chooses join strategies below <paramref name="op"/>, given the slots a seed row may bind.</summary>
    private void Plan(Op op, HashSet<int> outer)
    {
        Sets(op); // allocates the slots of every operator, leaves included
        switch (op)
        {
            case Join j:
                {
                    Plan(j.Left, outer);
                    var leftOuter = new HashSet<int>(outer);
                    leftOuter.UnionWith(Sets(j.Left).Maybe);
                    bool substitute = JoinPlan.StrategyOf(j) != JoinStrategy.Hash && IsSafe(j.Right, leftOuter);
                    if (substitute) _substituting.Add(j);
                    Plan(j.Right, substitute ? leftOuter : Empty);
                    break;
                }
            case LeftJoin l:
                {
                    Plan(l.Left, outer);
                    var leftOuter = new HashSet<int>(outer);
                    leftOuter.UnionWith(Sets(l.Left).Maybe);
                    bool substitute = IsSafe(l.Right, leftOuter)
                        && (l.Condition is null || Covered(ExpressionSlots(l.Condition), outer, Sets(l.Left).Certain));
                    if (substitute) _substituting.Add(l);
                    Plan(l.Right, substitute ? leftOuter : Empty);
                    break;
                }
            case Filter f: Plan(f.Input, outer); break;
            case Union u: Plan(u.Left, outer); Plan(u.Right, outer); break;
            case Minus m: Plan(m.Left, outer); Plan(m.Right, Empty); break;
            case Graph g: Plan(g.Input, outer); break;
            case Extend x: Plan(x.Input, outer); break;
            case Service s: Plan(s.Input, Empty); break;
            case ToMultiset m: Plan(m.Input, Empty); break;
            case Group g: Plan(g.Input, Empty); break;
            case OrderBy o: Plan(o.Input, Empty); break;
            case Project p: Plan(p.Input, Empty); break;
            case Distinct d: Plan(d.Input, Empty); break;
            case Reduced r: Plan(r.Input, Empty); break;
            case Slice s: Plan(s.Input, Empty); break;
        }
    }

    /// <summary>True when every outer slot the expression reads is certainly bound by the operator's own input.</summary>
    private static bool Covered(HashSet<int> read, HashSet<int> outer, HashSet<int> certain)
    {
        foreach (int s in read)
            if (outer.Contains(s) && !certain.Contains(s)) return false;
        return true;
    }

    /// <summary>
    /// Whether evaluating <paramref name="op"/> with a seed binding (some of) <paramref name="outer"/>
    /// gives the same rows as evaluating it alone and joining.
    /// </summary>
    public bool IsSafe(Op op, HashSet<int> outer)
    {
        if (outer.Count == 0) return true;
        if (!_context.Uses(EvaluationShortcuts.SubstitutingJoins)) return false;
        switch (op)
        {
            case Bgp or PathOp or Table: return true;
            case Join j: return IsSafe(j.Left, outer) && IsSafe(j.Right, outer);
            case Union u: return IsSafe(u.Left, outer) && IsSafe(u.Right, outer);
            case Graph g: return IsSafe(g.Input, outer);
            // SERVICE ?var is called once per binding of ?var (Federated Query §4); its solutions are
            // joined with the seed, never substituted, so this is safe. A fixed endpoint is called once.
            case Service s: return IsVariable(s.Endpoint) && outer.Contains(SlotOf(s.Endpoint));
            case Filter f:
                return IsSafe(f.Input, outer)
                    && f.Conditions.All(c => Covered(ExpressionSlots(c), outer, Sets(f.Input).Certain));
            case Extend x:
                return IsSafe(x.Input, outer) && !outer.Contains(_context.Slot(x.Variable))
                    && Covered(ExpressionSlots(x.Expression), outer, Sets(x.Input).Certain);
            case LeftJoin l:
                {
                    if (!IsSafe(l.Left, outer) || !IsSafe(l.Right, outer)) return false;
                    HashSet<int> leftCertain = Sets(l.Left).Certain;
                    foreach (int s in Sets(l.Right).Maybe)
                        if (outer.Contains(s) && !leftCertain.Contains(s)) return false;
                    return l.Condition is null || Covered(ExpressionSlots(l.Condition), outer, leftCertain);
                }
            case Minus m:
                {
                    if (!IsSafe(m.Left, outer)) return false;
                    HashSet<int> leftCertain = Sets(m.Left).Certain;
                    foreach (int s in Sets(m.Right).Maybe)
                        if (outer.Contains(s) && !leftCertain.Contains(s)) return false;
                    return true;
                }
            default: return false;
        }
    }
}
