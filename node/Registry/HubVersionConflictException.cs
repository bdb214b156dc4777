namespace DihNode.Node.Registry;

/// <summary>A conditional write (<c>If-Match</c>) whose expected version is not the hub's current one: answered 412.</summary>
public sealed class HubVersionConflictException(string hubIri, long expected, long actual)
    : Exception($"hub <{hubIri}> is at version {actual}, not {expected}: it changed since it was read")
{
    public long Actual { get; } = actual;
}
