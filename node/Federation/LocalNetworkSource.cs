using DihNode.Federation.Client;
using DihNode.Federation.Network;
using DihNode.Node.Hosting;
using DihNode.Node.Registry;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Node.Federation;

/// <summary>
/// This node's own part of a network-mode query: every graph of its RDF store except the copies of peers'
/// hubs (<c>{base}/graph/peer/NAME</c>, which an aggregator keeps): those peers are asked live instead, so
/// nothing is counted twice.
/// </summary>
internal sealed class LocalNetworkSource(NodeStore store, NodeOptions node) : INetworkLocalSource
{
    public RemoteResult Query(string sparql, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var query = SparqlParser.ParseQuery(sparql);
        var snapshot = store.Rdf.Snapshot();
        string copies = store.Iris.Base + "/graph/peer/";
        IReadOnlyList<Iri> own = [.. snapshot.GraphNameIds().Select(id => snapshot.GetTerm(id)).OfType<Iri>().Where(g => !g.Value.StartsWith(copies, StringComparison.Ordinal))];
        var options = new QueryOptions
        {
            CancellationToken = cancellationToken,
            Timeout = timeout < node.MaxQueryTimeout ? timeout : node.MaxQueryTimeout,
            MaxIntermediateRows = node.MaxIntermediateRows,
            DefaultGraphs = own,
            NamedGraphs = own,
        };
        return QueryEvaluator.Execute(query, snapshot, options) switch
        {
            AskResult ask => new RemoteResult([], [], ask.Value, false),
            SelectResult select => new RemoteResult([.. select.Variables.Select(v => v.Name)], [.. select.Rows], null, false),
            _ => throw new InvalidOperationException("network mode asks its own data SELECT and ASK only"),
        };
    }
}
