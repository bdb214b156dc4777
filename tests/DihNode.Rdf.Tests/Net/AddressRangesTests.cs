using System.Net;
using DihNode.Rdf.Net;

namespace DihNode.Rdf.Tests.Net;

/// <summary>
/// The classification every outgoing connection is checked against (issue 11 item 6): the IANA special-purpose
/// ranges, and IPv6 forms that carry an IPv4 address classified by that address too, the stricter class winning.
/// </summary>
public sealed class AddressRangesTests
{
    public static TheoryData<string, AddressRange> Ipv4 => new()
    {
        { "0.0.0.0", AddressRange.Unspecified },
        { "0.255.255.255", AddressRange.Unspecified },
        { "10.0.0.1", AddressRange.Private },
        { "100.63.255.255", AddressRange.Public },
        { "100.64.0.1", AddressRange.Private },              // shared address space (RFC 6598)
        { "100.127.255.255", AddressRange.Private },
        { "100.128.0.0", AddressRange.Public },
        { "100.100.100.200", AddressRange.CloudMetadata },   // Alibaba Cloud's metadata service
        { "100.100.100.201", AddressRange.Private },
        { "127.0.0.1", AddressRange.Loopback },
        { "169.254.169.254", AddressRange.LinkLocal },
        { "172.15.255.255", AddressRange.Public },
        { "172.16.0.1", AddressRange.Private },
        { "192.0.0.8", AddressRange.Reserved },              // IETF protocol assignments (RFC 6890)
        { "192.0.0.170", AddressRange.Reserved },
        { "192.0.1.1", AddressRange.Public },
        { "192.0.2.1", AddressRange.Reserved },              // TEST-NET-1 (RFC 5737)
        { "192.88.99.1", AddressRange.Reserved },            // deprecated 6to4 relay anycast (RFC 7526)
        { "192.168.1.1", AddressRange.Private },
        { "198.17.255.255", AddressRange.Public },
        { "198.18.0.1", AddressRange.Reserved },             // benchmarking (RFC 2544)
        { "198.19.255.255", AddressRange.Reserved },
        { "198.20.0.0", AddressRange.Public },
        { "198.51.100.7", AddressRange.Reserved },           // TEST-NET-2
        { "203.0.113.1", AddressRange.Reserved },            // TEST-NET-3
        { "193.0.6.139", AddressRange.Public },
        { "224.0.0.1", AddressRange.Multicast },
        { "239.255.255.255", AddressRange.Multicast },
        { "240.0.0.1", AddressRange.Reserved },
        { "255.255.255.254", AddressRange.Reserved },
        { "255.255.255.255", AddressRange.Broadcast },
    };

    public static TheoryData<string, AddressRange> Ipv6 => new()
    {
        { "::", AddressRange.Unspecified },
        { "::1", AddressRange.Loopback },
        { "100::1", AddressRange.Reserved },                 // discard-only (RFC 6666), outside 2000::/3
        { "4000::1", AddressRange.Reserved },
        { "5f00::1", AddressRange.Reserved },
        { "2001:db8::1", AddressRange.Reserved },            // documentation (RFC 3849)
        { "3fff::1", AddressRange.Reserved },                // documentation (RFC 9637)
        { "3fff:1000::1", AddressRange.Public },
        { "2001:2::1", AddressRange.Reserved },              // benchmarking (RFC 5180)
        { "2001:10::1", AddressRange.Reserved },             // deprecated ORCHID (RFC 4843)
        { "2001:20::1", AddressRange.Public },               // ORCHIDv2, globally reachable in the registry
        { "2001:4860:4860::8888", AddressRange.Public },
        { "2a01:4f8::1", AddressRange.Public },
        { "fc00::1", AddressRange.Private },
        { "fd12:3456::1", AddressRange.Private },
        { "fd00:ec2::254", AddressRange.CloudMetadata },     // Amazon EC2's metadata service over IPv6
        { "fd00:ec2::253", AddressRange.Private },
        { "fe80::1", AddressRange.LinkLocal },
        { "febf::1", AddressRange.LinkLocal },
        { "fec0::1", AddressRange.Reserved },
        { "ff02::1", AddressRange.Multicast },
    };

    /// <summary>Every form that carries an IPv4 address, with the class of what it reaches.</summary>
    public static TheoryData<string, AddressRange> Carrying => new()
    {
        // IPv4-mapped ::ffff:0:0/96: the IPv4 address alone.
        { "::ffff:169.254.169.254", AddressRange.LinkLocal },
        { "::ffff:127.0.0.1", AddressRange.Loopback },
        { "::ffff:10.0.0.1", AddressRange.Private },
        { "::ffff:8.8.8.8", AddressRange.Public },
        { "::ffff:100.100.100.200", AddressRange.CloudMetadata },
        { "::ffff:192.0.2.1", AddressRange.Reserved },
        // IPv4-compatible ::/96 (deprecated, RFC 4291 2.5.5.1): reserved at least.
        { "::169.254.169.254", AddressRange.LinkLocal },
        { "::a9fe:a9fe", AddressRange.LinkLocal },
        { "::127.0.0.1", AddressRange.Reserved },
        { "::8.8.8.8", AddressRange.Reserved },
        { "::10.0.0.1", AddressRange.Reserved },
        { "::224.0.0.1", AddressRange.Multicast },
        { "::2", AddressRange.Unspecified },
        // NAT64, well-known prefix 64:ff9b::/96 (RFC 6052 2.1).
        { "64:ff9b::a9fe:a9fe", AddressRange.LinkLocal },
        { "64:ff9b::169.254.169.254", AddressRange.LinkLocal },
        { "64:ff9b::7f00:1", AddressRange.Loopback },
        { "64:ff9b::a00:1", AddressRange.Private },
        { "64:ff9b::6464:64c8", AddressRange.CloudMetadata },
        { "64:ff9b::e000:1", AddressRange.Multicast },
        { "64:ff9b::", AddressRange.Unspecified },
        { "64:ff9b::ffff:ffff", AddressRange.Broadcast },
        { "64:ff9b::c000:201", AddressRange.Reserved },
        { "64:ff9b::808:808", AddressRange.Public },
        // NAT64, local-use prefix 64:ff9b:1::/48 (RFC 8215), the IPv4 address last: private at least.
        { "64:ff9b:1::a9fe:a9fe", AddressRange.LinkLocal },
        { "64:ff9b:1::7f00:1", AddressRange.Loopback },
        { "64:ff9b:1::808:808", AddressRange.Private },
        { "64:ff9b:2::808:808", AddressRange.Reserved },     // neither prefix: outside 2000::/3
        // 6to4 2002::/16 (RFC 3056 2): the IPv4 address in bits 16-47.
        { "2002:a9fe:a9fe::1", AddressRange.LinkLocal },
        { "2002:7f00:1::1", AddressRange.Loopback },
        { "2002:a00:1::1", AddressRange.Private },
        { "2002:e000:1::", AddressRange.Multicast },
        { "2002:c000:201::1", AddressRange.Reserved },
        { "2002:808:808::1", AddressRange.Public },
        // Teredo 2001::/32 (RFC 4380 4): the server in bits 32-63, the client as the NOT of bits 96-127.
        { "2001:0:4136:e378:8000:63bf:3fff:fdd2", AddressRange.Reserved },   // RFC 4380's example: client 192.0.2.45
        { "2001:0:4136:e378:8000:63bf:5601:5601", AddressRange.LinkLocal },  // client 169.254.169.254
        { "2001:0:4136:e378:8000:63bf:80ff:fffe", AddressRange.Loopback },   // client 127.0.0.1
        { "2001:0:a9fe:a9fe:8000:63bf:f7f7:f7f7", AddressRange.LinkLocal },  // server 169.254.169.254
        { "2001:0:a00:1:8000:63bf:f7f7:f7f7", AddressRange.Private },        // server 10.0.0.1
        { "2001:0:4136:e378:8000:63bf:f7f7:f7f7", AddressRange.Public },     // server 65.54.227.120, client 8.8.8.8
    };

    [Theory]
    [MemberData(nameof(Ipv4))]
    [MemberData(nameof(Ipv6))]
    [MemberData(nameof(Carrying))]
    public void EachAddressHasTheClassOfWhatItReaches(string address, AddressRange expected) =>
        Assert.Equal(expected, AddressRanges.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("::169.254.169.254", "169.254.169.254: IPv4-compatible")]
    [InlineData("64:ff9b::a9fe:a9fe", "169.254.169.254: NAT64")]
    [InlineData("64:ff9b:1::a9fe:a9fe", "169.254.169.254: NAT64 (local use)")]
    [InlineData("2002:a9fe:a9fe::1", "169.254.169.254: 6to4")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", "65.54.227.120: Teredo server; 192.0.2.45: Teredo client")]
    [InlineData("::ffff:169.254.169.254", "")]
    [InlineData("::1", "")]
    [InlineData("::", "")]
    [InlineData("2a01:4f8::1", "")]
    [InlineData("169.254.169.254", "")]
    public void TheCarriedIpv4AddressIsNamedForMessages(string address, string carried) =>
        Assert.Equal(carried.Length == 0 ? "" : $" (it carries {carried})", AddressRanges.CarriedNote(IPAddress.Parse(address)));

    [Fact]
    public void TheStricterClassIsTheOneMoreCallersRefuse()
    {
        AddressRange[] order = [AddressRange.Public, AddressRange.Private, AddressRange.Loopback, AddressRange.Reserved, AddressRange.Broadcast,
            AddressRange.Unspecified, AddressRange.Multicast, AddressRange.LinkLocal, AddressRange.CloudMetadata];
        Assert.Equal(Enum.GetValues<AddressRange>().Order(), order.Order());
        for (int i = 0; i < order.Length; i++)
            for (int j = 0; j < order.Length; j++)
                Assert.Equal(order[Math.Max(i, j)], AddressRanges.Stricter(order[i], order[j]));
    }
}
