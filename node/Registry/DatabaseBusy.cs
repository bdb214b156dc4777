using Microsoft.Data.Sqlite;

namespace DihNode.Node.Registry;

/// <summary>
/// The one place that tells "another connection holds the lock" from other database errors: SQLite's
/// <c>SQLITE_BUSY</c> (5: another connection, usually another process, holds the write lock past the
/// busy wait) and <c>SQLITE_LOCKED</c> (6: a conflict inside this process), https://www.sqlite.org/rescode.html#busy.
/// EF Core wraps them (<c>DbUpdateException</c>), the RDF store too (<c>StoreFileException</c>), so the
/// whole chain of inner exceptions is searched.
/// </summary>
public static class DatabaseBusy
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>Whether <paramref name="error"/> (or an exception it wraps) is SQLITE_BUSY or SQLITE_LOCKED.</summary>
    public static bool Is(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is DatabaseLockedException) return true;
            if (e is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }) return true;
        }
        return false;
    }

    /// <summary>The seconds a client should wait before it retries a write refused because of a lock (Retry-After).</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>The sentence every refused write answers with (503).</summary>
    public static string Message(Exception error) => error is DatabaseLockedException locked
        ? locked.Message
        : "the database is locked by another process; nothing was written; retry in a moment";
}

/// <summary>
/// A registry write gave up: another process held the database's write lock for longer than
/// <see cref="HubRegistry.LockWait"/>. Nothing of the write was committed. HTTP answers it with 503 and
/// Retry-After, never 500.
/// </summary>
public sealed class DatabaseLockedException(TimeSpan waited, Exception? inner = null)
    : Exception(string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"the database is locked by another process (waited {waited.TotalSeconds:0.0} s for its write lock); nothing was written; retry in a moment"), inner)
{
    public TimeSpan Waited { get; } = waited;
}
