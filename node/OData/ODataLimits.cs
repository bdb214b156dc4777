namespace DihNode.Node.OData;

/// <summary>The paging and size limits of <c>/odata</c> queries.</summary>
internal static class ODataLimits
{
    /// <summary>Server-driven paging: at most this many entities per response, then <c>@odata.nextLink</c>.</summary>
    public const int PageSize = 100;

    /// <summary>The largest <c>$top</c> a client may ask for; more is a 400.</summary>
    public const int MaxTop = 1000;

    /// <summary>How deep <c>$expand</c> may nest (Hubs → Involvements → Concept is 2).</summary>
    public const int MaxExpansionDepth = 3;

    /// <summary>The most nodes a <c>$filter</c> may have, so that a query stays a cheap SQL statement.</summary>
    public const int MaxNodeCount = 200;
}
