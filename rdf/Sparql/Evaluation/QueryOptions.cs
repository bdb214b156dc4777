using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Evaluation;

/// <summary>
/// Limits and environment of one query execution. Limits are checked cheaply (every few thousand
/// rows), so a query may run a little past them before it stops.
/// </summary>
public sealed class QueryOptions
{
    public static readonly QueryOptions Default = new();

    /// <summary>Cancels the evaluation; observed while rows are produced (throws <see cref="OperationCanceledException"/>).</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Wall-clock limit from <see cref="QueryEvaluator.Execute"/> until the last row; exceeded: <see cref="QueryTimeoutException"/>.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// The most rows the materialising operators (ORDER BY, GROUP BY, hash-join build sides, MINUS,
    /// DISTINCT, path closures) may hold in total; exceeded: <see cref="QueryLimitException"/>.
    /// </summary>
    public long? MaxIntermediateRows { get; init; }

    /// <summary>The base IRI for IRI() / URI() when the query has no BASE.</summary>
    public string? BaseIri { get; init; }

    /// <summary>The value of NOW() for the whole query (Query §17.4.5.1); the clock when null.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>
    /// The default graph as the merge of these graphs, overriding the query's FROM (SPARQL Protocol
    /// <c>default-graph-uri</c>, §2.1.4). Null leaves the query's dataset as written.
    /// </summary>
    public IReadOnlyList<Iri>? DefaultGraphs { get; init; }

    /// <summary>The named graphs, overriding the query's FROM NAMED (Protocol <c>named-graph-uri</c>).</summary>
    public IReadOnlyList<Iri>? NamedGraphs { get; init; }

    /// <summary>
    /// When the query names no dataset (no FROM / FROM NAMED, no protocol graphs), its default graph is
    /// the RDF merge of the store's default graph and all its named graphs, as a service announcing
    /// <c>sd:UnionDefaultGraph</c> does (https://www.w3.org/TR/sparql11-service-description/#sd-UnionDefaultGraph).
    /// The named graphs stay as they are.
    /// </summary>
    public bool UnionDefaultGraph { get; init; }

    /// <summary>
    /// Whether the optimiser rewrites the algebra before evaluation (on by default). Off, the
    /// evaluator runs the algebra as translated, choosing BGP orders and joins itself.
    /// </summary>
    public bool Optimize { get; init; } = true;

    /// <summary>Optimiser passes to skip, by name (e.g. "filter-push-down"; see the Sparql/Optimizer README).</summary>
    public IReadOnlyCollection<string> DisabledOptimizerPasses { get; init; } = [];

    /// <summary>The evaluation shortcuts in use (all by default; tests switch them off to compare).</summary>
    internal EvaluationShortcuts Shortcuts { get; init; } = EvaluationShortcuts.All;

    /// <summary>
    /// Seeks into one BGP pattern before the evaluator weighs scanning its range once and hash-joining
    /// (<see cref="EvaluationShortcuts.IndexedBgpJoins"/>); tests lower it to exercise that path on small data.
    /// </summary>
    internal int IndexedJoinAfter { get; init; } = 1024;

    /// <summary>
    /// The fewest quads in a BGP's first pattern for a merge join over sorted id runs
    /// (<see cref="EvaluationShortcuts.SortedRunJoins"/>); below it seeks cost less. Tests lower it.
    /// </summary>
    internal long MergeJoinMinRun { get; init; } = 64;

    /// <summary>What answers SERVICE patterns; without one, SERVICE fails unless SILENT.</summary>
    public IServiceHandler? ServiceHandler { get; init; }
}
