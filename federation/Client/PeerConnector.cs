using System.Net;
using DihNode.Rdf.Net;
using Microsoft.Extensions.Logging;

namespace DihNode.Federation.Client;

/// <summary>
/// The connection step of a peer's gRPC channel (<see cref="SocketsHttpHandler.ConnectCallback"/>): resolves
/// the host itself, checks every address against <see cref="PeerAddressPolicy"/> and connects to the checked
/// addresses only, so a name rebound between a check and a second lookup cannot slip through. A refusal throws
/// <see cref="PeerAddressRefusedException"/> before any socket exists; it is logged once per change of state
/// (refused with another address, or accepted again).
/// </summary>
internal sealed class PeerConnector(PeerLink link, Func<string, CancellationToken, ValueTask<IPAddress[]>>? resolver, ILogger? log)
{
    private readonly Lock _lock = new();
    private string? _refusal;

    /// <summary>Connections refused by the check (what a test or an operator counts).</summary>
    public int Refused => Volatile.Read(ref _refused);

    private int _refused;

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        string host = context.DnsEndPoint.Host;
        IPAddress[] addresses = await CheckedConnection.ResolveAsync(host, cancellationToken, resolver).ConfigureAwait(false);
        if (addresses.Length == 0) throw new HttpRequestException($"peer '{link.Name}': {host} does not resolve");
        // One refused address refuses the connection: a record mixing a public address with the metadata
        // address is not one to trust for whichever address the socket tries first.
        foreach (var address in addresses)
        {
            if (PeerAddressPolicy.Refusal(address, link.Url) is not { } reason) continue;
            var refused = new PeerAddressRefusedException(link.Name, host, address, reason);
            Interlocked.Increment(ref _refused);
            Note(refused.Message);
            throw refused;
        }
        Note(null);
        return await CheckedConnection.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
    }

    private void Note(string? refusal)
    {
        string? before;
        lock (_lock)
        {
            before = _refusal;
            if (before == refusal) return;
            _refusal = refusal;
        }
        if (refusal is not null) log?.LogWarning("{Refusal}; no connection made", refusal);
        else log?.LogInformation("peer '{Peer}': its address is accepted again (before: {Before})", link.Name, before);
    }
}
