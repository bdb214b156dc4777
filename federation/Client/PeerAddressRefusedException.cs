using System.Net;

namespace DihNode.Federation.Client;

/// <summary>
/// A peer connection refused before its socket opened, because the peer's host resolved to an address this
/// node never contacts (<see cref="PeerAddressPolicy"/>). <see cref="PeerClient"/> turns it into an
/// <c>UNAVAILABLE</c> call with this message.
/// </summary>
public sealed class PeerAddressRefusedException(string peer, string host, IPAddress address, string reason)
    : Exception($"peer '{peer}' (host {host}) resolves to {address}, an address this node never contacts: {reason}")
{
    public string Peer { get; } = peer;

    public string Host { get; } = host;

    public IPAddress Address { get; } = address;
}
