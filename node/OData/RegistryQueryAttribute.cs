using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.OData;
using Microsoft.OData.UriParser;
using Microsoft.OData.UriParser.Aggregation;

namespace DihNode.Node.OData;

/// <summary>
/// <see cref="EnableQueryAttribute"/> with the node's limits (<see cref="ODataLimits"/>): server-driven
/// paging, the largest <c>$top</c>, the deepest <c>$expand</c>, the largest <c>$filter</c>. A query the
/// OData parser or validator refuses (an unknown property, bad syntax, a <c>$top</c> too large) is a 400
/// whose message says why, without the library's inner error and its stack trace.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class RegistryQueryAttribute : EnableQueryAttribute
{
    public RegistryQueryAttribute()
    {
        MaxTop = ODataLimits.MaxTop;
        MaxExpansionDepth = ODataLimits.MaxExpansionDepth;
        MaxNodeCount = ODataLimits.MaxNodeCount;
    }

    public override void OnActionExecuting(ActionExecutingContext actionExecutingContext)
    {
        base.OnActionExecuting(actionExecutingContext);
        Scrub(actionExecutingContext.Result);
    }

    public override void OnActionExecuted(ActionExecutedContext actionExecutedContext)
    {
        base.OnActionExecuted(actionExecutedContext);
        Scrub(actionExecutedContext.Result);
    }

    /// <summary>Keeps the message of a refused query and drops the inner error (exception type and stack trace).</summary>
    private static void Scrub(IActionResult? result)
    {
        if (result is not ObjectResult answer) return;
        switch (answer.Value)
        {
            case ODataError error:
                error.InnerError = null;
                if (string.IsNullOrEmpty(error.Code)) error.Code = "BadQuery";
                break;
            case SerializableError serializable:
                string message = serializable.TryGetValue("Message", out var m) && m is string text ? text : "the query is not valid";
                answer.Value = new ODataError { Code = "BadQuery", Message = message };
                break;
        }
    }

    /// <summary>
    /// Refuses, before SQL is built, the shapes EF Core cannot run on SQLite (they need SQL APPLY): a
    /// <c>$top</c> or <c>$skip</c> on an expanded collection that itself expands further, and an
    /// aggregation over a navigation collection (<c>aggregate(Involvements($count as n))</c>).
    /// </summary>
    public override void ValidateQuery(HttpRequest request, ODataQueryOptions queryOptions)
    {
        base.ValidateQuery(request, queryOptions);
        if (queryOptions.SelectExpand?.SelectExpandClause is { } clause && LimitedNestedExpansion(clause) is string path)
            throw new ODataException($"$top or $skip inside $expand={path}(...) cannot be combined with a nested $expand on this node (SQLite); drop one of them");
        if (queryOptions.Apply?.ApplyClause is { } apply && AggregatesOverCollection(apply.Transformations))
            throw new ODataException("$apply cannot aggregate over a navigation collection on this node (SQLite); aggregate the Involvements entity set instead, e.g. /odata/Involvements?$apply=groupby((HubId),aggregate($count as n))");
    }

    private static bool AggregatesOverCollection(IEnumerable<TransformationNode> transformations) => transformations.Any(t => t switch
    {
        AggregateTransformationNode aggregate => aggregate.AggregateExpressions.OfType<EntitySetAggregateExpression>().Any(),
        GroupByTransformationNode { ChildTransformations: { } child } => AggregatesOverCollection([child]),
        _ => false,
    });

    private static string? LimitedNestedExpansion(SelectExpandClause clause)
    {
        foreach (var item in clause.SelectedItems.OfType<ExpandedNavigationSelectItem>())
        {
            string name = item.PathToNavigationProperty.LastSegment.Identifier;
            bool limited = item.TopOption is not null || item.SkipOption is not null;
            if (item.SelectAndExpand is null) continue;
            if (limited && item.SelectAndExpand.SelectedItems.OfType<ExpandedNavigationSelectItem>().Any()) return name;
            if (LimitedNestedExpansion(item.SelectAndExpand) is string inner) return $"{name}($expand={inner})";
        }
        return null;
    }
}
