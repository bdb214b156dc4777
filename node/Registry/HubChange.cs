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

    /// <summary>
    /// The registry key (<see cref="Hub.Id"/>) of a deleted hub, so OData delta responses can name the
    /// removed entity (<c>Hubs(Id)</c>); null for upserts (the hub row says it) and for rows written before
    /// the column existed.
    /// </summary>
    public int? HubId { get; set; }

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
