using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DihNode.Node.Hosting;

/// <summary>
/// One structured log entry per request (method, path, status, duration, client address as
/// <see cref="ClientIdentity"/> sees it, and for a request that presented a known key the credential's name,
/// never the key), and one per failure with its exception.
/// </summary>
internal sealed partial class RequestLog(RequestDelegate next, ILogger<RequestLog> logger, ClientIdentity identity)
{
    public async Task InvokeAsync(HttpContext context)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        catch (Exception e) when (Logged(e, context))
        {
            throw; // never reached: the filter only logs, the exception handler answers
        }
        finally
        {
            string method = context.Request.Method, path = context.Request.Path.Value ?? "", client = identity.Of(context)?.ToString() ?? "";
            double elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (WriteAccess.CredentialName(context) is string credential) Wrote(logger, method, path, context.Response.StatusCode, elapsed, client, credential);
            else Served(logger, method, path, context.Response.StatusCode, elapsed, client);
        }
    }

    /// <summary>Logs an exception on its way to the exception handler (which answers without a stack trace); returns false so it goes on.</summary>
    private bool Logged(Exception e, HttpContext context)
    {
        if (e is OperationCanceledException && context.RequestAborted.IsCancellationRequested) return false; // the client left
        if (e is BadHttpRequestException) Rejected(logger, context.Request.Method, context.Request.Path.Value ?? "", e.Message);
        else Failed(logger, e, context.Request.Method, context.Request.Path.Value ?? "");
        return false;
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private static partial void Failed(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "{Method} {Path} refused: {Reason}")]
    private static partial void Rejected(ILogger logger, string method, string path, string reason);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Path} {Status} {ElapsedMs:F1} ms {Client}")]
    private static partial void Served(ILogger logger, string method, string path, int status, double elapsedMs, string client);

    /// <summary>A request that presented a known credential (a write, or a refused one: 403): which credential, by its name.</summary>
    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "{Method} {Path} {Status} {ElapsedMs:F1} ms {Client} credential {Credential}")]
    private static partial void Wrote(ILogger logger, string method, string path, int status, double elapsedMs, string client, string credential);
}
