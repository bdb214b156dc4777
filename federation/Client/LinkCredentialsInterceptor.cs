using DihNode.Federation.Trust;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace DihNode.Federation.Client;

/// <summary>Adds this node's link proof to every outgoing call (README, "Trust"); the answer is checked by <see cref="PeerClient"/>.</summary>
internal sealed class LinkCredentialsInterceptor(string caller, string secret) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithProof(context));

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithProof(context));

    private ClientInterceptorContext<TRequest, TResponse> WithProof<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class where TResponse : class
    {
        var headers = context.Options.Headers ?? [];
        string nonce = headers.GetValue(LinkProof.NonceHeader) ?? LinkProof.NewNonce();
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if (headers.GetValue(LinkProof.NonceHeader) is null) headers.Add(LinkProof.NonceHeader, nonce);
        headers.Add(LinkProof.NodeHeader, caller);
        headers.Add(LinkProof.TimeHeader, now.ToString(System.Globalization.CultureInfo.InvariantCulture));
        headers.Add(LinkProof.ProofHeader, LinkProof.Call(secret, caller, now, nonce, context.Method.FullName));
        return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, context.Options.WithHeaders(headers));
    }
}
