using System.Net;
using DihNode.Rdf.Net;

namespace DihNode.Federation.Client;

/// <summary>
/// Which addresses this node opens a federation connection to (federation/README.md, "Peer addresses").
/// A configured peer is the operator's choice, but its DNS name can later resolve elsewhere (a rebound or
/// hijacked record), so every address is checked after resolution, just before the socket opens:
/// link-local (169.254/16 with the cloud metadata address, fe80::/10), multicast, unspecified, broadcast and
/// reserved addresses are always refused; loopback only when the configured URL itself names the own
/// machine (<c>localhost</c>, 127.x.x.x, <c>[::1]</c>); private ranges (RFC 1918, fc00::/7) are accepted,
/// since national nodes on private networks are normal. The ranges are <see cref="AddressRanges"/>, the
/// classification LOAD uses too.
/// </summary>
public static class PeerAddressPolicy
{
    /// <summary>True when the URL's host names the own machine, so a loopback address is what the operator meant.</summary>
    public static bool NamesLoopback(Uri url)
    {
        string host = url.IdnHost.Trim('[', ']');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host, out var literal) && AddressRanges.Classify(literal) == AddressRange.Loopback;
    }

    /// <summary>Why <paramref name="address"/> is never contacted for a peer at <paramref name="url"/>; null when it may be.</summary>
    public static string? Refusal(IPAddress address, Uri url) => AddressRanges.Classify(address) switch
    {
        AddressRange.Public or AddressRange.Private => null,
        AddressRange.Loopback => NamesLoopback(url) ? null : "a loopback address, and the configured URL does not name this machine (localhost, 127.x.x.x, [::1])",
        AddressRange.LinkLocal => "a link-local address (169.254/16, fe80::/10; 169.254.169.254 is the cloud metadata service)",
        AddressRange.Multicast => "a multicast address",
        AddressRange.Unspecified => "an unspecified address",
        AddressRange.Broadcast => "the broadcast address",
        _ => "a reserved address",
    };

    /// <summary>
    /// The startup check of a configured peer URL (<c>dihnode serve --peer</c>, <c>--peers</c>): http or https,
    /// no user info, path, query or fragment, and not a literal address that is always refused. Null when
    /// acceptable, else the reason.
    /// </summary>
    public static string? CheckConfigured(Uri url)
    {
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")) return "not an http(s) URL";
        if (url.UserInfo.Length > 0) return "user info (NAME@) is not allowed: the link secret authenticates";
        if (url.AbsolutePath is not ("/" or "")) return $"a path ({url.AbsolutePath}) is not allowed: give the gRPC endpoint's scheme, host and port only";
        if (url.Query.Length > 0 || url.Fragment.Length > 0) return "a query or fragment is not allowed: give the gRPC endpoint's scheme, host and port only";
        if (IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var literal)
            && AddressRanges.Classify(literal) is not (AddressRange.Public or AddressRange.Private or AddressRange.Loopback))
            return $"{literal} is {Refusal(literal, url)}, an address this node never contacts";
        return null;
    }
}
