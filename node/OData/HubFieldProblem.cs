namespace DihNode.Node.OData;

/// <summary>A refused value of a hub written through OData: the property (as the client named it) and why.</summary>
internal sealed record HubFieldProblem(string Field, string Reason)
{
    public override string ToString() => $"{Field}: {Reason}";
}
