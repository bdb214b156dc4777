namespace DihNode.Node.Registry;

/// <summary>A named value the node keeps with its registry (for example the last sequence projected to RDF).</summary>
public sealed class RegistrySetting
{
    public string Key { get; set; } = "";

    public string Value { get; set; } = "";
}
