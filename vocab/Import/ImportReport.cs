namespace DihNode.Vocab.Import;

/// <summary>
/// The outcome of one import: hubs new to the store, changed, identical to what the store held, and
/// rejected (with the problems); plus the warnings (values dropped without rejecting the hub), the
/// hubs linked to a NUTS 3 region, and the cross-source links now in the store.
/// </summary>
public sealed class ImportReport
{
    public int Imported { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Rejected => RejectedRows.Count;

    /// <summary>Hubs of the source that the input no longer lists, removed (a node import of a whole source).</summary>
    public int Deleted { get; set; }

    /// <summary>Hubs read without a problem.</summary>
    public int Accepted { get; set; }

    /// <summary>Accepted hubs linked to a NUTS 3 region.</summary>
    public int NutsLinked { get; set; }

    /// <summary>Accepted hubs whose country has NUTS regions (EU 27): the denominator of the NUTS share.</summary>
    public int NutsCountryHubs { get; set; }

    /// <summary>Pairs of hubs of different sources linked (dct:relation, both directions count once), over the whole store.</summary>
    public int CrossSourceLinks { get; set; }

    /// <summary>True when nothing was written (strict mode with a rejected row).</summary>
    public bool RolledBack { get; set; }

    /// <summary>Rejected rows in input order, grouped: one entry per rejected row with all its problems.</summary>
    public List<IReadOnlyList<ImportProblem>> RejectedRows { get; } = [];

    public List<ImportProblem> Warnings { get; } = [];

    public string Summary =>
        $"imported {Imported}, updated {Updated}, unchanged {Unchanged}, rejected {Rejected}" +
        (Deleted > 0 ? $", deleted {Deleted}" : "") +
        (RolledBack ? " (strict: nothing written)" : "");
}
