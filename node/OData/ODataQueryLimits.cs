using System.Globalization;
using DihNode.Node.Hosting;
using DihNode.Node.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SQLitePCL;

namespace DihNode.Node.OData;

/// <summary>
/// <c>/odata</c> queries (GET and HEAD) share the limits of SPARQL queries: a slot of the
/// <see cref="QueryGate"/> (none free: 503 with <c>Retry-After: 1</c>, and the query never runs) and the
/// time limit <see cref="NodeOptions.QueryTimeout"/>. The OData library runs the SQL while it writes the
/// page, after the first bytes went out, so the answer is held back (in memory up to 1 MiB, then a
/// temporary file) until the query is done: a query stopped by its time limit then still gets a clean 503,
/// never a cut page. At the deadline the request's cancellation token fires (EF Core stops between rows)
/// and the SQLite statement of the request's registry context is interrupted (<c>sqlite3_interrupt</c>,
/// https://www.sqlite.org/c3ref/interrupt.html: a sort or scan stops at once; Microsoft.Data.Sqlite's
/// own cancel does nothing). A nested expansion EF Core cannot translate for SQLite (it needs SQL APPLY,
/// found only when the SQL is built) is a 400, not a 500. The service document and <c>$metadata</c> read
/// no data and pass; so do writes, one registry write each, bounded by <see cref="HubRegistry.LockWait"/>.
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
            await ODataErrors.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "Busy", $"all {options.MaxConcurrentQueries} query slots of this node are busy; retry in a moment");
            return;
        }
        var aborted = http.RequestAborted;
        var body = http.Response.Body;
        await using var buffer = new FileBufferingWriteStream(BufferInMemory);
        http.Response.Body = buffer;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        http.RequestAborted = deadline.Token;
        bool timedOut = false; // the deadline fired while the client was still there
        var interrupt = deadline.Token.Register(() =>
        {
            if (aborted.IsCancellationRequested) return;
            Volatile.Write(ref timedOut, true);
            Interrupt(http);
        });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        deadline.CancelAfter(options.QueryTimeout);
        Exception? failure = null;
        // Past the limit counts even when the timer that cancels has not run yet (a busy thread pool runs it late).
        bool Late() => Volatile.Read(ref timedOut) || (clock.Elapsed >= options.QueryTimeout && !aborted.IsCancellationRequested);
        try
        {
            await next(http);
        }
        catch (Exception e) when (Late() || NeedsApply(e))
        {
            failure = e;
        }
        finally
        {
            await interrupt.DisposeAsync(); // after this the deadline can no longer interrupt anything
            http.Response.Body = body;
            http.RequestAborted = aborted;
        }
        if (Late())
        {
            // Stopped inside EF Core or the OData library (an exception, or an error answer made of one), or done too late.
            await AnswerAsync(http, StatusCodes.Status503ServiceUnavailable, "QueryTimeout",
                $"the query exceeded its time limit of {options.QueryTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s and was stopped");
            return;
        }
        if (failure is not null)
        {
            await AnswerAsync(http, StatusCodes.Status400BadRequest, "BadQuery",
                "this combination of $expand (a collection expanded inside another expansion, with paging) needs SQL APPLY, which SQLite lacks; expand one level less or query the inner set directly");
            return;
        }
        await buffer.DrainBufferAsync(body, aborted);
    });

    /// <summary>How much of an answer is held in memory before the rest goes to a temporary file (a page is at most 100 entities and their expansions).</summary>
    private const int BufferInMemory = 1024 * 1024;

    private static bool IsQuery(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)) return false;
        string path = request.Path.Value ?? "";
        string prefix = "/" + ODataEndpoints.Prefix;
        if (!path.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase)) return false;
        string rest = path[(prefix.Length + 1)..].TrimEnd('/');
        return rest.Length > 0 && !rest.Equals("$metadata", StringComparison.Ordinal);
    }

    /// <summary>
    /// EF Core refuses some nested expansions on SQLite when it builds the SQL, which happens while the
    /// result is written, after the query options were validated (<see cref="RegistryQueryAttribute"/>
    /// refuses the shapes it can name beforehand).
    /// </summary>
    private static bool NeedsApply(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
            if (e is InvalidOperationException && e.Message.Contains("APPLY", StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>At the deadline: stops the statement running on the request's registry connection, if one is open.</summary>
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

    /// <summary>Replaces whatever the pipeline had put in the (still unsent) answer by an OData error.</summary>
    private static Task AnswerAsync(HttpContext http, int status, string code, string message)
    {
        http.Response.Clear();
        return ODataErrors.WriteAsync(http, status, code, message);
    }
}
