using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DihNode.Node.Hosting;

/// <summary>One structured log entry per request: method, path, status, duration, client address.</summary>
internal sealed partial class RequestLog(RequestDelegate next, ILogger<RequestLog> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            Served(logger, context.Request.Method, context.Request.Path.Value ?? "", context.Response.StatusCode,
                Stopwatch.GetElapsedTime(start).TotalMilliseconds, context.Connection.RemoteIpAddress?.ToString() ?? "");
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Path} {Status} {ElapsedMs:F1} ms {Client}")]
    private static partial void Served(ILogger logger, string method, string path, int status, double elapsedMs, string client);
}
