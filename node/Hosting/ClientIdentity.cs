using System.Net;
using Microsoft.AspNetCore.Http;

namespace DihNode.Node.Hosting;

/// <summary>
/// Who a request comes from, for the per-client budget (<see cref="ClientBudget"/>) and the request log.
/// Normally the direct peer's address. Only when the peer is a trusted proxy
/// (<see cref="NodeOptions.TrustedProxies"/>) is <c>X-Forwarded-For</c> read: its addresses are walked from
/// the right (the proxy nearest the node appends last) and the first one that is not itself a trusted
/// proxy is the client. Everything left of it was written by the client and may be forged, so it is never
/// read; a client that is not a trusted proxy cannot change its identity with the header at all.
/// An entry that is not an address ends the walk at the trusted hop that reported it.
/// </summary>
public sealed class ClientIdentity(NodeOptions options)
{
    private static readonly object s_key = new();

    private readonly IPNetwork[] _trusted = [.. options.TrustedProxies];

    /// <summary>The client of <paramref name="context"/>, worked out once per request; null when the peer is unknown (tests without a socket).</summary>
    public IPAddress? Of(HttpContext context)
    {
        if (context.Items.TryGetValue(s_key, out object? known)) return known as IPAddress;
        IPAddress? client = Resolve(context.Connection.RemoteIpAddress, context.Request.Headers["X-Forwarded-For"]);
        context.Items[s_key] = client;
        return client;
    }

    /// <summary>The client, given the direct peer and the <c>X-Forwarded-For</c> header values (several headers count as one list).</summary>
    public IPAddress? Resolve(IPAddress? peer, IReadOnlyList<string?> forwardedFor)
    {
        if (peer is null) return null;
        IPAddress client = Normal(peer);
        if (_trusted.Length == 0 || !IsTrusted(client)) return client;
        for (int h = forwardedFor.Count - 1; h >= 0; h--)
        {
            string[] hops = (forwardedFor[h] ?? "").Split(',', StringSplitOptions.TrimEntries);
            for (int i = hops.Length - 1; i >= 0; i--)
            {
                if (hops[i].Length == 0) continue;
                if (Parse(hops[i]) is not IPAddress hop) return client; // garbage: believe no further than the trusted hop that sent it
                client = hop;
                if (!IsTrusted(hop)) return hop;
            }
        }
        return client;
    }

    private bool IsTrusted(IPAddress address)
    {
        foreach (IPNetwork network in _trusted)
            if (network.Contains(address)) return true;
        return false;
    }

    /// <summary>An address as proxies write it: <c>192.0.2.1</c>, <c>192.0.2.1:4711</c>, <c>2001:db8::1</c>, <c>[2001:db8::1]:4711</c>.</summary>
    private static IPAddress? Parse(string text)
    {
        if (IPAddress.TryParse(text, out IPAddress? address)) return Normal(address);
        if (IPEndPoint.TryParse(text, out IPEndPoint? endpoint)) return Normal(endpoint.Address);
        return null;
    }

    /// <summary>IPv4 clients of a dual-stack socket arrive as <c>::ffff:a.b.c.d</c>; they are the same client as <c>a.b.c.d</c>.</summary>
    private static IPAddress Normal(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>Reads <c>--trusted-proxy</c>: an address (one host) or a network in CIDR notation; null when it is neither.</summary>
    public static IPNetwork? ParseProxy(string text)
    {
        if (text.Contains('/')) return IPNetwork.TryParse(text, out IPNetwork network) ? network : null;
        if (!IPAddress.TryParse(text, out IPAddress? address)) return null;
        address = Normal(address);
        return new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
    }
}
