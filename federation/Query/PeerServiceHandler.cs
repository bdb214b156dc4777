using DihNode.Federation.Client;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Syntax;
using Grpc.Core;

namespace DihNode.Federation.Query;

/// <summary>
/// Answers SPARQL SERVICE patterns (Federated Query §3) whose endpoint is a configured peer
/// (<c>urn:dihnode:peer:NAME</c> or its URL) through that peer's Query rpc, under the link's deadline.
/// Any other endpoint is refused before a request leaves: a query cannot make the node call a host it
/// was not configured to trust.
/// </summary>
public sealed class PeerServiceHandler(PeerDirectory peers, FederationOptions options) : IServiceHandler
{
    public SelectResult Evaluate(Iri endpoint, Op pattern, CancellationToken cancellationToken)
    {
        var peer = peers.ForService(endpoint.Value)
            ?? throw new InvalidOperationException($"SERVICE <{endpoint.Value}> is not a configured peer of this node; no request was made");
        string text = SparqlText.SelectAll(pattern);
        RemoteResult result;
        try
        {
            result = peer.QueryAsync(text, null, null, DateTime.UtcNow + options.CallDeadline, cancellationToken).GetAwaiter().GetResult();
        }
        catch (RpcException e)
        {
            throw new InvalidOperationException($"peer '{peer.Link.Name}' answered {e.StatusCode}: {e.Status.Detail}", e);
        }
        if (result.Truncated) throw new InvalidOperationException($"peer '{peer.Link.Name}' cut its answer at its row limit; the SERVICE result would be incomplete");
        return new SelectResult([.. result.Variables.Select(v => new Variable(v))], result.Rows);
    }
}
