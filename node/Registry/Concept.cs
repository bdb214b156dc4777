namespace DihNode.Node.Registry;

/// <summary>A concept of one of the profile's schemes (hub-type, sector, service, technology, sector-2022).</summary>
public sealed class Concept
{
    public int Id { get; set; }

    public string Iri { get; set; } = "";

    /// <summary>The scheme's short name (the <c>{scheme}</c> of <c>{base}/scheme/{scheme}</c>).</summary>
    public string Scheme { get; set; } = "";

    public string Label { get; set; } = "";

    public string? Notation { get; set; }
}
