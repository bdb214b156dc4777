using System.Linq.Expressions;
using System.Reflection;
using Microsoft.AspNetCore.OData.Query.Expressions;
using Microsoft.OData.UriParser;

namespace DihNode.Node.OData;

/// <summary>
/// The <c>$filter</c> binder with <c>startswith</c> and <c>endswith</c> kept case-sensitive on SQLite, as
/// OData defines them (Part 2, §5.1.1.7): EF Core turns <see cref="string.StartsWith(string)"/> into
/// <c>LIKE 'x%'</c>, which SQLite compares ignoring ASCII case, so this binds them to a comparison of
/// the leading (trailing) <c>substr</c> instead, still run by SQLite. <c>contains</c> is already exact
/// (<c>instr</c>); <c>tolower</c>/<c>toupper</c> change ASCII letters only (SQLite <c>lower</c>/<c>upper</c>).
/// </summary>
internal sealed class RegistryFilterBinder : FilterBinder
{
    private static readonly MethodInfo s_substringFrom = typeof(string).GetMethod(nameof(string.Substring), [typeof(int)])!;
    private static readonly MethodInfo s_substring = typeof(string).GetMethod(nameof(string.Substring), [typeof(int), typeof(int)])!;
    private static readonly PropertyInfo s_length = typeof(string).GetProperty(nameof(string.Length))!;

    protected override Expression BindStartsWith(SingleValueFunctionCallNode node, QueryBinderContext context)
    {
        if (!TryBindTwoStrings(node, context, out var text, out var prefix)) return base.BindStartsWith(node, context);
        var head = Expression.Call(text, s_substring, Expression.Constant(0), Expression.Property(prefix, s_length));
        return Exact(text, prefix, head);
    }

    protected override Expression BindEndsWith(SingleValueFunctionCallNode node, QueryBinderContext context)
    {
        if (!TryBindTwoStrings(node, context, out var text, out var suffix)) return base.BindEndsWith(node, context);
        var tail = Expression.Call(text, s_substringFrom, Expression.Subtract(Expression.Property(text, s_length), Expression.Property(suffix, s_length)));
        return Exact(text, suffix, tail);
    }

    /// <summary><c>text IS NOT NULL AND part = affix</c>: SQLite's <c>=</c> on text compares exactly (BINARY collation).</summary>
    private static Expression Exact(Expression text, Expression affix, Expression part) =>
        Expression.AndAlso(Expression.NotEqual(text, Expression.Constant(null, typeof(string))), Expression.Equal(part, affix));

    private bool TryBindTwoStrings(SingleValueFunctionCallNode node, QueryBinderContext context, out Expression text, out Expression affix)
    {
        var arguments = BindArguments(node.Parameters, context);
        text = arguments.Length == 2 ? arguments[0] : null!;
        affix = arguments.Length == 2 ? arguments[1] : null!;
        return arguments.Length == 2 && text.Type == typeof(string) && affix.Type == typeof(string);
    }
}
