using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Syntax;

/// <summary>The four query forms (Query §16).</summary>
public enum QueryForm : byte { Select, Construct, Ask, Describe }

/// <summary>One SELECT item: a variable, or <c>(expr AS ?var)</c>.</summary>
public sealed record SelectItem(Variable Variable, Expression? Expression);

/// <summary>A GROUP BY condition: an expression, with an optional <c>AS ?var</c>.</summary>
public sealed record GroupCondition(Expression Expression, Variable? Variable);

/// <summary>An ORDER BY condition.</summary>
public sealed record OrderCondition(Expression Expression, bool Descending);

/// <summary>
/// A parsed query (or sub-SELECT). <see cref="Where"/> is null only for a DESCRIBE without WHERE.
/// <see cref="Projection"/> is empty when the query used <c>SELECT *</c> (<see cref="SelectAll"/>).
/// </summary>
public sealed record Query
{
    public required QueryForm Form { get; init; }
    public string? BaseIri { get; init; }
    public IReadOnlyDictionary<string, string> Prefixes { get; init; } = new Dictionary<string, string>();
    public bool Distinct { get; init; }
    public bool Reduced { get; init; }
    public bool SelectAll { get; init; }
    public IReadOnlyList<SelectItem> Projection { get; init; } = [];
    /// <summary>The CONSTRUCT template (also set for CONSTRUCT WHERE, from the pattern).</summary>
    public IReadOnlyList<TriplePatternSyntax> Template { get; init; } = [];
    /// <summary>DESCRIBE targets (variables or IRIs); empty for <c>DESCRIBE *</c>.</summary>
    public IReadOnlyList<Term> DescribeTargets { get; init; } = [];
    public IReadOnlyList<Iri> From { get; init; } = [];
    public IReadOnlyList<Iri> FromNamed { get; init; } = [];
    public GroupGraphPattern? Where { get; init; }
    public IReadOnlyList<GroupCondition> GroupBy { get; init; } = [];
    public IReadOnlyList<Expression> Having { get; init; } = [];
    public IReadOnlyList<OrderCondition> OrderBy { get; init; } = [];
    public long? Limit { get; init; }
    public long? Offset { get; init; }
    /// <summary>Trailing VALUES (§10.2.2).</summary>
    public InlineData? Values { get; init; }

    /// <summary>Translates the query to its algebra expression (§18.2); each call translates afresh.</summary>
    public Op ToAlgebra() => AlgebraBuilder.Translate(this);
}
