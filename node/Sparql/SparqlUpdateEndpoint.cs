using System.Globalization;
using DihNode.Node.Hosting;
using DihNode.Node.Registry;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Rdf.Sparql.Update;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DihNode.Node.Sparql;

/// <summary>
/// The update operation of the SPARQL 1.1 Protocol (https://www.w3.org/TR/sparql11-protocol/#update-operation)
/// at <c>/sparql/update</c>: POST as a form (<c>update=</c>) or as application/sparql-update, with the
/// write key (401 without). <c>using-graph-uri</c> / <c>using-named-graph-uri</c> act as USING / USING
/// NAMED on every DELETE/INSERT (400 when the request has its own USING or WITH, §2.2.3). The request
/// runs in one store transaction through <see cref="UpdateExecutor"/>; a change to a managed graph is
/// refused with 403 and rolls everything back; LOAD fetches nothing (403) unless the source is under
/// an entry of <see cref="NodeOptions.LoadAllowList"/>. A credential whose role data is scoped to graph IRI
/// prefixes runs only updates whose every written graph (<see cref="UpdateWrites"/>) is in scope: a graph the
/// text names out of scope, the default graph, and CLEAR/DROP NAMED or ALL get 403 before anything runs; a
/// template's <c>GRAPH ?var</c> is checked per quad while the update runs, by the same store guard that
/// refuses managed graphs, and the first quad out of scope gets 403 and rolls everything back.
/// </summary>
internal static class SparqlUpdateEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        IResult answer = await RunAsync(context);
        await answer.ExecuteAsync(context);
    }

    private static async Task<IResult> RunAsync(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<NodeOptions>();
        if (!HttpMethods.IsPost(context.Request.Method))
            return ProtocolErrors.MethodNotAllowed(context, "POST", "a SPARQL update must be sent with POST (SPARQL 1.1 Protocol §2.2)");
        if (context.RequestServices.GetRequiredService<WriteAccess>().Check(context, WriteRole.Data) is { } denied) return denied;
        var (request, error) = await ProtocolRequest.ReadAsync(context, "update", "application/sparql-update", allowGet: false, options.MaxBodyBytes);
        if (error is not null) return error;
        if (request!.Text is null) return ProtocolErrors.BadRequest("no update: give it as the 'update' form field or as an application/sparql-update body");
        var usingGraphs = new List<Iri>();
        var usingNamed = new List<Iri>();
        foreach (var (name, list) in (ReadOnlySpan<(string, List<Iri>)>)[("using-graph-uri", usingGraphs), ("using-named-graph-uri", usingNamed)])
            foreach (string value in request.All(name))
            {
                if (!Iri.TryCreate(value, out Iri? iri)) return ProtocolErrors.BadRequest($"{name} '{value}' is not an absolute IRI");
                list.Add(iri!);
            }

        var gate = context.RequestServices.GetRequiredService<QueryGate>();
        using IDisposable? slot = gate.TryEnter();
        if (slot is null) return ProtocolErrors.Busy(context, options.MaxConcurrentQueries);

        UpdateRequest update;
        try
        {
            update = SparqlParser.ParseUpdate(request.Text, NodeUrls.Sparql(context, options));
        }
        catch (SparqlSyntaxException e)
        {
            return ProtocolErrors.BadRequest("update syntax error: " + e.Message);
        }
        if (usingGraphs.Count > 0 || usingNamed.Count > 0)
        {
            if (update.Operations.OfType<ModifyOperation>().Any(m => m.With is not null || m.Using.Count > 0 || m.UsingNamed.Count > 0))
                return ProtocolErrors.BadRequest("using-graph-uri / using-named-graph-uri cannot be combined with USING, USING NAMED or WITH in the request (SPARQL 1.1 Protocol §2.2.3)");
            update = update with
            {
                Operations = [.. update.Operations.Select(o => o is ModifyOperation m ? m with { Using = usingGraphs, UsingNamed = usingNamed } : o)],
            };
        }
        // A scoped credential (data=IRI-PREFIX) may run the update only when every graph its text names is in scope;
        // the graphs of GRAPH ?var templates are checked while it runs (the guard below).
        IReadOnlyList<GraphWrite> writes = UpdateWrites.Of(update);
        if (WriteAccess.GraphRefusal(context, writes) is { } outOfScope) return WriteAccess.Answer(outOfScope);
        foreach (LoadOperation load in update.Operations.OfType<LoadOperation>())
            if (!IsAllowed(load.Source, options.LoadAllowList))
                return ProtocolErrors.Forbidden($"LOAD <{load.Source.Value}> refused: this node fetches nothing that its load allow-list does not name; send data with PUT/POST to /graph-store instead");

        var store = context.RequestServices.GetRequiredService<NodeStore>();
        var managed = new ManagedGraphs(store);
        var updateOptions = new UpdateOptions
        {
            CancellationToken = context.RequestAborted,
            Timeout = options.QueryTimeout,
            BaseIri = NodeUrls.Sparql(context, options),
            LoadUrls = options.LoadAllowList,
            UnionDefaultGraph = true,
        };
        try
        {
            UpdateSummary summary = await Task.Run(() => UpdateExecutor.Execute(update, managed.Guard(store.Rdf, WriteAccess.Credential(context)), updateOptions), context.RequestAborted);
            return Results.Json(new { quadsRemoved = summary.QuadsRemoved, quadsAdded = summary.QuadsAdded });
        }
        catch (Exception e) when (DatabaseBusy.Is(e))
        {
            return ProtocolErrors.Locked(context, e);
        }
        catch (ManagedGraphException e)
        {
            return ProtocolErrors.Forbidden(e.Message + "; nothing was changed");
        }
        catch (GraphScopeException e)
        {
            return WriteAccess.Answer(WriteAccess.VariableGraphRefusal(context, e.Graph, writes));
        }
        catch (QueryTimeoutException)
        {
            return ProtocolErrors.Text(StatusCodes.Status503ServiceUnavailable,
                $"the update exceeded its time limit of {options.QueryTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s; nothing was changed");
        }
        catch (QueryLimitException e)
        {
            return ProtocolErrors.BadRequest($"the update needed more than {e.Limit} intermediate rows; nothing was changed");
        }
        catch (Exception e) when (e is UpdateExecutionException or QueryEvaluationException)
        {
            return ProtocolErrors.BadRequest("the update failed: " + e.Message + "; nothing was changed");
        }
    }

    /// <summary>Whether LOAD may read <paramref name="source"/>: an entry names it exactly, or ends with "/" and is its prefix.</summary>
    private static bool IsAllowed(Iri source, IReadOnlyList<string> allowList) =>
        allowList.Any(entry => entry.EndsWith('/') ? source.Value.StartsWith(entry, StringComparison.Ordinal) : source.Value == entry);
}
