using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Syntax;

/// <summary>
/// Variable scope (Query §18.2.1) and the expression walks the static checks and the algebra
/// translation need.
/// </summary>
internal static class StaticRules
{
    /// <summary>The in-scope variables of a sequence of group elements, in first-seen order.</summary>
    public static List<Variable> InScopeOrdered(IEnumerable<PatternElement> elements)
    {
        var list = new List<Variable>();
        var seen = new HashSet<Variable>();
        void Add(Term? t)
        {
            if (t is Variable v && seen.Add(v)) list.Add(v);
        }
        void Walk(IEnumerable<PatternElement> els)
        {
            foreach (PatternElement e in els)
            {
                switch (e)
                {
                    case TriplesBlock tb:
                        foreach (TriplePatternSyntax t in tb.Triples) { Add(t.Subject); Add(t.Predicate); Add(t.Obj); }
                        break;
                    case OptionalElement o: Walk(o.Pattern.Elements); break;
                    case UnionElement u: foreach (GroupGraphPattern g in u.Alternatives) Walk(g.Elements); break;
                    case GraphElement g: Add(g.Graph); Walk(g.Pattern.Elements); break;
                    case ServiceElement s: Add(s.Endpoint); Walk(s.Pattern.Elements); break;
                    case BindElement b: Add(b.Variable); break;
                    case ValuesElement v: foreach (Variable x in v.Data.Variables) Add(x); break;
                    case SubSelectElement sub: foreach (Variable x in Projected(sub.Query)) Add(x); break;
                }
            }
        }
        Walk(elements);
        return list;
    }

    public static HashSet<Variable> InScope(IEnumerable<PatternElement> elements) => [.. InScopeOrdered(elements)];

    /// <summary>The variables a SELECT projects (for <c>SELECT *</c>, those in scope in WHERE and trailing VALUES).</summary>
    public static List<Variable> Projected(Query q)
    {
        if (!q.SelectAll) return [.. q.Projection.Select(p => p.Variable)];
        List<Variable> vars = q.Where is null ? [] : InScopeOrdered(q.Where.Elements);
        if (q.Values is not null)
            foreach (Variable v in q.Values.Variables)
                if (!vars.Contains(v)) vars.Add(v);
        return vars;
    }

    public static bool ContainsAggregate(Expression e) => e switch
    {
        AggregateExpression => true,
        OperatorExpression o => o.Arguments.Any(ContainsAggregate),
        BuiltInCall b => b.Arguments.Any(ContainsAggregate),
        FunctionCall f => f.Distinct || f.Arguments.Any(ContainsAggregate),
        InExpression i => ContainsAggregate(i.Operand) || i.List.Any(ContainsAggregate),
        _ => false,
    };

    /// <summary>Variables used outside aggregates (EXISTS patterns are not looked into).</summary>
    public static void FreeVariables(Expression e, ICollection<Variable> into)
    {
        switch (e)
        {
            case VariableExpression v: into.Add(v.Variable); break;
            case OperatorExpression o: foreach (Expression a in o.Arguments) FreeVariables(a, into); break;
            case BuiltInCall b: foreach (Expression a in b.Arguments) FreeVariables(a, into); break;
            case FunctionCall f when !f.Distinct: foreach (Expression a in f.Arguments) FreeVariables(a, into); break;
            case InExpression i:
                FreeVariables(i.Operand, into);
                foreach (Expression a in i.List) FreeVariables(a, into);
                break;
        }
    }
}

internal sealed partial class QueryTextParser
{
    /// <summary>The static rules on a SELECT: §18.2.4.4 (AS variables) and §18.2.4.1 (grouping).</summary>
    private static void CheckSelect(Query q, Token selectToken, List<Token> itemTokens)
    {
        HashSet<Variable> whereVars = q.Where is null ? [] : StaticRules.InScope(q.Where.Elements);
        var projected = new HashSet<Variable>();
        for (int i = 0; i < q.Projection.Count; i++)
        {
            SelectItem item = q.Projection[i];
            if (item.Expression is not null)
            {
                if (whereVars.Contains(item.Variable))
                    Fail(itemTokens[i], $"?{item.Variable.Name} is already in scope in WHERE and cannot be assigned by SELECT");
                if (projected.Contains(item.Variable))
                    Fail(itemTokens[i], $"?{item.Variable.Name} is already projected");
            }
            projected.Add(item.Variable);
        }

        bool grouped = q.GroupBy.Count > 0
            || q.Projection.Any(p => p.Expression is not null && StaticRules.ContainsAggregate(p.Expression))
            || q.Having.Any(StaticRules.ContainsAggregate)
            || q.OrderBy.Any(o => StaticRules.ContainsAggregate(o.Expression));
        if (!grouped) return;
        if (q.SelectAll) Fail(selectToken, "SELECT * is not allowed in a grouped query");
        var keys = new HashSet<Variable>();
        foreach (GroupCondition g in q.GroupBy)
        {
            if (g.Variable is not null) keys.Add(g.Variable);
            else if (g.Expression is VariableExpression v) keys.Add(v.Variable);
        }
        for (int i = 0; i < q.Projection.Count; i++)
        {
            SelectItem item = q.Projection[i];
            if (item.Expression is null)
            {
                if (!keys.Contains(item.Variable))
                    Fail(itemTokens[i], $"?{item.Variable.Name} is neither grouped nor aggregated");
                continue;
            }
            var free = new List<Variable>();
            StaticRules.FreeVariables(item.Expression, free);
            foreach (Variable v in free)
                if (!keys.Contains(v))
                    Fail(itemTokens[i], $"?{v.Name} is used outside an aggregate but is not a GROUP BY variable");
            keys.Add(item.Variable);
        }
    }
}
