using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DihNode.Node.Registry;

/// <summary>
/// A consistent read of several registry queries: one deferred transaction (<c>BEGIN</c>, which in WAL
/// mode becomes a read snapshot at its first read, https://www.sqlite.org/wal.html#concurrency). EF
/// Core's <c>BeginTransaction</c> would send <c>BEGIN IMMEDIATE</c>, the write lock: a read would then
/// queue behind every writer, and fail while another process holds the lock.
/// </summary>
internal static class ReadTransaction
{
    /// <summary>Begins the snapshot on <paramref name="context"/>'s connection; dispose it (a rollback: nothing was written) when done.</summary>
    public static SqliteTransaction Begin(RegistryDbContext context)
    {
        context.Database.OpenConnection();
        var transaction = ((SqliteConnection)context.Database.GetDbConnection()).BeginTransaction(deferred: true);
        context.Database.UseTransaction(transaction);
        return transaction;
    }
}
