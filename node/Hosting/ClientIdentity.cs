using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DihNode.Node.Hosting;

/// <summary>
/// Who a request comes from, for the per-client budget (<see cref="ClientBudget"/>) and the request log.
/// Normally the direct peer's address. Only when the peer is a trusted proxy
/// (<see cref="NodeOptions.TrustedProxies"/>) are <c>Forwarded</c> (RFC 7239) and <c>X-Forwarded-For</c> read:
/// their hops are walked from the right (the proxy nearest the node appends last) and the first one that is
/// not itself a trusted proxy is the client. Everything left of it was written by the client and may be
/// forged, so it is never read; a client that is not a trusted proxy cannot change its identity with either
/// header at all.
/// <para>
/// A hop that names no address (<c>X-Forwarded-For</c>: an entry that is not an address; <c>Forwarded</c>:
/// <c>for=unknown</c>, an obfuscated <c>for=_id</c>, an element without <c>for=</c>) ends the walk at the trusted
/// hop that reported it: that proxy is the client. An obfuscated identifier is not made an identity of its
/// own (say "_x via 127.0.0.9"): RFC 7239 §6.3 lets a proxy mint one per request, which would hand every
/// request a fresh budget, and the node cannot tell a stable one from that; so clients a proxy hides share
/// that proxy's budget, and none escapes it.
/// </para>
/// <para>
/// A <c>Forwarded</c> header that breaks its grammar where the walk reads it (<see cref="ForwardedHeader"/>),
/// and a request whose two headers name different clients, get the connection's address, with one warning
/// logged per request. Both headers at once are believed only when they agree: a proxy that writes one of them
/// passes the other on as the client sent it, and the node cannot know which one the proxy writes, so taking
/// either would let a client behind a proxy that writes only the other pick its identity. A proxy that writes
/// both (appending the same address) agrees with itself.
/// </para>
/// </summary>
public sealed partial class ClientIdentity(NodeOptions options, ILogger<ClientIdentity>? logger = null)
{
    private static readonly object s_key = new();

    private readonly IPNetwork[] _trusted = [.. options.TrustedProxies];

    /// <summary>The client of <paramref name="context"/>, worked out once per request; null when the peer is unknown (tests without a socket).</summary>
    public IPAddress? Of(HttpContext context)
    {
        if (context.Items.TryGetValue(s_key, out object? known)) return known as IPAddress;
        var resolution = Resolve(context.Connection.RemoteIpAddress, context.Request.Headers["Forwarded"], context.Request.Headers["X-Forwarded-For"]);
        if (resolution.Problem is string problem && logger is not null)
            HeadersIgnored(logger, resolution.Client?.ToString() ?? "", context.Request.Method, context.Request.Path.Value ?? "", problem);
        context.Items[s_key] = resolution.Client;
        return resolution.Client;
    }

    /// <summary>The client, given the direct peer and the <c>X-Forwarded-For</c> header values (several headers count as one list).</summary>
    public IPAddress? Resolve(IPAddress? peer, IReadOnlyList<string?> forwardedFor) => Resolve(peer, [], forwardedFor).Client;

    /// <summary>
    /// The client, given the direct peer, the <c>Forwarded</c> header lines and the <c>X-Forwarded-For</c> ones
    /// (several lines of one header count as one list, in order); with the reason when a header present was not used.
    /// </summary>
    public ClientResolution Resolve(IPAddress? peer, IReadOnlyList<string?> forwarded, IReadOnlyList<string?> forwardedFor)
    {
        if (peer is null) return new ClientResolution(null, null);
        IPAddress client = Normal(peer);
        if (_trusted.Length == 0 || !IsTrusted(client)) return new ClientResolution(client, null);
        bool hasForwarded = forwarded.Any(v => !string.IsNullOrWhiteSpace(v));
        bool hasForwardedFor = forwardedFor.Any(v => !string.IsNullOrWhiteSpace(v));
        IPAddress? byForwarded = null;
        if (hasForwarded)
        {
            var (found, problem) = WalkForwarded(client, forwarded);
            if (problem is not null) return new ClientResolution(client, "Forwarded " + problem);
            byForwarded = found;
        }
        IPAddress? byForwardedFor = hasForwardedFor ? WalkForwardedFor(client, forwardedFor) : null;
        if (byForwarded is not null && byForwardedFor is not null && !byForwarded.Equals(byForwardedFor))
            return new ClientResolution(client, $"Forwarded names the client {byForwarded} but X-Forwarded-For names {byForwardedFor}; one of them was written by the client");
        return new ClientResolution(byForwarded ?? byForwardedFor ?? client, null);
    }

    /// <summary><c>X-Forwarded-For</c>: comma-separated addresses (an address may carry a port); an entry that is not one ends the walk.</summary>
    private IPAddress WalkForwardedFor(IPAddress client, IReadOnlyList<string?> lines)
    {
        for (int h = lines.Count - 1; h >= 0; h--)
        {
            string[] hops = (lines[h] ?? "").Split(',', StringSplitOptions.TrimEntries);
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

    /// <summary>
    /// <c>Forwarded</c>: the <c>for=</c> of each element, right to left over the lines; a line is parsed only when
    /// the walk reaches it. The client, or why the header cannot be read (the line and column).
    /// </summary>
    private (IPAddress Client, string? Problem) WalkForwarded(IPAddress client, IReadOnlyList<string?> lines)
    {
        var elements = new List<ForwardedElement>();
        for (int h = lines.Count - 1; h >= 0; h--)
        {
            string line = lines[h] ?? "";
            elements.Clear();
            string where = lines.Count > 1 ? $"line {h + 1}, " : "";
            if (!ForwardedHeader.TryParse(line, elements, out string? error)) return (client, $"{where}{error} in '{Clip(line)}'");
            for (int i = elements.Count - 1; i >= 0; i--)
            {
                if (elements[i].For is not string value) return (client, null); // the hop did not say whom it received the request from
                if (!ForwardedHeader.TryParseNode(value, out ForwardedNode node, out error))
                    return (client, $"{where}column {elements[i].Column}: {error}");
                if (node.Kind != ForwardedNodeKind.Address) return (client, null); // unknown or obfuscated: the proxy that wrote it is the client
                client = node.Address!;
                if (!IsTrusted(client)) return (client, null);
            }
        }
        return (client, null);
    }

    /// <summary>A header line as the warning quotes it: at most 200 characters (a header may be kilobytes long).</summary>
    private static string Clip(string line) => line.Length <= 200 ? line : line[..200] + "…";

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

    /// <summary>A trusted proxy's forwarding headers could not be used: the request is the connection's (<paramref name="client"/>).</summary>
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "{Method} {Path}: forwarding headers from trusted proxy {Client} not used ({Problem}); the client is the proxy")]
    private static partial void HeadersIgnored(ILogger logger, string client, string method, string path, string problem);
}

/// <summary>The client a request is counted and logged as, and why its forwarding headers were not used (null when they were, or were not needed).</summary>
public readonly record struct ClientResolution(IPAddress? Client, string? Problem);
