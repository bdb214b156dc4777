namespace DihNode.Node.Registry;

/// <summary>A hub's involvement in a topic (sector, service, technology) with its self-declared level 1–5, if given.</summary>
public sealed class Involvement
{
    public int HubId { get; set; }

    public Hub? Hub { get; set; }

    public int ConceptId { get; set; }

    public Concept? Concept { get; set; }

    public int? Level { get; set; }
}
