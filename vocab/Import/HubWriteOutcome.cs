namespace DihNode.Vocab.Import;

/// <summary>What writing one hub description did to the hubs graph.</summary>
public enum HubWriteOutcome
{
    Imported,
    Updated,
    Unchanged,
}
