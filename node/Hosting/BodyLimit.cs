using Microsoft.AspNetCore.Http;

namespace DihNode.Node.Hosting;

/// <summary>
/// Refuses a request whose declared <c>Content-Length</c> is over <see cref="NodeOptions.MaxBodyBytes"/>
/// with 413 before any endpoint sees it (RFC 9110 §15.5.14), whatever the endpoint does with read
/// errors. Bodies without a length (chunked) are cut by Kestrel's own limit as they are read; for OData,
/// whose formatters turn any read error into a 400, such a body is read first (up to the limit) so that
/// an oversized one gets its 413 too.
/// </summary>
internal sealed class BodyLimit(RequestDelegate next, NodeOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength is long length && length > options.MaxBodyBytes)
        {
            await RefuseAsync(context);
            return;
        }
        if (request.ContentLength is null && request.Path.StartsWithSegments("/odata") && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            var buffered = new MemoryStream();
            try
            {
                await request.Body.CopyToAsync(buffered, context.RequestAborted);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                await RefuseAsync(context);
                return;
            }
            buffered.Position = 0;
            request.Body = buffered;
        }
        await next(context);
    }

    private Task RefuseAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.Connection = "close";
        return context.Response.WriteAsync($"the request body is larger than this node accepts ({options.MaxBodyBytes} bytes)\n", context.RequestAborted);
    }
}
