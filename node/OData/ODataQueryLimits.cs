using System.Globalization;
using System.Text.Json;
using DihNode.Node.Hosting;
using DihNode.Node.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SQLitePCL;

namespace DihNode.Node.OData;

/// <summary>
/// <c>/odata</c> queries (GET and HEAD) share the limits of SPARQL queries: a slot of the
/// <see cref="QueryGate"/> (none free: 503 with <c>Retry-After: 1</c>, and the query never runs) and the
/// time limit <see cref="NodeOptions.QueryTimeout"/>. When the time is up the request's cancellation
/// token fires (EF Core stops between rows) and the SQLite statement of the request's registry context is
/// interrupted (<c>sqlite3_interrupt</c>, https://www.sqlite.org/c3ref/interrupt.html: a sort or a
/// scan stops at once, since Microsoft.Data.Sqlite's own cancel does nothing); the answer is 503 when
/// nothing was sent yet, else the connection is cut so a partial page is never taken for a whole one.
/// The service document and <c>$metadata</c> read no data and pass. Writes pass too: they are one
/// registry write each, bounded by <see cref="HubRegistry.LockWait"/>.
/// </summary>
internal static class ODataQueryLimits
{
    public static void Map(WebApplication app) => app.Use(async (http, next) =>
    {
        if (!IsQuery(http.Request))
        {
            await next(http);
            return;
        }
        var options = http.RequestServices.GetRequiredService<NodeOptions>();
        using var slot = http.RequestServices.GetRequiredService<QueryGate>().TryEnter();
        if (slot is null)
        {
            http.Response.Headers.RetryAfter = "1";
            await ErrorAsync(http, StatusCodes.Status503ServiceUnavailable, "Busy", $"all {options.MaxConcurrentQueries} query slots of this node are busy; retry in a moment");
            return;
        }
        var aborted = http.RequestAborted;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        http.RequestAborted = deadline.Token;
        using var interrupt = deadline.Token.Register(() => Interrupt(http));
        deadline.CancelAfter(options.QueryTimeout);
        try
        {
            await next(http);
        }
        catch (Exception) when (deadline.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
            http.RequestAborted = aborted;
            await StoppedAsync(http, options.QueryTimeout);
            return;
        }
        finally
        {
            http.RequestAborted = aborted;
        }
        // A query interrupted inside EF Core or the OData library may come back as an error answer instead of an exception.
        if (deadline.IsCancellationRequested && !aborted.IsCancellationRequested && http.Response.StatusCode >= 400 && !http.Response.HasStarted)
            await StoppedAsync(http, options.QueryTimeout);
    });

    private static bool IsQuery(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)) return false;
        string path = request.Path.Value ?? "";
        string prefix = "/" + ODataEndpoints.Prefix;
        if (!path.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase)) return false;
        string rest = path[(prefix.Length + 1)..].TrimEnd('/');
        return rest.Length > 0 && !rest.Equals("$metadata", StringComparison.Ordinal);
    }

    /// <summary>Stops the statement running on the request's registry connection, if one is open.</summary>
    private static void Interrupt(HttpContext http)
    {
        try
        {
            var context = http.RequestServices.GetService<RegistryDbContext>();
            if (context?.Database.GetDbConnection() is SqliteConnection { State: System.Data.ConnectionState.Open, Handle: { } handle })
                raw.sqlite3_interrupt(handle);
        }
        catch (ObjectDisposedException)
        {
            // the request's services are gone: nothing runs any more
        }
    }

    private static async Task StoppedAsync(HttpContext http, TimeSpan limit)
    {
        string message = $"the query exceeded its time limit of {limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s and was stopped";
        if (http.Response.HasStarted)
        {
            http.Abort(); // part of a page is out: cut the connection rather than end a body that looks complete
            return;
        }
        http.Response.Clear();
        await ErrorAsync(http, StatusCodes.Status503ServiceUnavailable, "QueryTimeout", message);
    }

    private static async Task ErrorAsync(HttpContext http, int status, string code, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(http.Response.Body);
        json.WriteStartObject();
        json.WriteStartObject("error");
        json.WriteString("code", code);
        json.WriteString("message", message);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
