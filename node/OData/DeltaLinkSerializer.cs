using System.Collections;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.AspNetCore.OData.Formatter.Serialization;
using Microsoft.AspNetCore.OData.Query.Container;
using Microsoft.OData;
using Microsoft.OData.Edm;

namespace DihNode.Node.OData;

/// <summary>
/// Writes the delta link <see cref="HubsDelta"/> set on the request only on the last page of a collection
/// (OData JSON Format §15: the delta link comes after the last page; ODataLib refuses a set with both a next
/// link and a delta link).
/// </summary>
internal sealed class DeltaLinkSerializer(IODataSerializerProvider provider) : ODataResourceSetSerializer(provider)
{
    public override ODataResourceSet CreateResourceSet(IEnumerable resourceSetInstance, IEdmCollectionTypeReference resourceSetType, ODataSerializerContext writeContext)
    {
        // The library sets the next link only after writing the entries: with server-driven paging it writes one
        // whenever the page is full (its skip token seeks past the last key). The page is already read into
        // memory (the query runs before serialisation), so count it the same way.
        const int pageSize = ODataLimits.PageSize; // the Hubs set's page size (RegistryEdmModel), the only set with a delta link
        bool lastPage = resourceSetInstance switch
        {
            ITruncatedCollection truncated => !truncated.IsTruncated,
            ICollection collection => collection.Count < pageSize,
            IQueryable { Provider: EnumerableQuery } inMemory => inMemory.Cast<object>().Take(pageSize).Count() < pageSize,
            _ => false, // unknown: no delta link rather than two links
        };
        return WithDeltaLink(writeContext, lastPage, () => base.CreateResourceSet(resourceSetInstance, resourceSetType, writeContext));
    }

    public override ODataResourceSet CreateResourceSet(IAsyncEnumerable<object> resourceSetInstance, IEdmCollectionTypeReference resourceSetType, ODataSerializerContext writeContext) =>
        WithDeltaLink(writeContext, false, () => base.CreateResourceSet(resourceSetInstance, resourceSetType, writeContext));

    private static ODataResourceSet WithDeltaLink(ODataSerializerContext writeContext, bool lastPage, Func<ODataResourceSet> create)
    {
        // Only the top-level set of the request: an expanded collection never carries the request's links.
        if (writeContext.Request is not { } request || writeContext.ExpandedResource is not null || request.ODataFeature().DeltaLink is not { } delta) return create();
        if (request.ODataFeature().NextLink is not null) lastPage = false;
        request.ODataFeature().DeltaLink = null;
        try
        {
            var set = create();
            set.DeltaLink = lastPage ? delta : null;
            return set;
        }
        finally
        {
            request.ODataFeature().DeltaLink = delta;
        }
    }
}
