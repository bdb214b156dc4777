using DihNode.Rdf.Sparql.Evaluation;

namespace DihNode.Rdf.Sparql.Update;

/// <summary>
/// Limits and environment of one update request. LOAD reads only what is allowed here: nothing by
/// default (SPARQL 1.1 Update §3.1.4 leaves it to the service which IRIs it dereferences).
/// </summary>
public sealed class UpdateOptions
{
    public static readonly UpdateOptions Default = new();

    /// <summary>Cancels the request (throws <see cref="OperationCanceledException"/>); nothing is changed then.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Wall-clock limit for the whole request; exceeded: <see cref="QueryTimeoutException"/>, nothing changed.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The base IRI for IRI() / URI() in WHERE clauses when the request has no BASE.</summary>
    public string? BaseIri { get; init; }

    /// <summary>
    /// Local folders LOAD may read <c>file:</c> IRIs from (the file must lie inside one of them after
    /// resolving "..", and symbolic links). Empty: no file is ever read.
    /// </summary>
    public IReadOnlyList<string> LoadDirectories { get; init; } = [];

    /// <summary>
    /// http(s) IRIs LOAD may fetch: an entry allows that exact IRI, or every IRI under it when it ends
    /// with "/". Empty: nothing is ever fetched.
    /// </summary>
    public IReadOnlyList<string> LoadUrls { get; init; } = [];

    /// <summary>
    /// The client for allowed http(s) LOADs; when null, a shared client that follows no redirects
    /// (a redirect fails the LOAD). A client given here should not follow redirects either.
    /// </summary>
    public HttpClient? HttpClient { get; init; }

    /// <summary>The largest document LOAD reads, in bytes (64 MiB by default).</summary>
    public long MaxLoadBytes { get; init; } = 64L << 20;

    /// <summary>What answers SERVICE patterns in WHERE clauses; without one, SERVICE fails unless SILENT.</summary>
    public IServiceHandler? ServiceHandler { get; init; }

    /// <summary>WHERE clauses without USING see the union of all graphs as their default graph (<see cref="QueryOptions.UnionDefaultGraph"/>).</summary>
    public bool UnionDefaultGraph { get; init; }

    /// <summary>The value of NOW() for the whole request (Query §17.4.5.1); the clock when null.</summary>
    public DateTimeOffset? Now { get; init; }
}
