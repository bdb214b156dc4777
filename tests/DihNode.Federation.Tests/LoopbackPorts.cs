using System.Net;
using System.Net.Sockets;

namespace DihNode.Federation.Tests;

/// <summary>
/// Loopback ports for the test nodes of this process. A port is bound only when its node starts, so a port
/// merely checked free could be handed to a second node (or taken by the demo's nodes) before the first binds
/// it: every port is handed out once per process, from one rising counter. The range lies below Linux's
/// ephemeral range (32768 and up), where client connections take their own ports.
/// </summary>
internal static class LoopbackPorts
{
    private const int First = 20_000, Last = 32_000;
    private static readonly object Gate = new();
    private static int _next = First + Random.Shared.Next(0, 2_000); // runs back to back on one machine start apart

    /// <summary>One free port.</summary>
    public static int Take() => TakeRange(1);

    /// <summary><paramref name="count"/> consecutive free ports; returns the first, or 0 when the range is used up.</summary>
    public static int TakeRange(int count)
    {
        lock (Gate)
        {
            while (_next + count <= Last)
            {
                int start = _next;
                _next += count;
                if (Enumerable.Range(start, count).All(IsFree)) return start;
            }
            return 0;
        }
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
