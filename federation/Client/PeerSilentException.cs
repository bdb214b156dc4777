using Grpc.Core;

namespace DihNode.Federation.Client;

/// <summary>
/// A subscription dropped by its heartbeat watchdog (<see cref="SubscriptionWatchdog"/>): the stream was open
/// but no message came for three heartbeat intervals while this node was running. The status is
/// <c>UNAVAILABLE</c> (the link is not usable, as gRPC's own keepalive reports it), and the detail says
/// it was silence, whatever the transport reported when the call was cancelled (the gRPC client may report
/// its own cancellation as <c>UNAVAILABLE</c> "Error reading next message ... The request was aborted").
/// </summary>
public sealed class PeerSilentException(string peer, TimeSpan silence, TimeSpan heartbeat, TimeSpan stalled, Exception? transport)
    : RpcException(new Status(StatusCode.Unavailable, Describe(peer, silence, heartbeat, stalled), transport))
{
    public string Peer { get; } = peer;

    /// <summary>The reason alone (what the replicator logs and reports as the link's last error); the transport's own
    /// report of the cancelled read stays in <see cref="Status"/>'s <c>DebugException</c>.</summary>
    public override string Message => Status.Detail;

    /// <summary>The silence counted (this node running), at least three heartbeat intervals.</summary>
    public TimeSpan Silence { get; } = silence;

    /// <summary>Time this node was stalled during the wait, which did not count as the peer's silence.</summary>
    public TimeSpan Stalled { get; } = stalled;

    private static string Describe(string peer, TimeSpan silence, TimeSpan heartbeat, TimeSpan stalled) =>
        $"no heartbeat from peer '{peer}' for {silence.TotalSeconds:F1} s (watchdog: 3 missed heartbeats of {heartbeat.TotalSeconds:0.###} s; the stream was open)"
        + (stalled > TimeSpan.Zero ? $"; a further {stalled.TotalSeconds:F1} s this node was stalled did not count" : "");
}
