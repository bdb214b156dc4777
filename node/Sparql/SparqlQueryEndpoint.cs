using System.Globalization;
using DihNode.Node.Hosting;
using DihNode.Node.Registry;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Results;
using DihNode.Rdf.Sparql.Syntax;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DihNode.Node.Sparql;

/// <summary>
/// The query operation of the SPARQL 1.1 Protocol (https://www.w3.org/TR/sparql11-protocol/#query-operation)
/// at <c>/sparql</c>: GET with <c>query=</c>, POST as a form or as application/sparql-query;
/// <c>default-graph-uri</c> / <c>named-graph-uri</c> replace the query's dataset. Without them the
/// default graph is the union of all graphs (<see cref="QueryOptions.UnionDefaultGraph"/>). Limits:
/// the query gate (503 + Retry-After, the query never runs), the time limit (<c>timeout</c> seconds,
/// at most <see cref="NodeOptions.MaxQueryTimeout"/>), the intermediate and result row caps.
/// <c>scope=network</c> answers over the node and all its peers, live (<see cref="Federation.NetworkQueryEndpoint"/>).
/// </summary>
internal static class SparqlQueryEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        IResult? answer = await RunAsync(context);
        if (answer is not null && !context.Response.HasStarted) await answer.ExecuteAsync(context);
    }

    private static async Task<IResult?> RunAsync(HttpContext context)
    {
        context.Response.Headers.Vary = "Accept";
        var options = context.RequestServices.GetRequiredService<NodeOptions>();
        var (request, error) = await ProtocolRequest.ReadAsync(context, "query", "application/sparql-query", allowGet: true, options.MaxBodyBytes);
        if (error is not null) return error;
        string? format = request!.Single("format");
        if (request.All("format").Count > 1) return ProtocolErrors.BadRequest("at most one 'format' parameter is allowed");
        if (format is not null && !ResultFormatChoice.IsKnown(format))
            return ProtocolErrors.BadRequest($"unknown format '{format}'; use json, xml, csv, tsv, ttl, nt, rdf, jsonld, trig, nq or a media type");
        if (request.Text is null)
        {
            if (request.Has("update")) return ProtocolErrors.BadRequest("updates go to POST /sparql/update (SPARQL 1.1 Protocol §2.2)");
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
                return ProtocolErrors.BadRequest("no query: give it as the 'query' parameter or as an application/sparql-query body");
            await SparqlEndpoints.ServiceDescriptionAsync(context, format);
            return null;
        }
        if (!TryTimeout(request, options, out TimeSpan timeout, out string? timeoutProblem)) return ProtocolErrors.BadRequest(timeoutProblem!);
        // scope=network: the query over this node and all its peers, live (Federation/NetworkQueryEndpoint).
        string? scope = request.Single("scope");
        if (request.All("scope").Count > 1 || scope is not (null or "local" or "network"))
            return ProtocolErrors.BadRequest("scope must be given at most once, as 'local' (this node's data, the default) or 'network' (this node and all its peers, live)");
        if (!TryGraphs(request, "default-graph-uri", out var defaultGraphs, out string? graphProblem)
            || !TryGraphs(request, "named-graph-uri", out var namedGraphs, out graphProblem))
            return ProtocolErrors.BadRequest(graphProblem!);

        var gate = context.RequestServices.GetRequiredService<QueryGate>();
        using IDisposable? slot = gate.TryEnter();
        if (slot is null) return ProtocolErrors.Busy(context, options.MaxConcurrentQueries);

        string endpoint = NodeUrls.Sparql(context, options);
        Query query;
        try
        {
            query = SparqlParser.ParseQuery(request.Text, endpoint);
        }
        catch (SparqlSyntaxException e)
        {
            return ProtocolErrors.BadRequest("query syntax error: " + e.Message);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(timeout);
        var queryOptions = new QueryOptions
        {
            CancellationToken = deadline.Token,
            Timeout = timeout,
            MaxIntermediateRows = options.MaxIntermediateRows,
            BaseIri = endpoint,
            DefaultGraphs = defaultGraphs.Count > 0 || namedGraphs.Count > 0 ? defaultGraphs : null,
            NamedGraphs = defaultGraphs.Count > 0 || namedGraphs.Count > 0 ? namedGraphs : null,
            UnionDefaultGraph = true,
            // SERVICE reaches configured peers only (federation); without federation there is no handler and SERVICE is refused.
            ServiceHandler = context.RequestServices.GetService<IServiceHandler>(),
        };
        string accept = context.Request.Headers.Accept.ToString();
        try
        {
            if (scope == "network") return await Federation.NetworkQueryEndpoint.RunAsync(context, query, format, timeout, queryOptions, deadline.Token);
            var store = context.RequestServices.GetRequiredService<NodeStore>();
            switch (query.Form)
            {
                case QueryForm.Select:
                    {
                        if (ResultFormatChoice.ForResults(accept, format, boolean: false) is not SparqlResultFormat table)
                            return ProtocolErrors.NotAcceptable("SELECT results", ResultFormatChoice.Offered(boolean: false));
                        var result = (SelectResult)QueryEvaluator.Execute(query, store.Rdf.Snapshot(), queryOptions);
                        await QueryResponses.WriteSelectAsync(context, result, table, options.MaxResultRows, deadline.Token);
                        return null;
                    }
                case QueryForm.Ask:
                    {
                        if (ResultFormatChoice.ForResults(accept, format, boolean: true) is not SparqlResultFormat boolean)
                            return ProtocolErrors.NotAcceptable("an ASK result", ResultFormatChoice.Offered(boolean: true));
                        var result = (AskResult)QueryEvaluator.Execute(query, store.Rdf.Snapshot(), queryOptions);
                        await QueryResponses.WriteBooleanAsync(context, result.Value, boolean, deadline.Token);
                        return null;
                    }
                default:
                    {
                        if (ResultFormatChoice.ForGraph(accept, format, ResultFormatChoice.GraphFormats) is not RdfFormat rdf)
                            return ProtocolErrors.NotAcceptable("an RDF graph", ResultFormatChoice.GraphFormats.Select(f => f.MediaType()));
                        var result = (GraphResult)QueryEvaluator.Execute(query, store.Rdf.Snapshot(), queryOptions);
                        await QueryResponses.WriteGraphAsync(context, result, rdf, options.MaxResultRows, deadline.Token);
                        return null;
                    }
            }
        }
        catch (Exception e) when (e is QueryEvaluationException or OperationCanceledException)
        {
            bool clientGone = context.RequestAborted.IsCancellationRequested;
            if (context.Response.HasStarted || clientGone)
            {
                // Part of the result is out: end the connection without the closing chunk, so no client
                // can take what it received for a complete result.
                context.Abort();
                return null;
            }
            return e switch
            {
                QueryLimitException limit => ProtocolErrors.BadRequest(
                    $"the query needed more than {limit.Limit} intermediate rows (this node's limit); narrow it down"),
                QueryTimeoutException or OperationCanceledException => ProtocolErrors.Text(StatusCodes.Status503ServiceUnavailable,
                    $"the query exceeded its time limit of {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s and was stopped"),
                _ => ProtocolErrors.BadRequest("the query could not be evaluated: " + e.Message),
            };
        }
    }

    /// <summary>The time limit: the node's default, or the client's <c>timeout</c> (seconds), capped at the maximum.</summary>
    private static bool TryTimeout(ProtocolRequest request, NodeOptions options, out TimeSpan timeout, out string? problem)
    {
        timeout = options.QueryTimeout;
        problem = null;
        if (request.Single("timeout") is not { } text) return request.All("timeout").Count == 0 || Fail("at most one 'timeout' parameter is allowed", out problem);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || !(seconds > 0) || double.IsInfinity(seconds))
            return Fail($"timeout '{text}' is not a positive number of seconds", out problem);
        timeout = TimeSpan.FromSeconds(Math.Min(seconds, options.MaxQueryTimeout.TotalSeconds));
        return true;
    }

    private static bool TryGraphs(ProtocolRequest request, string name, out List<Iri> graphs, out string? problem)
    {
        graphs = [];
        problem = null;
        foreach (string value in request.All(name))
        {
            if (!Iri.TryCreate(value, out Iri? iri)) return Fail($"{name} '{value}' is not an absolute IRI", out problem);
            graphs.Add(iri!);
        }
        return true;
    }

    private static bool Fail(string message, out string? problem)
    {
        problem = message;
        return false;
    }
}
