using DihNode.Node.Hosting;
using DihNode.Node.Registry;
using DihNode.Node.Sparql;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DihNode.Node.GraphStore;

/// <summary>
/// The SPARQL 1.1 Graph Store HTTP Protocol (https://www.w3.org/TR/sparql11-http-rdf-update/) at
/// <c>/graph-store</c>: GET / HEAD a graph (content negotiation; 404 for a named graph that holds no
/// triple, since the store keeps no empty graphs), PUT (replace: 201 when the graph was new, else 204),
/// POST (merge: 200; to <c>/graph-store</c> itself: a new graph, 201 + Location), DELETE (200; 404 when
/// absent). Writes need the write key (401) and are refused on managed graphs (403) and, for a credential
/// whose role data is scoped, on graphs outside its IRI prefixes and on the default graph (403).
/// </summary>
public static class GraphStoreEndpoints
{
    private static readonly RdfFormat[] s_formats = [RdfFormat.Turtle, RdfFormat.NTriples, RdfFormat.RdfXml, RdfFormat.JsonLd, RdfFormat.TriG, RdfFormat.NQuads];

    public static IEndpointRouteBuilder MapGraphStore(this IEndpointRouteBuilder app)
    {
        app.Map("/graph-store", HandleAsync);
        app.Map("/graph-store/{**path}", HandleAsync);
        return app;
    }

    private static async Task HandleAsync(HttpContext context)
    {
        context.Response.Headers.Vary = "Accept";
        IResult? answer = await RunAsync(context);
        if (answer is not null) await answer.ExecuteAsync(context);
    }

    private static async Task<IResult?> RunAsync(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<NodeOptions>();
        var store = context.RequestServices.GetRequiredService<NodeStore>();
        string method = context.Request.Method;
        bool read = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        if (!read && !HttpMethods.IsPut(method) && !HttpMethods.IsPost(method) && !HttpMethods.IsDelete(method))
            return ProtocolErrors.MethodNotAllowed(context, "GET, HEAD, PUT, POST, DELETE", $"the Graph Store Protocol has no {method}");
        var (target, error) = GraphTarget.Resolve(context, options);
        if (error is not null) return error;
        if (target!.IsService && !HttpMethods.IsPost(method))
            return ProtocolErrors.BadRequest("name the graph: ?default or ?graph=IRI (or POST to /graph-store to create a new graph)");
        if (read) return await GetAsync(context, store, target);

        if (context.RequestServices.GetRequiredService<WriteAccess>().Check(context, WriteRole.Data) is { } denied) return denied;
        var managed = new ManagedGraphs(store);
        if (target.Graph is { } g && managed.Contains(g)) return ProtocolErrors.Forbidden(ManagedGraphs.Refusal(g));
        // The graph written: the one named, or for POST to the service a new one (Graph Store Protocol §5.5).
        Iri? graph = target.IsService ? Iri.FromTrusted($"{NodeUrls.Base(context, options)}/graph-store/graphs/{Guid.NewGuid():N}") : target.Graph;
        if (WriteAccess.GraphRefusal(context, graph, target.IsService ? $"{method} to /graph-store (which makes a new graph)" : method) is { } outOfScope)
            return WriteAccess.Answer(outOfScope);
        try
        {
            return await WriteAsync(context, options, store, target, graph, method);
        }
        catch (Exception e) when (DatabaseBusy.Is(e))
        {
            return ProtocolErrors.Locked(context, e);
        }
    }

    /// <summary>PUT, POST and DELETE, after the checks; each one store transaction.</summary>
    private static async Task<IResult?> WriteAsync(HttpContext context, NodeOptions options, NodeStore store, GraphTarget target, Iri? graph, string method)
    {
        if (HttpMethods.IsDelete(method)) return await DeleteAsync(store, target);

        string baseIri = graph?.Value ?? NodeUrls.Base(context, options) + "/graph-store";
        var (triples, bodyError) = await RdfBody.ReadAsync(context, baseIri, options.MaxBodyBytes);
        if (bodyError is not null) return bodyError;
        bool replace = HttpMethods.IsPut(method);
        var (existed, added) = await Task.Run(() => Write(store, graph, triples!, replace), context.RequestAborted);
        if (target.IsService)
        {
            context.Response.Headers.Location = graph!.Value;
            return Results.Json(new { graph = graph.Value, triplesAdded = added }, statusCode: StatusCodes.Status201Created);
        }
        if (replace) return existed ? Results.NoContent() : Results.StatusCode(StatusCodes.Status201Created);
        return Results.Json(new { triplesAdded = added });
    }

    private static async Task<IResult?> GetAsync(HttpContext context, NodeStore store, GraphTarget target)
    {
        IQuadStore snapshot = store.Rdf.Snapshot();
        if (!TryGraphId(snapshot, target.Graph, out int id) && target.Graph is not null) return NotFound(target);
        RdfFormat? chosen = ResultFormatChoice.ForGraph(context.Request.Headers.Accept.ToString(), context.Request.Query["format"].FirstOrDefault(), s_formats);
        if (chosen is not RdfFormat format) return ProtocolErrors.NotAcceptable("an RDF graph", s_formats.Select(f => f.MediaType()));
        var quads = new List<Quad>();
        foreach (EncodedQuad q in snapshot.Find(QuadPattern.InGraph(id)))
            quads.Add(new Quad((NamedOrBlankNode)snapshot.GetTerm(q.S), (Iri)snapshot.GetTerm(q.P), snapshot.GetTerm(q.O), null));
        using var body = QueryResponses.Serialize(format, quads);
        await QueryResponses.WriteRdfAsync(context.Response, format, body, context.RequestAborted);
        return null;
    }

    private static async Task<IResult> DeleteAsync(NodeStore store, GraphTarget target)
    {
        long removed = await Task.Run(() =>
        {
            using IStoreTransaction tx = store.Rdf.BeginWrite();
            if (!TryGraphId(tx, target.Graph, out int id) && target.Graph is not null) return -1L;
            long n = tx.RemoveAll(QuadPattern.InGraph(id));
            tx.Commit();
            return n;
        });
        return removed < 0 ? NotFound(target) : Results.Json(new { triplesRemoved = removed });
    }

    /// <summary>Replaces or merges into <paramref name="graph"/> (null: the default graph) in one transaction.</summary>
    private static (bool Existed, long Added) Write(NodeStore store, Iri? graph, List<Triple> triples, bool replace)
    {
        using IStoreTransaction tx = store.Rdf.BeginWrite();
        bool existed = TryGraphId(tx, graph, out int id);
        if (replace && existed) tx.RemoveAll(QuadPattern.InGraph(id));
        long added = tx.Load(sink =>
        {
            foreach (Triple t in triples) sink.Add(new Quad(t, graph));
        });
        tx.Commit();
        return (existed, added);
    }

    /// <summary>
    /// Whether the graph holds a triple, and its id. The default graph always exists for GET and DELETE
    /// (an empty graph); for PUT, "existed" decides between 201 and 204.
    /// </summary>
    private static bool TryGraphId(IQuadStore store, Iri? graph, out int id)
    {
        id = TermIds.DefaultGraph;
        if (graph is not null && !store.TryGetId(graph, out id)) return false;
        return store.Count(QuadPattern.InGraph(id)) > 0;
    }

    private static IResult NotFound(GraphTarget target) =>
        ProtocolErrors.Text(StatusCodes.Status404NotFound, $"{target} holds no triple on this node");
}
