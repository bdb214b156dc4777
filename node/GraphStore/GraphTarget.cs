using DihNode.Node.Hosting;
using DihNode.Node.Sparql;
using DihNode.Rdf.Model;
using Microsoft.AspNetCore.Http;

namespace DihNode.Node.GraphStore;

/// <summary>
/// The graph a Graph Store Protocol request acts on (https://www.w3.org/TR/sparql11-http-rdf-update/#graph-identification):
/// <c>?default</c>, <c>?graph=IRI</c> (indirect), or the request URL itself under <c>/graph-store/…</c>
/// (direct). <see cref="Graph"/> null is the default graph; <see cref="IsService"/> is a request to
/// <c>/graph-store</c> naming no graph (only POST, which creates one).
/// </summary>
internal sealed record GraphTarget(Iri? Graph, bool IsService)
{
    public static (GraphTarget? Target, IResult? Error) Resolve(HttpContext context, NodeOptions options)
    {
        IQueryCollection query = context.Request.Query;
        string path = context.Request.RouteValues.TryGetValue("path", out object? p) ? p as string ?? "" : "";
        bool isDefault = query.ContainsKey("default");
        var graphs = query["graph"];
        int ways = (isDefault ? 1 : 0) + (graphs.Count > 0 ? 1 : 0) + (path.Length > 0 ? 1 : 0);
        if (ways > 1 || graphs.Count > 1)
            return (null, ProtocolErrors.BadRequest("name one graph: either ?default, one ?graph=IRI, or a path under /graph-store/"));
        if (isDefault) return (new GraphTarget(null, false), null);
        if (graphs.Count == 1)
        {
            if (!Iri.TryCreate(graphs[0] ?? "", out Iri? iri)) return (null, ProtocolErrors.BadRequest($"graph '{graphs[0]}' is not an absolute IRI"));
            return (new GraphTarget(iri, false), null);
        }
        if (path.Length > 0)
        {
            string url = NodeUrls.Base(context, options) + context.Request.Path.ToUriComponent();
            if (!Iri.TryCreate(url, out Iri? direct)) return (null, ProtocolErrors.BadRequest($"<{url}> is not an IRI a graph can be named by"));
            return (new GraphTarget(direct, false), null);
        }
        return (new GraphTarget(null, true), null);
    }

    public override string ToString() => Graph is null ? "the default graph" : $"graph <{Graph}>";
}
