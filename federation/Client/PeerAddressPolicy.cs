using System.Net;
using DihNode.Rdf.Net;

namespace DihNode.Federation.Client;

/// <summary>
/// Which addresses this node opens a federation connection to (federation/README.md, "Peer addresses").
/// A configured peer is the operator's choice, but its DNS name can later resolve elsewhere (a rebound or
/// hijacked record), so every address is checked after resolution, just before the socket opens:
/// link-local (169.254/16 with the cloud metadata address, fe80::/10), other cloud metadata addresses,
/// multicast, unspecified, broadcast and reserved addresses are always refused; loopback only when the
/// configured URL itself names the own machine (<c>localhost</c>, 127.x.x.x, <c>[::1]</c>); private ranges
/// (RFC 1918, 100.64/10, fc00::/7) are accepted, since national nodes on private networks are normal. The
/// ranges are <see cref="AddressRanges"/>, the classification LOAD uses too; an IPv6 address carrying an
/// IPv4 address (NAT64, 6to4, Teredo, IPv4-compatible or -mapped) is refused when either is.
/// </summary>
public static class PeerAddressPolicy
{
    /// <summary>
    /// True when the URL's host names the own machine, so a loopback address is what the operator meant:
    /// <c>localhost</c>, 127.x.x.x, <c>[::1]</c> or <c>[::ffff:127.x.x.x]</c>. An address that only carries
    /// 127.x.x.x (NAT64 <c>[64:ff9b::7f00:1]</c>, 6to4, Teredo, IPv4-compatible) does not: it would reach a
    /// translator's or a relay's loopback, not this machine's.
    /// </summary>
    public static bool NamesLoopback(Uri url)
    {
        string host = url.IdnHost.Trim('[', ']');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        if (!IPAddress.TryParse(host, out var literal)) return false;
        if (literal.IsIPv4MappedToIPv6) literal = literal.MapToIPv4();
        return IPAddress.IsLoopback(literal);
    }

    /// <summary>Why <paramref name="address"/> is never contacted for a peer at <paramref name="url"/>; null when it may be.</summary>
    public static string? Refusal(IPAddress address, Uri url)
    {
        string? reason = AddressRanges.Classify(address) switch
        {
            AddressRange.Public or AddressRange.Private => null,
            AddressRange.Loopback when AddressRanges.CarriedIPv4(address).Count > 0 => "an address carrying a loopback address, which reaches a translator's or a relay's loopback, not this machine's",
            AddressRange.Loopback => NamesLoopback(url) ? null : "a loopback address, and the configured URL does not name this machine (localhost, 127.x.x.x, [::1])",
            AddressRange.LinkLocal => "a link-local address (169.254/16, fe80::/10; 169.254.169.254 is the cloud metadata service)",
            AddressRange.CloudMetadata => "a cloud metadata service address (100.100.100.200, fd00:ec2::254)",
            AddressRange.Multicast => "a multicast address",
            AddressRange.Unspecified => "an unspecified address",
            AddressRange.Broadcast => "the broadcast address",
            _ => "a reserved address (documentation, benchmarking, IETF protocol assignments or unallocated)",
        };
        return reason is null ? null : reason + AddressRanges.CarriedNote(address);
    }

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
        if (IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var literal) && Refusal(literal, url) is { } refusal)
            return $"{literal} is {refusal}, an address this node never contacts";
        return null;
    }
}
