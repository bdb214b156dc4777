using System.Net;
using System.Net.Sockets;

namespace DihNode.Rdf.Net;

/// <summary>
/// The two halves of a connection whose addresses are checked before use (LOAD's fetcher, peer links):
/// resolve the host once, then connect to exactly the addresses the caller checked, so a name rebound
/// between a check and a second lookup cannot slip through.
/// </summary>
public static class CheckedConnection
{
    /// <summary>The host's addresses: itself when it is an address literal (with or without brackets), else a DNS lookup (or <paramref name="resolver"/>).</summary>
    public static async ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken,
        Func<string, CancellationToken, ValueTask<IPAddress[]>>? resolver = null)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out IPAddress? literal)) return [literal];
        return resolver is null
            ? await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false)
            : await resolver(host, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A TCP stream to the first of <paramref name="addresses"/> that answers on <paramref name="port"/>.</summary>
    public static async ValueTask<Stream> ConnectAsync(IPAddress[] addresses, int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
