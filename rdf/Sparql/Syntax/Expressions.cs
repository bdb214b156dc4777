using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Syntax;

/// <summary>
/// A SPARQL expression (Query §17), shared by the AST and the algebra. Operators and built-in
/// calls keep the spec's names (upper case for built-ins) so later stages switch on them.
/// </summary>
public abstract record Expression
{
    /// <summary>The expression in SSE form, e.g. <c>(+ ?x 1)</c>.</summary>
    public sealed override string ToString() => SsePrinter.Print(this);
}

/// <summary>A variable reference.</summary>
public sealed record VariableExpression(Variable Variable) : Expression;

/// <summary>An IRI or literal constant.</summary>
public sealed record ConstantExpression(Term Value) : Expression;

/// <summary>
/// An operator: "||", "&amp;&amp;", "=", "!=", "&lt;", "&gt;", "&lt;=", "&gt;=", "+", "-", "*", "/", and
/// unary "!", "u+", "u-" (one argument).
/// </summary>
public sealed record OperatorExpression(string Operator, IReadOnlyList<Expression> Arguments) : Expression;

/// <summary>A built-in call (§17.4), name upper-cased: STR, LANG, REGEX, BOUND, IF, COALESCE, ...</summary>
public sealed record BuiltInCall(string Name, IReadOnlyList<Expression> Arguments) : Expression;

/// <summary>A call of an extension function or an XSD constructor function named by IRI (§17.6).</summary>
public sealed record FunctionCall(Iri Function, IReadOnlyList<Expression> Arguments, bool Distinct = false) : Expression;

/// <summary><c>e IN (…)</c> or <c>e NOT IN (…)</c> (§17.4.1.9–10).</summary>
public sealed record InExpression(Expression Operand, IReadOnlyList<Expression> List, bool Negated) : Expression;

/// <summary>
/// EXISTS / NOT EXISTS (§17.4.1.4). <see cref="Pattern"/> is the parsed group;
/// <see cref="Algebra"/> is set once the query has been translated.
/// </summary>
public sealed record ExistsExpression(GroupGraphPattern Pattern, bool Negated) : Expression
{
    public Op? Algebra { get; init; }
}

/// <summary>
/// An aggregate (§18.5): COUNT, SUM, MIN, MAX, AVG, SAMPLE, GROUP_CONCAT, or an IRI for a custom
/// aggregate. <see cref="Argument"/> is null for COUNT(*).
/// </summary>
public sealed record AggregateExpression(string Name, bool Distinct, Expression? Argument, string? Separator = null, Iri? CustomFunction = null) : Expression;
