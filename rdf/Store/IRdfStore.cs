namespace DihNode.Rdf.Store;

/// <summary>
/// The node's one storage entry point: consistent read views and serialised write transactions.
/// Implemented in memory by <see cref="MemoryDataset"/> and durably by <see cref="Sqlite.SqliteRdfStore"/>;
/// SPARQL query evaluation reads a <see cref="Snapshot"/>, SPARQL Update writes through a transaction.
/// </summary>
public interface IRdfStore : IDisposable
{
    /// <summary>A consistent read view of the last committed state; later commits never change it.</summary>
    IQuadStore Snapshot();

    /// <summary>
    /// Starts the one write transaction: waits until the previous writer committed or rolled back
    /// (readers are never blocked). Dispose the transaction; without <see cref="IStoreTransaction.Commit"/>
    /// it rolls back.
    /// </summary>
    IStoreTransaction BeginWrite(CancellationToken cancellationToken = default);
}
