using System.Globalization;
using DihNode.Node.Registry;
using Microsoft.AspNetCore.OData.Abstracts;
using Microsoft.Net.Http.Headers;

namespace DihNode.Node.OData;

/// <summary>
/// ETags of <c>/odata</c> (OData v4.01 Part 1, §11.4.1.1): a hub's is <c>W/"{Version}"</c>, the change
/// sequence that last wrote it, both in <c>@odata.etag</c> and in the <c>ETag</c> header; <c>If-Match</c>
/// takes the same form or <c>*</c>.
/// </summary>
internal sealed class HubETagHandler : IETagHandler
{
    public EntityTagHeaderValue? CreateETag(IDictionary<string, object>? properties, TimeZoneInfo? timeZoneInfo = null) =>
        properties is not null && properties.TryGetValue(nameof(Hub.Version), out var value) && value is long version ? For(version) : null;

    public IDictionary<string, object>? ParseETag(EntityTagHeaderValue? etagHeaderValue) =>
        TryParse(etagHeaderValue, out long version) ? new Dictionary<string, object> { [nameof(Hub.Version)] = version } : null;

    public static EntityTagHeaderValue For(long version) => new($"\"{version.ToString(CultureInfo.InvariantCulture)}\"", isWeak: true);

    /// <summary>The version an entity tag names (weak or strong, <c>"123"</c>); false for anything else.</summary>
    public static bool TryParse(EntityTagHeaderValue? etag, out long version)
    {
        version = 0;
        if (etag is null || etag.Tag.Length < 2) return false;
        var tag = etag.Tag.AsSpan(1, etag.Tag.Length - 2);
        return long.TryParse(tag, NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }
}
