using DihNode.Federation.Client;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Syntax;
using Grpc.Core;

namespace DihNode.Federation.Query;

/// <summary>
/// Answers SPARQL SERVICE patterns (Federated Query §3) whose endpoint is a configured peer
/// (<c>urn:dihnode:peer:NAME</c>, its URL or one of its aliases) through that peer's Query rpc.
/// Any other endpoint is refused before a request leaves: a query cannot make the node call a host it
/// was not configured to trust. The call's deadline is the request's remaining budget when the
/// endpoint gave one (<see cref="WithDeadline"/>), else the link's call deadline.
/// </summary>
public sealed class PeerServiceHandler : IServiceHandler
{
    private readonly PeerDirectory _peers;
    private readonly FederationOptions _options;
    private readonly DateTime? _deadline;

    public PeerServiceHandler(PeerDirectory peers, FederationOptions options)
        : this(peers, options, null)
    {
    }

    private PeerServiceHandler(PeerDirectory peers, FederationOptions options, DateTime? deadline)
    {
        _peers = peers;
        _options = options;
        _deadline = deadline;
    }

    /// <summary>This handler for one request whose time runs out at <paramref name="deadline"/> (UTC): the peer gets that as its gRPC deadline.</summary>
    public PeerServiceHandler WithDeadline(DateTime deadline) => new(_peers, _options, deadline);

    public SelectResult Evaluate(Iri endpoint, Op pattern, CancellationToken cancellationToken)
    {
        var peer = _peers.ForService(endpoint.Value)
            ?? throw new InvalidOperationException($"SERVICE <{endpoint.Value}> is not a configured peer of this node; no request was made");
        string text = SparqlText.SelectAll(pattern);
        RemoteResult result;
        try
        {
            result = peer.QueryAsync(text, null, null, _deadline ?? DateTime.UtcNow + _options.CallDeadline, cancellationToken).GetAwaiter().GetResult();
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("the request was cancelled", e, cancellationToken);
        }
        catch (RpcException e)
        {
            throw new InvalidOperationException($"peer '{peer.Link.Name}' answered {e.StatusCode}: {e.Status.Detail}", e);
        }
        if (result.Truncated) throw new InvalidOperationException($"peer '{peer.Link.Name}' cut its answer at its row limit; the SERVICE result would be incomplete");
        return new SelectResult([.. result.Variables.Select(v => new Variable(v))], result.Rows);
    }
}
