using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;

namespace DihNode.Node.Hosting;

/// <summary>
/// A per-client budget, so that one client cannot take the node from everyone else: within each window
/// of <see cref="NodeOptions.ClientBudgetWindow"/> a client (its address: <see cref="ClientIdentity"/>, the
/// remote address or, behind a trusted proxy, the forwarded one) may spend
/// <see cref="NodeOptions.ClientTimeBudget"/> of request time on the query and write endpoints and
/// cause <see cref="NodeOptions.ClientErrorBudget"/> error answers (4xx and 500, not counting the node's
/// own 429/503 refusals). A client over either budget gets 429 with <c>Retry-After</c> (the seconds left
/// in its window, RFC 9110 §10.2.3 and RFC 6585 §4) and its request never runs; other clients keep
/// their own budgets. Time is charged when a request ends, so a client's requests already running finish.
/// </summary>
public sealed class ClientBudget(NodeOptions options, TimeProvider? time = null)
{
    /// <summary>Above this many tracked clients, accounts whose window has ended are dropped.</summary>
    private const int PruneAbove = 10_000;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<IPAddress, Account> _accounts = new();

    public bool Enabled => options.ClientBudgetWindow > TimeSpan.Zero;

    /// <summary>Null when <paramref name="client"/> is within its budget; else how long until its window ends.</summary>
    public TimeSpan? Refusal(IPAddress client)
    {
        if (!Enabled || !_accounts.TryGetValue(client, out var account)) return null;
        lock (account)
        {
            TimeSpan left = account.Roll(_time.GetUtcNow(), options.ClientBudgetWindow);
            bool over = account.Spent > options.ClientTimeBudget || account.Errors > options.ClientErrorBudget;
            return over ? left : null;
        }
    }

    /// <summary>Charges a finished request: its duration when <paramref name="timed"/>, and one error when <paramref name="error"/>.</summary>
    public void Charge(IPAddress client, TimeSpan elapsed, bool timed, bool error)
    {
        if (!Enabled || (!timed && !error)) return;
        if (_accounts.Count > PruneAbove) Prune();
        var account = _accounts.GetOrAdd(client, _ => new Account());
        lock (account)
        {
            account.Roll(_time.GetUtcNow(), options.ClientBudgetWindow);
            if (timed) account.Spent += elapsed;
            if (error) account.Errors++;
        }
    }

    private void Prune()
    {
        var now = _time.GetUtcNow();
        foreach (var (key, account) in _accounts)
            lock (account)
                if (now - account.Start >= options.ClientBudgetWindow) _accounts.TryRemove(key, out _);
    }

    private sealed class Account
    {
        public DateTimeOffset Start { get; private set; } = DateTimeOffset.MinValue;

        public TimeSpan Spent { get; set; }

        public int Errors { get; set; }

        /// <summary>Starts a new window when the current one has ended; returns the time left in the window.</summary>
        public TimeSpan Roll(DateTimeOffset now, TimeSpan window)
        {
            if (now - Start >= window)
            {
                Start = now;
                Spent = TimeSpan.Zero;
                Errors = 0;
            }
            return window - (now - Start);
        }
    }
}

/// <summary>The middleware that applies <see cref="ClientBudget"/> to every request.</summary>
internal sealed class ClientBudgetMiddleware(RequestDelegate next, ClientBudget budget, ClientIdentity identity)
{
    /// <summary>The endpoints whose time counts: queries, updates, Graph Store, OData (the pages and dumps are cheap and cached).</summary>
    private static readonly string[] s_timedPaths = ["/sparql", "/graph-store", "/odata"];

    public async Task InvokeAsync(HttpContext context)
    {
        IPAddress? client = budget.Enabled ? identity.Of(context) : null;
        if (client is null)
        {
            await next(context);
            return;
        }
        if (budget.Refusal(client) is TimeSpan left)
        {
            int seconds = Math.Max(1, (int)Math.Ceiling(left.TotalSeconds));
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync($"this client has used its query time or error budget for now; retry in {seconds} s\n", context.RequestAborted);
            return;
        }
        long start = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            int status = context.Response.StatusCode;
            bool error = status >= 400 && status != StatusCodes.Status429TooManyRequests && status != StatusCodes.Status503ServiceUnavailable
                || context.RequestAborted.IsCancellationRequested && status < 400;
            string path = context.Request.Path.Value ?? "";
            bool timed = s_timedPaths.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase));
            budget.Charge(client, Stopwatch.GetElapsedTime(start), timed, error);
        }
    }
}
