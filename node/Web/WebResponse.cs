using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace DihNode.Node.Web;

/// <summary>
/// Sends a rendered page with the time the server spent on it in a <c>Server-Timing</c> header
/// (https://www.w3.org/TR/server-timing/), so the 200 ms budget can be checked from any client, and the
/// helpful error pages (bad input gets a page that says what was wrong, never a stack trace).
/// </summary>
internal static class WebResponse
{
    /// <summary>The stylesheet link every UI page puts in its head.</summary>
    public const string Head = "<link rel=\"stylesheet\" href=\"/web/site.css\">\n<script src=\"/web/site.js\" defer></script>\n";

    public static Task HtmlAsync(HttpContext context, string html, long started, int status = StatusCodes.Status200OK) =>
        SendAsync(context, Encoding.UTF8.GetBytes(html), started, status);

    /// <summary>Sends a page still in its builder (ended with <see cref="Layout.Close"/>), encoded into a pooled buffer.</summary>
    public static async Task HtmlAsync(HttpContext context, StringBuilder html, long started, int status = StatusCodes.Status200OK)
    {
        using var page = Utf8Page.From(html);
        await SendAsync(context, page.Bytes, started, status);
    }

    private static Task SendAsync(HttpContext context, ReadOnlyMemory<byte> body, long started, int status)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength = body.Length;
        response.Headers.CacheControl = "no-cache";
        response.Headers["Server-Timing"] = Timing(started);
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    /// <summary>A page with a heading, a message and links onwards, with <paramref name="status"/>.</summary>
    public static Task ErrorAsync(HttpContext context, long started, int status, string title, string message)
    {
        var html = Layout.Begin(title, Head);
        html.Append("<h1>").Text(title).Append("</h1>\n<p role=\"alert\">").Text(message).Append("</p>\n")
            .Append("<p><a href=\"/search\">Search the hubs</a> · <a href=\"/query\">Ask in SPARQL</a> · <a href=\"/\">Home</a></p>\n");
        return HtmlAsync(context, Layout.Close(html), started, status);
    }

    /// <summary>The <c>Server-Timing</c> value: milliseconds since <paramref name="started"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public static string Timing(long started) =>
        "app;dur=" + Stopwatch.GetElapsedTime(started).TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture);
}
