using DihNode.Federation.Replication;

namespace DihNode.Node.Federation;

/// <summary>The last reported state of each peer link (in memory; the applied sequence itself is in the registry).</summary>
public sealed class PeerStates
{
    private readonly Dictionary<string, PeerStatus> _states = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public void Set(PeerStatus status)
    {
        lock (_lock) _states[status.Name] = status;
    }

    public IReadOnlyList<PeerStatus> All
    {
        get
        {
            lock (_lock) return [.. _states.Values.OrderBy(s => s.Name, StringComparer.Ordinal)];
        }
    }
}
