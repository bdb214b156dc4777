using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DihNode.Node.Web;
using DihNode.Rdf.Io.Conneg;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace DihNode.Node.LinkedData;

/// <summary>
/// Sends a rendered representation with its validators: a strong ETag made of a tag (the hub's
/// registry version, when there is one) and a hash of the bytes, so it changes whenever anything shown
/// changes (the hub, its links, the labels of what it points to); If-None-Match gets 304 Not Modified
/// (RFC 9110 §13.1.2). Also the 404 and 406 answers, as HTML or text by Accept.
/// </summary>
internal static class LinkedDataResponse
{
    public static async Task SendAsync(HttpContext context, ReadOnlyMemory<byte> body, string contentType, string? tag = null, bool negotiated = true,
        DateTime? lastModified = null, string? contentLocation = null)
    {
        var response = context.Response;
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body.Span, hash);
        string etag = "\"" + (tag is null ? "" : tag + "-") + Convert.ToHexStringLower(hash[..8]) + "\"";
        response.Headers.ETag = etag;
        if (negotiated) response.Headers.Vary = HeaderNames.Accept;
        if (contentLocation is not null) response.Headers.ContentLocation = contentLocation;
        if (lastModified is DateTime modified)
            response.Headers.LastModified = DateTime.SpecifyKind(modified, DateTimeKind.Utc).ToString("R", CultureInfo.InvariantCulture);
        if (Matches(context.Request.Headers.IfNoneMatch, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method)) await response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>If-None-Match (RFC 9110 §13.1.2): "*" or a list of entity tags, compared weakly.</summary>
    private static bool Matches(Microsoft.Extensions.Primitives.StringValues header, string etag)
    {
        foreach (string? value in header)
        {
            if (value is null) continue;
            foreach (string part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                string candidate = part.StartsWith("W/", StringComparison.Ordinal) ? part[2..] : part;
                if (candidate == "*" || candidate == etag) return true;
            }
        }
        return false;
    }

    /// <summary>404 as an HTML page when the client prefers HTML, else plain text.</summary>
    public static Task NotFoundAsync(HttpContext context, string message) =>
        ErrorAsync(context, StatusCodes.Status404NotFound, "Not found", message);

    /// <summary>406 with the media types on offer.</summary>
    public static Task NotAcceptableAsync(HttpContext context)
    {
        context.Response.Headers.Vary = HeaderNames.Accept;
        context.Response.StatusCode = StatusCodes.Status406NotAcceptable;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync($"None of the media types in Accept is available here. Available: {Representation.Offered}.\n", context.RequestAborted);
    }

    public static Task ErrorAsync(HttpContext context, int status, string title, string message)
    {
        bool html = ContentNegotiation.Choose(context.Request.Headers.Accept.ToString(), ["text/plain", "text/html"]) == "text/html";
        context.Response.StatusCode = status;
        context.Response.Headers.Vary = HeaderNames.Accept;
        context.Response.ContentType = html ? "text/html; charset=utf-8" : "text/plain; charset=utf-8";
        string body = html ? Layout.ErrorPage(title, message) : message + "\n";
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.WriteAsync(body, Encoding.UTF8, context.RequestAborted);
    }
}
