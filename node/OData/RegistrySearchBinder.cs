using System.Linq.Expressions;
using System.Reflection;
using DihNode.Node.Registry;
using Microsoft.AspNetCore.OData.Query.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.OData;
using Microsoft.OData.UriParser;

namespace DihNode.Node.OData;

/// <summary>
/// <c>$search</c> (OData v4.01 Part 2, §5.1.7) over the registry: each search term matches an entity whose
/// text fields contain it, ignoring ASCII case: a hub's Name, Title or Description, a concept's Label or
/// Notation, a country's Name or Code. Terms combine with <c>AND</c> (also by juxtaposition),
/// <c>OR</c> and <c>NOT</c>. The predicate is built from <c>EF.Functions.Like</c>, so SQLite evaluates it
/// (<c>LIKE '%term%' ESCAPE '\'</c>); nothing is filtered in memory.
/// </summary>
internal sealed class RegistrySearchBinder : ISearchBinder
{
    private const char Escape = '\\';

    private static readonly MethodInfo s_like = typeof(DbFunctionsExtensions).GetMethod(
        nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    private static readonly Expression s_functions = Expression.Constant(EF.Functions);

    public Expression BindSearch(SearchClause searchClause, QueryBinderContext context)
    {
        var type = context.ElementClrType;
        var fields = SearchedFields(type)
            ?? throw new ODataException($"$search is not supported on {type.Name} entities (only Hubs, Concepts and Countries)");
        var it = Expression.Parameter(type, "it");
        var body = Bind(searchClause.Expression, it, fields);
        return Expression.Lambda(typeof(Func<,>).MakeGenericType(type, typeof(bool)), body, it);
    }

    /// <summary>The text properties a term is looked for in, by entity type; null for a type without any.</summary>
    private static string[]? SearchedFields(Type type) =>
        type == typeof(Hub) ? [nameof(Hub.Name), nameof(Hub.Title), nameof(Hub.Description)]
        : type == typeof(Concept) ? [nameof(Concept.Label), nameof(Concept.Notation)]
        : type == typeof(Country) ? [nameof(Country.Name), nameof(Country.Code)]
        : null;

    private static Expression Bind(SingleValueNode node, ParameterExpression it, string[] fields) => node switch
    {
        SearchTermNode term => Term(term.Text, it, fields),
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And } and => Expression.AndAlso(Bind(and.Left, it, fields), Bind(and.Right, it, fields)),
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Or } or => Expression.OrElse(Bind(or.Left, it, fields), Bind(or.Right, it, fields)),
        UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Not } not => Expression.Not(Bind(not.Operand, it, fields)),
        ConvertNode convert => Bind(convert.Source, it, fields),
        _ => throw new ODataException($"$search: unsupported expression {node.Kind}"),
    };

    /// <summary>
    /// <c>field IS NOT NULL AND field LIKE '%term%'</c> for each field, or-ed: the null test keeps the
    /// predicate two-valued, so <c>NOT</c> of a term also matches hubs without a title or description.
    /// </summary>
    private static Expression Term(string text, ParameterExpression it, string[] fields)
    {
        // A captured value, not a constant: EF sends it as a parameter and reuses the compiled query.
        var pattern = Expression.Property(Expression.Constant(new LikePattern("%" + EscapeLike(text) + "%")), nameof(LikePattern.Value));
        var escape = Expression.Constant(Escape.ToString());
        Expression? any = null;
        foreach (string field in fields)
        {
            var property = Expression.Property(it, field);
            Expression match = Expression.Call(s_like, s_functions, property, pattern, escape);
            match = Expression.AndAlso(Expression.NotEqual(property, Expression.Constant(null, typeof(string))), match);
            any = any is null ? match : Expression.OrElse(any, match);
        }
        return any!;
    }

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

    private sealed record LikePattern(string Value);
}
