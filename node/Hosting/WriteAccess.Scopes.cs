using System.Globalization;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Update;
using Microsoft.AspNetCore.Http;

namespace DihNode.Node.Hosting;

/// <summary>
/// The scope checks (<see cref="WriteGrant"/>): after <see cref="Refusal"/> has let a credential through by its
/// role, the endpoint states what the request would write (the graphs of an update or a Graph Store request,
/// the countries of a hub before and after) and gets null or a 403 naming the graph or country and the
/// credential (RFC 6750 §3.1 <c>insufficient_scope</c>, with the scope that would be needed). The request is
/// refused as a whole when any of its writes is out of scope, before anything is changed. The one write known
/// only while a request runs, an update template's <c>GRAPH ?var</c>, is checked per quad inside the update's
/// transaction, which is then rolled back (<see cref="VariableGraphRefusal"/>). An unscoped role passes every check.
/// </summary>
public sealed partial class WriteAccess
{
    /// <summary>
    /// Null when the request's credential may write every graph of <paramref name="writes"/> (<see cref="UpdateWrites.Of"/>)
    /// that the request's text states; else the 403 for the first it may not. A template's <c>GRAPH ?var</c>
    /// (<see cref="GraphWriteKind.VariableGraph"/>) is not judged here: its graphs are known only while the update
    /// runs, where the store guard (<c>ManagedGraphs.Guard</c> with the credential) refuses the first quad out of
    /// scope and the update is rolled back (<see cref="VariableGraphRefusal"/> answers it).
    /// </summary>
    public static WriteRefusal? GraphRefusal(HttpContext context, IEnumerable<GraphWrite> writes)
    {
        WriteCredential credential = Checked(context);
        if (credential.GraphPrefixes.Count == 0) return null;
        foreach (GraphWrite w in writes)
            if (w.Kind != GraphWriteKind.VariableGraph && (w.Kind != GraphWriteKind.Graph || !credential.MayWriteGraph(w.Graph)))
                return GraphRefused(context, credential, $"operation {w.OperationIndex + 1} of the update ({w.Operation}) writes {w.Describe()}", w.Kind, w.Graph);
        return null;
    }

    /// <summary>
    /// The 403 for a quad that an update, while it ran, would have written through a template's <c>GRAPH ?var</c>
    /// into <paramref name="graph"/> (null: the default graph), out of the credential's scope. <paramref name="writes"/>
    /// (<see cref="UpdateWrites.Of"/>) tells which operations have such templates, so the message can name the one
    /// (or the ones) that wrote it; the update was rolled back as a whole.
    /// </summary>
    public static WriteRefusal VariableGraphRefusal(HttpContext context, NamedOrBlankNode? graph, IEnumerable<GraphWrite> writes)
    {
        WriteCredential credential = Checked(context);
        // Every graph the text states was in scope (GraphRefusal), so the quad came from an operation with GRAPH ?var.
        var candidates = writes.Where(w => w.Kind == GraphWriteKind.VariableGraph).GroupBy(w => w.OperationIndex).ToList();
        string operations = candidates.Count switch
        {
            0 => "the update",
            1 => $"operation {candidates[0].Key + 1} of the update ({candidates[0].First().Operation} with {Join([.. candidates[0]], w => $"GRAPH {w.Variable?.ToString() ?? "?"}")} in a template)",
            _ => $"one of operations {Join(candidates, g => (g.Key + 1).ToString(CultureInfo.InvariantCulture))} of the update (each with GRAPH ?var in a template)",
        };
        string written = graph is null ? "the default graph" : $"graph {graph}"; // <IRI> or _:label
        return GraphRefused(context, credential, $"{operations} writes {written}, as the update found while it ran",
            graph is null ? GraphWriteKind.DefaultGraph : GraphWriteKind.Graph, graph as Iri);
    }

    /// <summary>Null when the request's credential may write <paramref name="graph"/> (null: the default graph); else the 403. <paramref name="what"/> names the request (<c>PUT</c>, …).</summary>
    public static WriteRefusal? GraphRefusal(HttpContext context, Iri? graph, string what)
    {
        WriteCredential credential = Checked(context);
        if (credential.MayWriteGraph(graph)) return null;
        return GraphRefused(context, credential, graph is null ? $"{what} writes the default graph" : $"{what} writes graph <{graph.Value}>",
            graph is null ? GraphWriteKind.DefaultGraph : GraphWriteKind.Graph, graph);
    }

    /// <summary>
    /// Null when the request's credential may write hubs of <paramref name="country"/>; else the 403.
    /// <paramref name="what"/> says what the request does there (<c>this POST creates a hub in DE</c>).
    /// </summary>
    public static WriteRefusal? CountryRefusal(HttpContext context, string country, string what)
    {
        WriteCredential credential = Checked(context);
        if (credential.MayWriteCountry(country)) return null;
        string code = country.Trim().ToUpperInvariant();
        return Refused(context, $"registry={code}",
            $"{what}; credential '{credential.Name}' may write only hubs of {Join(credential.Countries, c => c)} (roles {credential.Describe()}); nothing was changed");
    }

    /// <summary>The credential <see cref="Refusal"/> let through; a scope check without it would pass what it must not.</summary>
    private static WriteCredential Checked(HttpContext context) =>
        Credential(context) ?? throw new InvalidOperationException("a scope check needs the role check (WriteAccess.Refusal) to have passed first");

    private static WriteRefusal GraphRefused(HttpContext context, WriteCredential credential, string what, GraphWriteKind kind, Iri? graph)
    {
        string allowed = $"credential '{credential.Name}' may write only graphs whose IRI starts with {Join(credential.GraphPrefixes, p => $"<{p}>")}";
        string why = kind switch
        {
            GraphWriteKind.Graph => allowed,
            GraphWriteKind.DefaultGraph => allowed + ", never the default graph",
            _ => allowed + ", so it cannot clear every named graph",
        };
        // The scope names the graph when it can stand in a quoted header value (RFC 6750 §3: no '"', '\\', space or non-ASCII).
        string scope = graph is not null && graph.Value.All(c => c is > ' ' and < (char)0x7F and not '"' and not '\\') ? "data=" + graph.Value : "data";
        return Refused(context, scope, $"{what}; {why}; nothing was changed");
    }

    private static WriteRefusal Refused(HttpContext context, string scope, string message)
    {
        context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"dihnode\", error=\"insufficient_scope\", scope=\"{scope}\"";
        return new WriteRefusal(StatusCodes.Status403Forbidden, "Forbidden", "scope required", message);
    }

    private static string Join<T>(IReadOnlyList<T> items, Func<T, string> show) =>
        items.Count == 1 ? show(items[0]) : string.Join(", ", items.Take(items.Count - 1).Select(show)) + " or " + show(items[^1]);

    /// <summary>The refusal as problem details (RFC 9457), the form <see cref="Check"/> answers in.</summary>
    public static IResult Answer(WriteRefusal refusal) => Results.Problem(refusal.Message, statusCode: refusal.Status, title: refusal.Title);
}
