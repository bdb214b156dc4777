using DihNode.Node.Hosting;
using DihNode.Node.Registry;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Update;
using DihNode.Rdf.Store;
using DihNode.Vocab.Profile;
using Microsoft.AspNetCore.Http;

namespace DihNode.Node.Sparql;

/// <summary>
/// The graphs the hub registry projects (every graph under <c>{base}/graph/</c>:
/// <see cref="ProfileIris.IsManagedGraph"/>): they follow the registry, so SPARQL Update and the Graph
/// Store Protocol may read them but never change them.
/// </summary>
internal sealed class ManagedGraphs(ProfileIris iris)
{
    public ManagedGraphs(NodeStore store) : this(store.Iris) { }

    public bool Contains(Iri graph) => iris.IsManagedGraph(graph);

    /// <summary>The message of every refusal: which graph, and where its data is changed instead.</summary>
    public static string Refusal(Iri graph) =>
        $"graph <{graph}> is managed by the node's hub registry and cannot be changed by SPARQL Update or the Graph Store Protocol; change hubs through the registry (OData or import)";

    /// <summary>
    /// A view of <paramref name="store"/> whose write transactions refuse (throw) any change to a managed graph
    /// (<see cref="ManagedGraphException"/>) and, when <paramref name="credential"/> is scoped to graph IRI prefixes,
    /// any change to a graph it may not write (<see cref="GraphScopeException"/>, the default graph included). The
    /// scope is checked here, per quad while the update runs, for the graphs a template's <c>GRAPH ?var</c>
    /// names; what the request's text states is checked before it runs (<see cref="WriteAccess.GraphRefusal(HttpContext, IEnumerable{GraphWrite})"/>).
    /// As before the update runs, the scope is judged first: a managed graph out of scope is refused as out of scope
    /// (403 with <c>insufficient_scope</c>), one in scope as managed.
    /// </summary>
    public IRdfStore Guard(IRdfStore store, WriteCredential? credential = null)
    {
        WriteCredential? scoped = credential is { GraphPrefixes.Count: > 0 } ? credential : null;
        return new GuardedStore(store, graph =>
            scoped is not null && !(graph is null or Iri && scoped.MayWriteGraph((Iri?)graph)) ? new GraphScopeException(graph)
            : graph is Iri iri && Contains(iri) ? new ManagedGraphException(iri)
            : null);
    }
}

/// <summary>A write addressed a managed graph; the request changes nothing and gets 403.</summary>
internal sealed class ManagedGraphException(Iri graph) : Exception(ManagedGraphs.Refusal(graph))
{
    public Iri Graph { get; } = graph;
}

/// <summary>
/// While an update ran, a write landed in a graph out of the scope of the request's credential (a template's
/// <c>GRAPH ?var</c> bound to it); the request changes nothing and gets 403. <see cref="Graph"/>: null for the
/// default graph; a blank node names a graph no scope reaches.
/// </summary>
internal sealed class GraphScopeException(NamedOrBlankNode? graph)
    : Exception($"the update writes {(graph is null ? "the default graph" : $"graph {graph}")}, out of the credential's scope")
{
    public NamedOrBlankNode? Graph { get; } = graph;
}
