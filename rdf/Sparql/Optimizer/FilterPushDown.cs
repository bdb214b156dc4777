using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Sparql.Optimizer;

/// <summary>
/// Filter push-down (Query §18.5 Filter, Join, LeftJoin, Union, Minus): each condition of a filter
/// moves as far down as it keeps its value on every row. Through a join, into the side that
/// certainly binds every variable it reads (the merged row has that side's values there); into both
/// branches of a union; into the left side of a left join only when the left side certainly binds
/// its variables (an OPTIONAL's right side never: that would turn a missed match into a kept row);
/// into the left side of MINUS, whose rows are the left rows; below a BIND that does not assign a
/// variable it reads; into a GRAPH with an IRI name when it has no EXISTS (the active graph changes).
/// Group, projection, slice, ORDER BY, DISTINCT, sub-selects and SERVICE stop it.
/// </summary>
internal sealed class FilterPushDown : IOptimizerPass
{
    public string Name => "filter-push-down";

    public Op Rewrite(Op op, OptimizerContext context) => Push(op);

    private static Op Push(Op op)
    {
        if (op is not Filter f) return AlgebraRewriter.MapChildren(op, Push);
        // Nested filters are one conjunction.
        var conditions = new List<Expression>(f.Conditions);
        Op input = f.Input;
        while (input is Filter inner)
        {
            conditions.AddRange(inner.Conditions);
            input = inner.Input;
        }
        return PushInto(conditions, input);
    }

    /// <summary>The filter of <paramref name="conditions"/> over <paramref name="input"/>, pushed down.</summary>
    private static Op PushInto(List<Expression> conditions, Op input)
    {
        switch (input)
        {
            case Join j:
                {
                    HashSet<Term> left = VariableScope.Certain(j.Left), right = VariableScope.Certain(j.Right);
                    List<Expression> toLeft = [], toRight = [], kept = [];
                    foreach (Expression c in conditions)
                    {
                        HashSet<Term> read = VariableScope.Read(c);
                        if (read.IsSubsetOf(left)) toLeft.Add(c);
                        else if (read.IsSubsetOf(right)) toRight.Add(c);
                        else kept.Add(c);
                    }
                    return Wrap(kept, new Join(Side(toLeft, j.Left), Side(toRight, j.Right)));
                }
            case LeftJoin l:
                {
                    HashSet<Term> left = VariableScope.Certain(l.Left);
                    List<Expression> toLeft = [], kept = [];
                    foreach (Expression c in conditions)
                        (VariableScope.Read(c).IsSubsetOf(left) ? toLeft : kept).Add(c);
                    return Wrap(kept, l with { Left = Side(toLeft, l.Left), Right = Push(l.Right) });
                }
            case Minus m:
                return new Minus(PushInto(conditions, m.Left), Push(m.Right));
            case Union u:
                return new Union(PushInto([.. conditions], u.Left), PushInto([.. conditions], u.Right));
            case Extend x:
                {
                    List<Expression> below = [], kept = [];
                    foreach (Expression c in conditions)
                        (VariableScope.Read(c).Contains(x.Variable) ? kept : below).Add(c);
                    return Wrap(kept, x with { Input = Side(below, x.Input) });
                }
            case Graph { Name: Iri } g:
                {
                    List<Expression> inside = [], kept = [];
                    foreach (Expression c in conditions)
                        (VariableScope.HasExists(c) ? kept : inside).Add(c);
                    return Wrap(kept, g with { Input = Side(inside, g.Input) });
                }
            default:
                return new Filter(conditions, Push(input));
        }
    }

    private static Op Side(List<Expression> conditions, Op side) => conditions.Count == 0 ? Push(side) : PushInto(conditions, side);

    private static Op Wrap(List<Expression> conditions, Op input) => conditions.Count == 0 ? input : new Filter(conditions, input);
}
