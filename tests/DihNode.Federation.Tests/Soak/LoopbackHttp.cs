using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace DihNode.Federation.Tests.Soak;

/// <summary>
/// HTTP clients whose connections leave from a loopback address of their own (127.0.x.y), so the node sees
/// each as a separate client, as it would over a network (its budgets and logs key on the remote address).
/// </summary>
internal static class LoopbackHttp
{
    public static HttpClient From(Uri baseAddress, string address, string? apiKey = null)
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(90),
        };
        if (apiKey is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }
}
