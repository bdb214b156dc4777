using System.Net;
using System.Net.Sockets;

namespace DihNode.Reliability.Tests.Support;

/// <summary>
/// A TCP listener on a loopback port that counts the connections it accepts (and answers each with an
/// HTTP 200 Turtle document, so a client that did connect would succeed): the SSRF tests expect 0.
/// </summary>
public sealed class CountingListener : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private int _connections;

    public CountingListener()
    {
        _listener.Start();
        _ = AcceptLoop();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref _connections);

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try { socket = await _listener.AcceptSocketAsync(_stop.Token); }
            catch (Exception) { return; }
            Interlocked.Increment(ref _connections);
            _ = Answer(socket);
        }
    }

    private static async Task Answer(Socket socket)
    {
        using (socket)
        {
            try
            {
                var buffer = new byte[4096];
                await socket.ReceiveAsync(buffer);
                string body = "<http://example.org/leak> <http://example.org/p> \"fetched\" .\n";
                byte[] response = System.Text.Encoding.ASCII.GetBytes(
                    $"HTTP/1.1 200 OK\r\nContent-Type: text/turtle\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}");
                await socket.SendAsync(response);
            }
            catch (SocketException) { }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _listener.Dispose();
        _stop.Dispose();
    }
}
