namespace DihNode.Node.Registry;

/// <summary>
/// One entry of the change feed: a hub written or deleted. <see cref="Sequence"/> numbers are given in
/// the same transaction as the change, in commit order, without gaps.
/// </summary>
public sealed class HubChange
{
    public long Sequence { get; set; }

    public string HubIri { get; set; } = "";

    public string Identifier { get; set; } = "";

    public HubChangeKind Kind { get; set; }

    public DateTime At { get; set; }

    /// <summary>The origin of the change: empty for this node, else the peer's name.</summary>
    public string Origin { get; set; } = "";
}

public enum HubChangeKind
{
    Upsert = 1,
    Delete = 2,
}
