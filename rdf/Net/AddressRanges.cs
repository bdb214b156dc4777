using System.Net;
using System.Net.Sockets;

namespace DihNode.Rdf.Net;

/// <summary>What kind of network an IP address belongs to, as far as a server deciding whether to connect cares.</summary>
public enum AddressRange
{
    /// <summary>Any other unicast address.</summary>
    Public,

    /// <summary>RFC 1918 (10/8, 172.16/12, 192.168/16) and IPv6 unique local (fc00::/7, RFC 4193).</summary>
    Private,

    /// <summary>127/8 and ::1.</summary>
    Loopback,

    /// <summary>169.254/16 (RFC 3927; the cloud metadata address 169.254.169.254) and fe80::/10.</summary>
    LinkLocal,

    /// <summary>224/4 and ff00::/8.</summary>
    Multicast,

    /// <summary>0/8 ("this network", RFC 1122 3.2.1.3; 0.0.0.0 reaches the own host on most systems) and ::.</summary>
    Unspecified,

    /// <summary>255.255.255.255.</summary>
    Broadcast,

    /// <summary>240/4 (reserved, RFC 1112) and the deprecated IPv6 site-local fec0::/10 (RFC 3879).</summary>
    Reserved,
}

/// <summary>
/// The one classification of IP addresses the node's outgoing connections are checked against (LOAD's HTTP
/// client, the federation's peer connections): each caller decides which ranges it accepts. IPv4-mapped IPv6
/// addresses (<c>::ffff:169.254.169.254</c>) are classified as the IPv4 address they carry, since a dual-stack
/// socket connecting to one reaches that IPv4 address.
/// </summary>
public static class AddressRanges
{
    public static AddressRange Classify(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.Equals(IPAddress.IPv6Any)) return AddressRange.Unspecified;
            if (address.Equals(IPAddress.IPv6Loopback)) return AddressRange.Loopback;
            if (address.IsIPv6LinkLocal) return AddressRange.LinkLocal;
            if (address.IsIPv6Multicast) return AddressRange.Multicast;
            if (address.IsIPv6SiteLocal) return AddressRange.Reserved;
            return address.IsIPv6UniqueLocal ? AddressRange.Private : AddressRange.Public;
        }
        byte[] b = address.GetAddressBytes();
        return b[0] switch
        {
            0 => AddressRange.Unspecified,
            127 => AddressRange.Loopback,
            10 => AddressRange.Private,
            169 when b[1] == 254 => AddressRange.LinkLocal,
            172 when b[1] is >= 16 and <= 31 => AddressRange.Private,
            192 when b[1] == 168 => AddressRange.Private,
            >= 224 and <= 239 => AddressRange.Multicast,
            255 when b[1] == 255 && b[2] == 255 && b[3] == 255 => AddressRange.Broadcast,
            >= 240 => AddressRange.Reserved,
            _ => AddressRange.Public,
        };
    }
}
