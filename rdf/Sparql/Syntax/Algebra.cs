using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Syntax;

/// <summary>
/// A SPARQL algebra operator (Query §18.2, §18.4). One sealed record per operator;
/// <see cref="ToString"/> prints the SSE form used in tests, e.g. <c>(join (bgp …) …)</c>.
/// </summary>
public abstract record Op
{
    public sealed override string ToString() => SsePrinter.Print(this);
}

/// <summary>A triple pattern of a BGP; blank nodes stand for variables local to the BGP.</summary>
public sealed record TriplePattern(Term Subject, Term Predicate, Term Obj);

/// <summary>A basic graph pattern. The empty BGP is the join identity Z.</summary>
public sealed record Bgp(IReadOnlyList<TriplePattern> Triples) : Op
{
    public static readonly Bgp Empty = new([]);
}

/// <summary>A property path pattern that is not a plain triple (§18.2.2.4).</summary>
public sealed record PathOp(Term Subject, PropertyPath Path, Term Obj) : Op;

public sealed record Join(Op Left, Op Right) : Op;

/// <summary>LeftJoin(P1, P2, F); <see cref="Condition"/> null means true.</summary>
public sealed record LeftJoin(Op Left, Op Right, Expression? Condition) : Op;

/// <summary>Filter with its conditions (a conjunction).</summary>
public sealed record Filter(IReadOnlyList<Expression> Conditions, Op Input) : Op;

public sealed record Union(Op Left, Op Right) : Op;

public sealed record Minus(Op Left, Op Right) : Op;

public sealed record Graph(Term Name, Op Input) : Op;

public sealed record Service(Term Endpoint, bool Silent, Op Input) : Op;

/// <summary>Extend(P, var, expr): one assignment per record.</summary>
public sealed record Extend(Op Input, Variable Variable, Expression Expression) : Op;

/// <summary>Inline data (VALUES) as a table; a null cell is unbound. The unit table has no variables and one row.</summary>
public sealed record Table(IReadOnlyList<Variable> Variables, IReadOnlyList<IReadOnlyList<Term?>> Rows) : Op
{
    public static readonly Table Unit = new([], [Array.Empty<Term?>()]);
}

/// <summary>ToMultiset(subquery): a sub-SELECT inside a pattern (§18.2.4.5 … §18.2.5).</summary>
public sealed record ToMultiset(Op Input) : Op;

/// <summary>One GROUP BY key: an expression, with the variable it is bound to (if AS or a plain variable).</summary>
public sealed record GroupKey(Expression Expression, Variable? Variable);

/// <summary>An aggregate bound to an internal variable (§18.2.4.1).</summary>
public sealed record AggregateBinding(Variable Variable, AggregateExpression Aggregate);

/// <summary>Group(keys, P) with its aggregates (Aggregation, §18.2.4.1) in one operator.</summary>
public sealed record Group(IReadOnlyList<GroupKey> Keys, IReadOnlyList<AggregateBinding> Aggregates, Op Input) : Op;

public sealed record OrderBy(IReadOnlyList<OrderCondition> Conditions, Op Input) : Op;

public sealed record Project(IReadOnlyList<Variable> Variables, Op Input) : Op;

public sealed record Distinct(Op Input) : Op;

public sealed record Reduced(Op Input) : Op;

/// <summary>Slice(P, start, length); null means "not given".</summary>
public sealed record Slice(Op Input, long? Offset, long? Limit) : Op;
