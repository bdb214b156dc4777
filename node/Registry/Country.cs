namespace DihNode.Node.Registry;

/// <summary>A country of the EU country authority table (current concepts).</summary>
public sealed class Country
{
    /// <summary>The EU code (EL, UK), as hub IRIs and NUTS use it.</summary>
    public string Code { get; set; } = "";

    public string Iri { get; set; } = "";

    /// <summary>The English name.</summary>
    public string Name { get; set; } = "";
}
