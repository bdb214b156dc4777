using DihNode.Vocab.Profile;

namespace DihNode.Vocab.Import;

/// <summary>What a reader made of one input: the accepted hub descriptions, the rejected rows, warnings, NUTS figures.</summary>
public sealed class HubBatch
{
    public List<HubDescription> Hubs { get; } = [];
    public List<IReadOnlyList<ImportProblem>> Rejected { get; } = [];
    public List<ImportProblem> Warnings { get; } = [];
    public int NutsLinked { get; set; }
    public int NutsCountryHubs { get; set; }
}
