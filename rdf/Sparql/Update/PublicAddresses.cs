using System.Net;
using DihNode.Rdf.Net;

namespace DihNode.Rdf.Sparql.Update;

/// <summary>
/// The connection step of LOAD's HTTP client: resolves the host, refuses when any address it resolves to
/// is one a server must never be tricked into contacting (loopback, link-local with the cloud metadata
/// address 169.254.169.254, other cloud metadata addresses, unspecified, multicast, broadcast, reserved; IPv6
/// forms carrying such an IPv4 address included: mapped, NAT64, 6to4, Teredo), and connects
/// to the checked address itself, so a name rebound between the check and the connect cannot slip through.
/// Private ranges (RFC 1918, unique local) stay reachable: nodes may run on an intranet.
/// </summary>
internal static class PublicAddresses
{
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        string host = context.DnsEndPoint.Host;
        IPAddress[] addresses = await CheckedConnection.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0) throw new HttpRequestException($"{host} does not resolve");
        if (addresses.FirstOrDefault(IsForbidden) is { } bad)
            throw new HttpRequestException($"{host} resolves to {bad}, an address this node never contacts: {Describe(AddressRanges.Classify(bad))}{AddressRanges.CarriedNote(bad)}");
        return await CheckedConnection.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
    }

    private static string Describe(AddressRange range) => range switch
    {
        AddressRange.Loopback => "loopback",
        AddressRange.LinkLocal => "link-local; 169.254.169.254 is the cloud metadata service",
        AddressRange.CloudMetadata => "a cloud metadata service",
        AddressRange.Multicast => "multicast",
        AddressRange.Unspecified => "unspecified",
        AddressRange.Broadcast => "broadcast",
        _ => "reserved: documentation, benchmarking, IETF protocol assignments or unallocated",
    };

    /// <summary>Everything but public and private unicast addresses (<see cref="AddressRanges"/>).</summary>
    public static bool IsForbidden(IPAddress address) =>
        AddressRanges.Classify(address) is not (AddressRange.Public or AddressRange.Private);
}
