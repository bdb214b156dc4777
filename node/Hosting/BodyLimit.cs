using Microsoft.AspNetCore.Http;

namespace DihNode.Node.Hosting;

/// <summary>
/// Refuses a request whose declared <c>Content-Length</c> is over <see cref="NodeOptions.MaxBodyBytes"/>
/// with 413 before any endpoint sees it (RFC 9110 §15.5.14), whatever the endpoint does with read
/// errors. Bodies without a length (chunked) are cut by Kestrel's own limit as they are read.
/// </summary>
internal sealed class BodyLimit(RequestDelegate next, NodeOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength is long length && length > options.MaxBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            context.Response.ContentType = "text/plain; charset=utf-8";
            context.Response.Headers.Connection = "close";
            await context.Response.WriteAsync($"the request body is larger than this node accepts ({options.MaxBodyBytes} bytes)\n", context.RequestAborted);
            return;
        }
        await next(context);
    }
}
