using DihNode.Rdf.Store.Sqlite;

namespace DihNode.Node.Sparql;

/// <summary>
/// The node's VoID statistics (<see cref="VoidStatistics"/>), computed once per state of the RDF store:
/// the cache is keyed on <see cref="SqliteRdfStore.Version"/>, which grows with every commit, so the
/// service description and <c>/void</c> cost one pass over all quads after a write and none in between,
/// and a request after a write always sees its figures. The version is read before the snapshot, so a
/// commit in between makes the figures newer than their key, never older: the next request recomputes.
/// </summary>
internal sealed class VoidStatisticsCache
{
    private readonly Lock _lock = new();
    private (long Version, VoidStatistics.Result Result)? _cached;
    private int _computations;

    /// <summary>How many times the statistics were computed (not served from the cache): for tests and diagnostics.</summary>
    public int Computations => Volatile.Read(ref _computations);

    public VoidStatistics.Result Get(SqliteRdfStore store)
    {
        long version = store.Version;
        lock (_lock) // one computation at a time: a burst of requests after a write waits for the first, then shares it
        {
            if (_cached is { } hit && hit.Version == version) return hit.Result;
            VoidStatistics.Result result = VoidStatistics.Compute(store.Snapshot());
            Interlocked.Increment(ref _computations);
            _cached = (version, result);
            return result;
        }
    }
}
