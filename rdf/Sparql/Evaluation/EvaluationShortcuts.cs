namespace DihNode.Rdf.Sparql.Evaluation;

/// <summary>
/// The evaluator's physical choices beyond evaluating the algebra as written, each switchable so
/// tests can compare a query's rows with and without it. None of them changes a result. Rewrites
/// of the algebra itself (filter placement, equality filters as bindings) are optimiser passes.
/// </summary>
[Flags]
internal enum EvaluationShortcuts
{
    None = 0,

    /// <summary>Join / left join / MINUS right sides take the left row substituted in, where <see cref="VariableAnalysis"/> proves it safe.</summary>
    SubstitutingJoins = 1,

    /// <summary>ORDER BY under a LIMIT keeps only the rows needed (bounded heap).</summary>
    TopN = 8,

    /// <summary>GRAPH ?g over a BGP scans every named graph at once instead of evaluating per graph.</summary>
    NamedGraphScan = 16,

    /// <summary>
    /// A BGP pattern reached by many seeks is scanned once into a <see cref="PatternIndex"/> and
    /// hash-joined (after <see cref="QueryOptions.IndexedJoinAfter"/> seeks, when its range is small enough).
    /// </summary>
    IndexedBgpJoins = 32,

    /// <summary>
    /// The first two patterns of a BGP joined by merging sorted id runs (a one-variable pattern's
    /// ids against a range sorted by that variable) instead of seeking per row.
    /// </summary>
    SortedRunJoins = 64,

    /// <summary>GROUP BY and FILTER over a BGP read each solution in place (a filter copies only the rows it keeps).</summary>
    InPlaceGrouping = 128,

    /// <summary>GROUP BY variables with COUNTs over a BGP that is one scan: counted on ids, no rows built.</summary>
    IdCounting = 256,

    All = SubstitutingJoins | TopN | NamedGraphScan | IndexedBgpJoins | SortedRunJoins | InPlaceGrouping | IdCounting,
}
