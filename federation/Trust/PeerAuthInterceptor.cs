using System.Globalization;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace DihNode.Federation.Trust;

/// <summary>
/// Checks every federation call's link proof before the service sees it: no credentials or an unknown
/// caller is <c>UNAUTHENTICATED</c>; a configured peer with a wrong proof or a clock too far off is
/// <c>PERMISSION_DENIED</c>, and so is a client certificate (mutual TLS) pinned for another peer than
/// the one the proof names. The answer proof goes out in the response headers. The caller's name is
/// left in <see cref="ServerCallContext.UserState"/> under <see cref="CallerKey"/>.
/// </summary>
internal sealed class PeerAuthInterceptor(FederationOptions options, ILogger<PeerAuthInterceptor> log) : Interceptor
{
    public const string CallerKey = "dihnode-peer";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await AuthenticateAsync(context);
        return await continuation(request, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthenticateAsync(context);
        await continuation(request, responseStream, context);
    }

    private async Task AuthenticateAsync(ServerCallContext context)
    {
        string? caller = context.RequestHeaders.GetValue(LinkProof.NodeHeader);
        string? time = context.RequestHeaders.GetValue(LinkProof.TimeHeader);
        string? nonce = context.RequestHeaders.GetValue(LinkProof.NonceHeader);
        string? proof = context.RequestHeaders.GetValue(LinkProof.ProofHeader);
        if (caller is null || time is null || nonce is null || proof is null)
            throw Refuse(StatusCode.Unauthenticated, context, caller, "no link credentials (dihnode-node, -time, -nonce, -proof)");
        var link = options.FindPeer(caller)
            ?? throw Refuse(StatusCode.Unauthenticated, context, caller, $"'{caller}' is not a configured peer of '{options.NodeName}'");
        if (!long.TryParse(time, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds)
            || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) > options.ClockSkew.TotalSeconds)
            throw Refuse(StatusCode.PermissionDenied, context, caller, "the call's time is missing or too far from the server's clock");
        if (!LinkProof.Same(LinkProof.Call(link.Secret, caller, seconds, nonce, context.Method), proof))
            throw Refuse(StatusCode.PermissionDenied, context, caller, $"wrong link proof for peer '{caller}'");
        CheckCertificate(context, link);
        context.UserState[CallerKey] = caller;
        await context.WriteResponseHeadersAsync(new Metadata
        {
            { LinkProof.NodeHeader, options.NodeName },
            { LinkProof.AnswerHeader, LinkProof.Answer(link.Secret, options.NodeName, nonce) },
        });
    }

    /// <summary>
    /// With mutual TLS the handshake proved the client holds a certificate pinned for some peer; the link
    /// proof names the peer. Both must be the same peer: a certificate pinned for A with B's secret is
    /// <c>PERMISSION_DENIED</c>, whichever of A's pins it matches. A node with a certificate accepts no call without one.
    /// </summary>
    private void CheckCertificate(ServerCallContext context, PeerLink link)
    {
        var certificate = context.GetHttpContext().Connection.ClientCertificate;
        if (certificate is null)
        {
            if (options.Certificate is not null)
                throw Refuse(StatusCode.PermissionDenied, context, link.Name, "no client certificate: this node takes federation calls over mutual TLS only");
            return;
        }
        if (!link.Pins(certificate))
            throw Refuse(StatusCode.PermissionDenied, context, link.Name,
                $"the client certificate (SHA-256 {NodeCertificate.Thumbprint(certificate)}) is not the one pinned for peer '{link.Name}'{(MutualTls.PeerFor(options, certificate) is { } other ? $" (it is pinned for '{other.Name}')" : "")}");
    }

    private RpcException Refuse(StatusCode code, ServerCallContext context, string? caller, string reason)
    {
        log.LogWarning("federation call {Method} from {Peer} at {Address} refused ({Code}): {Reason}", context.Method, caller ?? "(anonymous)", context.Peer, code, reason);
        return new RpcException(new Status(code, reason));
    }
}
