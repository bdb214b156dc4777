using System.Diagnostics;
using DihNode.Node.Hosting;
using DihNode.Node.Registry;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Results;
using DihNode.Rdf.Sparql.Syntax;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DihNode.Node.Web.Queries;

/// <summary>
/// <c>GET /query</c>: the SPARQL page. <c>?query=TEXT</c> runs a query and shows its result as a table
/// (at most <see cref="ShownRows"/> rows; all of them in the downloads), <c>?example=KEY</c> runs one of
/// <see cref="ExampleQueries"/>, and <c>&amp;format=F</c> downloads the result instead: SELECT and ASK
/// in every SPARQL result format (json, xml, csv, tsv), CONSTRUCT and DESCRIBE in every RDF syntax the
/// node writes. A query that does not parse shows its line and column; one that runs too long or needs
/// too much memory says so. The node's query gate applies, as for the protocol endpoint.
/// </summary>
internal static partial class QueryPage
{
    public const int ShownRows = 500;

    /// <summary>The longest query text accepted (the URL holds it).</summary>
    public const int MaxQueryLength = 20_000;

    public static async Task HandleAsync(HttpContext context, NodeStore store)
    {
        long started = Stopwatch.GetTimestamp();
        var request = context.Request.Query;
        string? text = request["query"].FirstOrDefault();
        string exampleKey = request["example"].ToString();
        ExampleQuery? example = null;
        if (text is null && exampleKey.Length > 0)
        {
            example = ExampleQueries.Find(exampleKey);
            if (example is null)
            {
                await WebResponse.ErrorAsync(context, started, StatusCodes.Status404NotFound, "No such example",
                    "The SPARQL page has no example of that name; its examples are listed on the page.");
                return;
            }
            text = example.TextFor(store.Iris.Base);
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            await WebResponse.HtmlAsync(context, Render(new PageModel(ExampleQueries.All[0].TextFor(store.Iris.Base), null, null, null, 0)), started);
            return;
        }
        if (text.Length > MaxQueryLength)
        {
            await WebResponse.ErrorAsync(context, started, StatusCodes.Status400BadRequest, "Query too long",
                $"This page runs queries of up to {MaxQueryLength:N0} characters; send longer ones to the SPARQL endpoint (/sparql) with POST.");
            return;
        }

        var gate = context.RequestServices.GetRequiredService<QueryGate>();
        using var slot = gate.TryEnter();
        if (slot is null)
        {
            context.Response.Headers.RetryAfter = "2";
            await WebResponse.ErrorAsync(context, started, StatusCodes.Status503ServiceUnavailable, "Busy", "The node is running as many queries as it can. Try again in a moment.");
            return;
        }
        var options = context.RequestServices.GetRequiredService<NodeOptions>();
        var run = QueryRun.Start(store, options, text, context.RequestAborted);
        string format = request["format"].ToString();
        if (format.Length > 0 && run.Problem is null)
        {
            await DownloadAsync(context, run, format, options, started);
            return;
        }
        var table = run.Problem is null ? ReadTable(run, options) : null;
        var problem = run.Problem ?? table?.Problem;
        int status = problem is null ? StatusCodes.Status200OK : problem.Syntax ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity;
        var model = new PageModel(text, example, run, problem is null ? table : null, Stopwatch.GetElapsedTime(run.Started).TotalMilliseconds, problem);
        await WebResponse.HtmlAsync(context, Render(model), started, status);
    }

    /// <summary>The rows to show (the first <see cref="ShownRows"/>) and how many there are in all, up to the node's cap.</summary>
    private static ResultTable ReadTable(QueryRun run, NodeOptions options)
    {
        var table = new ResultTable();
        try
        {
            switch (run.Result)
            {
                case SelectResult select:
                    table.Variables.AddRange(select.Variables.Select(v => v.Name));
                    foreach (var row in select.Rows)
                    {
                        if (table.Total < ShownRows) table.Rows.Add(row);
                        if (++table.Total >= options.MaxResultRows) { table.Truncated = true; break; }
                    }
                    break;
                case AskResult ask:
                    table.Boolean = ask.Value;
                    break;
                case GraphResult graph:
                    table.Variables.AddRange(["subject", "predicate", "object"]);
                    foreach (var t in graph.Triples)
                    {
                        if (table.Total < ShownRows) table.Rows.Add([t.Subject, t.Predicate, t.Object]);
                        if (++table.Total >= options.MaxResultRows) { table.Truncated = true; break; }
                    }
                    table.IsGraph = true;
                    break;
            }
        }
        catch (Exception e) when (QueryRun.Failure(e) is { } problem)
        {
            table.Problem = problem;
        }
        return table;
    }

    /// <summary>The result as a file in <paramref name="format"/> (a SPARQL result format or an RDF syntax, by the query form).</summary>
    private static async Task DownloadAsync(HttpContext context, QueryRun run, string format, NodeOptions options, long started)
    {
        var response = context.Response;
        var output = new MemoryStream();
        string? mediaType = null, extension = null;
        try
        {
            if (run.Result is GraphResult graph)
            {
                if (RdfFormats.FromName(format) is RdfFormat rdf)
                {
                    using (var writer = RdfWriter.Create(output, rdf, new RdfWriterOptions { Prefixes = run.Query!.Prefixes }))
                    {
                        long n = 0;
                        foreach (var t in graph.Triples)
                        {
                            writer.Add(new Quad(t));
                            if (++n >= options.MaxResultRows) break;
                        }
                        writer.Finish();
                    }
                    (mediaType, extension) = (rdf.MediaType(), rdf.FileExtension());
                }
            }
            else if (SparqlResultFormats.FromName(format) is SparqlResultFormat results && (run.Result is SelectResult || results.SupportsBoolean()))
            {
                using (var writer = SparqlResultWriter.Create(output, results))
                {
                    if (run.Result is AskResult ask) writer.WriteBoolean(ask.Value);
                    else if (run.Result is SelectResult select)
                    {
                        writer.Begin([.. select.Variables.Select(v => v.Name)]);
                        long n = 0;
                        foreach (var row in select.Rows)
                        {
                            writer.WriteRow(row);
                            if (++n >= options.MaxResultRows) break;
                        }
                        writer.End();
                    }
                }
                (mediaType, extension) = (results.MediaType(), results.FileExtension());
            }
        }
        catch (Exception e) when (QueryRun.Failure(e) is { } problem)
        {
            await WebResponse.ErrorAsync(context, started, StatusCodes.Status422UnprocessableEntity, "The query failed", problem.Message);
            return;
        }
        if (mediaType is null)
        {
            string offered = run.Result is GraphResult ? "ttl, nt, nq, trig, rdf or jsonld" : run.Result is AskResult ? "json or xml" : "json, xml, csv or tsv";
            await WebResponse.ErrorAsync(context, started, StatusCodes.Status400BadRequest, "No such download format",
                $"“{format}” is not a format for this result. Choose {offered}.");
            return;
        }
        response.ContentType = mediaType.StartsWith("text/", StringComparison.Ordinal) ? mediaType + "; charset=utf-8" : mediaType;
        response.ContentLength = output.Length;
        response.Headers.ContentDisposition = $"attachment; filename=\"query-result{extension}\"";
        response.Headers["Server-Timing"] = WebResponse.Timing(started);
        if (!HttpMethods.IsHead(context.Request.Method)) await response.Body.WriteAsync(output.GetBuffer().AsMemory(0, (int)output.Length), context.RequestAborted);
    }

    /// <summary>What the page shows of a result.</summary>
    private sealed class ResultTable
    {
        public List<string> Variables { get; } = [];
        public List<Term?[]> Rows { get; } = [];
        public long Total { get; set; }
        public bool Truncated { get; set; }
        public bool? Boolean { get; set; }
        public bool IsGraph { get; set; }
        public QueryProblem? Problem { get; set; }
    }

    private sealed record PageModel(string Text, ExampleQuery? Example, QueryRun? Run, ResultTable? Table, double Milliseconds, QueryProblem? Problem = null);
}
