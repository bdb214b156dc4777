using DihNode.Node.Hosting;
using Microsoft.AspNetCore.Http;

namespace DihNode.Node.Sparql;

/// <summary>The node's public base URL: <see cref="NodeOptions.PublicUrl"/>, else the request's own scheme, host and path base.</summary>
internal static class NodeUrls
{
    public static string Base(HttpContext context, NodeOptions options) =>
        options.PublicUrl is { Length: > 0 } url
            ? url.TrimEnd('/')
            : $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}".TrimEnd('/');

    /// <summary>The query endpoint; also the base IRI of queries and updates (SPARQL 1.1 Protocol lets the service choose).</summary>
    public static string Sparql(HttpContext context, NodeOptions options) => Base(context, options) + "/sparql";
}
