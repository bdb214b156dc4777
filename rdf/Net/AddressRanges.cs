using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace DihNode.Rdf.Net;

/// <summary>What kind of network an IP address belongs to, as far as a server deciding whether to connect cares.</summary>
public enum AddressRange
{
    /// <summary>Any other unicast address (IPv6: inside 2000::/3, the only block IANA allocates global unicast from).</summary>
    Public,

    /// <summary>
    /// RFC 1918 (10/8, 172.16/12, 192.168/16), the shared address space 100.64/10 (RFC 6598: carrier-grade NAT,
    /// also used by overlay VPNs), IPv6 unique local fc00::/7 (RFC 4193) and the local-use NAT64 prefix
    /// 64:ff9b:1::/48 (RFC 8215): networks an operator runs, not the internet.
    /// </summary>
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

    /// <summary>
    /// Addresses no server of the internet has: 240/4 (RFC 1112), the IETF protocol assignments 192.0.0/24
    /// (RFC 6890), documentation (192.0.2/24, 198.51.100/24, 203.0.113/24, RFC 5737; 2001:db8::/32, RFC 3849;
    /// 3fff::/20, RFC 9637), benchmarking (198.18/15, RFC 2544; 2001:2::/48, RFC 5180), the deprecated 6to4
    /// relay anycast 192.88.99/24 (RFC 7526), ORCHID 2001:10::/28 (RFC 4843), site-local fec0::/10 (RFC 3879),
    /// IPv4-compatible IPv6 ::/96 (deprecated, RFC 4291 2.5.5.1) and every IPv6 address outside 2000::/3,
    /// fc00::/7, fe80::/10 and ff00::/8 that no other row names ("Reserved by IETF" in the IANA IPv6 address
    /// space, 100::/64 discard-only among them).
    /// </summary>
    Reserved,

    /// <summary>
    /// Cloud instance metadata services outside link-local, inside ranges that are otherwise accepted:
    /// 100.100.100.200 (Alibaba Cloud, in 100.64/10) and fd00:ec2::254 (Amazon EC2 over IPv6, in fc00::/7).
    /// </summary>
    CloudMetadata,
}

/// <summary>
/// The one classification of IP addresses the node's outgoing connections are checked against (LOAD's HTTP
/// client, the federation's peer connections): each caller decides which ranges it accepts. The ranges follow
/// the IANA IPv4 and IPv6 special-purpose address registries (RFC 6890).
/// <para>
/// An IPv6 address that carries an IPv4 address is classified by both, and the stricter class wins (see
/// <see cref="Stricter"/>), since a connection to it ends at that IPv4 address: IPv4-mapped
/// <c>::ffff:0:0/96</c> (a dual-stack socket connects to the IPv4 address itself; classified as the IPv4
/// address alone), IPv4-compatible <c>::/96</c> (RFC 4291 2.5.5.1), NAT64 <c>64:ff9b::/96</c> (RFC 6052 2.1)
/// and <c>64:ff9b:1::/48</c> (RFC 8215; read as a /96, the form RFC 6052 2.2 puts the IPv4 address last in),
/// 6to4 <c>2002::/16</c> (RFC 3056 2: the IPv4 address in bits 16–47) and Teredo <c>2001::/32</c> (RFC 4380
/// 4: the server's IPv4 address in bits 32–63, the client's as the bitwise NOT of bits 96–127). So
/// <c>64:ff9b::a9fe:a9fe</c> is link-local like 169.254.169.254, while <c>64:ff9b::c000:201</c> from an
/// IPv6-only host through its NAT64 gateway stays whatever 192.0.2.1 is. A NAT64 prefix an operator chose
/// (RFC 6052 2.2, "network-specific") cannot be recognised from the address and is classified as IPv6 only.
/// </para>
/// </summary>
public static class AddressRanges
{
    private readonly record struct Row(uint Prefix, int Length, AddressRange Range);

    private readonly record struct Row6(UInt128 Prefix, int Length, AddressRange Range);

    /// <summary>The IPv4 rows, most specific first: the first that matches decides.</summary>
    private static readonly Row[] s_ipv4 =
    [
        new(V4(100, 100, 100, 200), 32, AddressRange.CloudMetadata),
        new(V4(255, 255, 255, 255), 32, AddressRange.Broadcast),
        new(V4(0, 0, 0, 0), 8, AddressRange.Unspecified),
        new(V4(10, 0, 0, 0), 8, AddressRange.Private),
        new(V4(100, 64, 0, 0), 10, AddressRange.Private),
        new(V4(127, 0, 0, 0), 8, AddressRange.Loopback),
        new(V4(169, 254, 0, 0), 16, AddressRange.LinkLocal),
        new(V4(172, 16, 0, 0), 12, AddressRange.Private),
        new(V4(192, 0, 0, 0), 24, AddressRange.Reserved),
        new(V4(192, 0, 2, 0), 24, AddressRange.Reserved),
        new(V4(192, 88, 99, 0), 24, AddressRange.Reserved),
        new(V4(192, 168, 0, 0), 16, AddressRange.Private),
        new(V4(198, 18, 0, 0), 15, AddressRange.Reserved),
        new(V4(198, 51, 100, 0), 24, AddressRange.Reserved),
        new(V4(203, 0, 113, 0), 24, AddressRange.Reserved),
        new(V4(224, 0, 0, 0), 4, AddressRange.Multicast),
        new(V4(240, 0, 0, 0), 4, AddressRange.Reserved),
    ];

    /// <summary>The IPv6 rows, most specific first; the last (::/0) catches what IANA has not allocated.</summary>
    private static readonly Row6[] s_ipv6 =
    [
        new(V6(0, 0, 0, 0, 0, 0, 0, 0), 128, AddressRange.Unspecified),
        new(V6(0, 0, 0, 0, 0, 0, 0, 1), 128, AddressRange.Loopback),
        new(V6(0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x0254), 128, AddressRange.CloudMetadata),
        new(V6(0, 0, 0, 0, 0, 0, 0, 0), 96, AddressRange.Reserved),
        new(V6(0x0064, 0xff9b, 0, 0, 0, 0, 0, 0), 96, AddressRange.Public),
        new(V6(0x0064, 0xff9b, 1, 0, 0, 0, 0, 0), 48, AddressRange.Private),
        new(V6(0x2001, 0x0002, 0, 0, 0, 0, 0, 0), 48, AddressRange.Reserved),
        new(V6(0x2001, 0, 0, 0, 0, 0, 0, 0), 32, AddressRange.Public),
        new(V6(0x2001, 0x0db8, 0, 0, 0, 0, 0, 0), 32, AddressRange.Reserved),
        new(V6(0x2001, 0x0010, 0, 0, 0, 0, 0, 0), 28, AddressRange.Reserved),
        new(V6(0x3fff, 0, 0, 0, 0, 0, 0, 0), 20, AddressRange.Reserved),
        new(V6(0x2002, 0, 0, 0, 0, 0, 0, 0), 16, AddressRange.Public),
        new(V6(0xfe80, 0, 0, 0, 0, 0, 0, 0), 10, AddressRange.LinkLocal),
        new(V6(0xfec0, 0, 0, 0, 0, 0, 0, 0), 10, AddressRange.Reserved),
        new(V6(0xff00, 0, 0, 0, 0, 0, 0, 0), 8, AddressRange.Multicast),
        new(V6(0xfc00, 0, 0, 0, 0, 0, 0, 0), 7, AddressRange.Private),
        new(V6(0x2000, 0, 0, 0, 0, 0, 0, 0), 3, AddressRange.Public),
        new(V6(0, 0, 0, 0, 0, 0, 0, 0), 0, AddressRange.Reserved),
    ];

    public static AddressRange Classify(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out int written);
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return ClassifyIPv4(BinaryPrimitives.ReadUInt32BigEndian(bytes[..written]));

        UInt128 value = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        AddressRange range = AddressRange.Reserved;
        foreach (var row in s_ipv6)
        {
            if (Matches(value, row.Prefix, row.Length))
            {
                range = row.Range;
                break;
            }
        }
        foreach (var (carried, _) in Carried(value)) range = Stricter(range, ClassifyIPv4(carried));
        return range;
    }

    /// <summary>
    /// The IPv4 addresses an IPv6 address carries, each with the name of its form (for messages): none for a
    /// plain IPv6 address and for IPv4-mapped ones (those are classified as their IPv4 address outright).
    /// </summary>
    public static IReadOnlyList<(IPAddress Address, string Form)> CarriedIPv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6 || address.IsIPv4MappedToIPv6) return [];
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        return [.. Carried(BinaryPrimitives.ReadUInt128BigEndian(bytes)).Select(c => (ToAddress(c.Address), c.Form))];
    }

    /// <summary>For messages: <c>" (it carries 169.254.169.254: NAT64)"</c>, or empty when the address carries no IPv4 address.</summary>
    public static string CarriedNote(IPAddress address)
    {
        var carried = CarriedIPv4(address);
        return carried.Count == 0 ? "" : " (it carries " + string.Join("; ", carried.Select(c => $"{c.Address}: {c.Form}")) + ")";
    }

    /// <summary>
    /// Of two classes of one address, the one a caller must respect: public, then private, then loopback (each
    /// refused by more callers than the one before), then the classes every caller refuses, the more telling
    /// first (the metadata service before link-local before the IPv6 container's "reserved").
    /// </summary>
    public static AddressRange Stricter(AddressRange a, AddressRange b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(AddressRange range) => range switch
    {
        AddressRange.Public => 0,
        AddressRange.Private => 1,
        AddressRange.Loopback => 2,
        AddressRange.Reserved => 3,
        AddressRange.Broadcast => 4,
        AddressRange.Unspecified => 5,
        AddressRange.Multicast => 6,
        AddressRange.LinkLocal => 7,
        AddressRange.CloudMetadata => 8,
        _ => 9,
    };

    private static AddressRange ClassifyIPv4(uint address)
    {
        foreach (var row in s_ipv4)
        {
            uint mask = row.Length == 0 ? 0 : uint.MaxValue << (32 - row.Length);
            if ((address & mask) == row.Prefix) return row.Range;
        }
        return AddressRange.Public;
    }

    private static IEnumerable<(uint Address, string Form)> Carried(UInt128 value)
    {
        uint low = (uint)value;
        if (Matches(value, s_compatible, 96) && value > 1) yield return (low, "IPv4-compatible");
        else if (Matches(value, s_nat64, 96)) yield return (low, "NAT64");
        else if (Matches(value, s_nat64Local, 48)) yield return (low, "NAT64 (local use)");
        else if (Matches(value, s_sixToFour, 16)) yield return ((uint)(value >> 80), "6to4");
        else if (Matches(value, s_teredo, 32))
        {
            yield return ((uint)(value >> 64), "Teredo server");
            yield return (~low, "Teredo client");
        }
    }

    private static readonly UInt128 s_compatible = V6(0, 0, 0, 0, 0, 0, 0, 0);
    private static readonly UInt128 s_nat64 = V6(0x0064, 0xff9b, 0, 0, 0, 0, 0, 0);
    private static readonly UInt128 s_nat64Local = V6(0x0064, 0xff9b, 1, 0, 0, 0, 0, 0);
    private static readonly UInt128 s_sixToFour = V6(0x2002, 0, 0, 0, 0, 0, 0, 0);
    private static readonly UInt128 s_teredo = V6(0x2001, 0, 0, 0, 0, 0, 0, 0);

    private static bool Matches(UInt128 value, UInt128 prefix, int length) =>
        length == 0 || (value >> (128 - length)) == (prefix >> (128 - length));

    private static IPAddress ToAddress(uint address)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, address);
        return new IPAddress(bytes);
    }

    private static uint V4(byte a, byte b, byte c, byte d) => (uint)(a << 24 | b << 16 | c << 8 | d);

    private static UInt128 V6(ushort a, ushort b, ushort c, ushort d, ushort e, ushort f, ushort g, ushort h) =>
        new((ulong)a << 48 | (ulong)b << 32 | (ulong)c << 16 | d, (ulong)e << 48 | (ulong)f << 32 | (ulong)g << 16 | h);
}
