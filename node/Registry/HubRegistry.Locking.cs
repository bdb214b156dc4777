using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DihNode.Node.Registry;

/// <summary>
/// The registry's write lock when another process holds it (an operator's <c>sqlite3</c> shell in a
/// transaction, a backup tool). In WAL mode readers never wait (https://www.sqlite.org/wal.html), but
/// there is one writer per database: a write starts with <c>BEGIN IMMEDIATE</c>, which takes the lock
/// or fails with SQLITE_BUSY. This node's own writes are already one at a time (<c>_writeLock</c>);
/// against another process a write retries with growing pauses for at most <see cref="LockWait"/>, then
/// gives up with <see cref="DatabaseLockedException"/> before anything was written. Once the lock is
/// taken nothing else in the transaction can be refused by another writer.
/// </summary>
public sealed partial class HubRegistry
{
    /// <summary>How long one <c>BEGIN IMMEDIATE</c> waits (SQLite's busy wait, polled by Microsoft.Data.Sqlite) before the next try.</summary>
    private const int AttemptWaitSeconds = 1;

    private static readonly TimeSpan s_firstPause = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan s_longestPause = TimeSpan.FromSeconds(1);

    /// <summary>Stopwatch timestamp since when a write of this node waits for another process's lock; 0 when none waits.</summary>
    private long _lockedSince;

    /// <summary>
    /// The longest a write waits for another process to let go of the database's write lock before it is
    /// refused (<see cref="DatabaseLockedException"/>, HTTP 503); default 10 s.
    /// </summary>
    public TimeSpan LockWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a write of this node has been waiting for another process's lock (null: none waits).</summary>
    public TimeSpan? WaitingForLock => Volatile.Read(ref _lockedSince) is long since and not 0 ? Stopwatch.GetElapsedTime(since) : null;

    /// <summary>
    /// Begins the write transaction of <paramref name="context"/> (<c>BEGIN IMMEDIATE</c>), retrying while
    /// another process holds the lock: each try waits up to 1 s inside SQLite, then a pause of 50 ms
    /// doubling to 1 s (with jitter, so two waiting processes do not retry in step), for at most
    /// <see cref="LockWait"/> in all. Call with <c>_writeLock</c> held.
    /// </summary>
    private async Task<IDbContextTransaction> BeginLockedAsync(RegistryDbContext context, CancellationToken cancellationToken)
    {
        context.Database.OpenConnection();
        var connection = (SqliteConnection)context.Database.GetDbConnection();
        int saved = connection.DefaultTimeout;
        long started = Stopwatch.GetTimestamp();
        var clock = Stopwatch.StartNew();
        var pause = s_firstPause;
        try
        {
            while (true)
            {
                TimeSpan left = LockWait - clock.Elapsed;
                connection.DefaultTimeout = (int)Math.Clamp(Math.Ceiling(left.TotalSeconds), 1, AttemptWaitSeconds);
                try
                {
                    return context.Database.BeginTransaction();
                }
                catch (Exception e) when (DatabaseBusy.Is(e))
                {
                    Interlocked.CompareExchange(ref _lockedSince, started, 0);
                    if (clock.Elapsed + pause >= LockWait) throw new DatabaseLockedException(clock.Elapsed, e);
                    await Task.Delay(pause * (0.5 + Random.Shared.NextDouble() / 2), cancellationToken);
                    pause = pause * 2 < s_longestPause ? pause * 2 : s_longestPause;
                }
            }
        }
        finally
        {
            Volatile.Write(ref _lockedSince, 0);
            connection.DefaultTimeout = saved;
        }
    }

    /// <summary>
    /// Whether this node could write now: takes the node's own write turn (waiting at most
    /// <paramref name="bound"/>, so the probe never races the node's writer), then a fresh connection's
    /// <c>BEGIN IMMEDIATE</c> with a 1 s busy wait, rolled back at once. When the node's writer holds the
    /// turn longer, its own state answers: waiting for another process's lock means locked, else it is
    /// writing, so the database is writable. Null when writable, else why not.
    /// </summary>
    public async Task<RegistryWriteProblem?> ProbeWritableAsync(TimeSpan bound, CancellationToken cancellationToken = default)
    {
        if (!await _writeLock.WaitAsync(bound, cancellationToken))
            return WaitingForLock is TimeSpan waiting
                ? new RegistryWriteProblem(RegistryWriteState.Locked, string.Create(CultureInfo.InvariantCulture, $"a write has waited {waiting.TotalSeconds:0.0} s for the database's write lock, which another process holds"))
                : null;
        try
        {
            var connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = _store.RegistryPath,
                Mode = SqliteOpenMode.ReadWrite,
                Pooling = false,
                DefaultTimeout = AttemptWaitSeconds,
            }.ToString();
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var begin = connection.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE";
            try
            {
                await begin.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (SqliteException e) when (DatabaseBusy.Is(e))
            {
                return new RegistryWriteProblem(RegistryWriteState.Locked, $"another process holds the database's write lock (not free within {AttemptWaitSeconds} s)");
            }
            await using var rollback = connection.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync(cancellationToken);
            return null;
        }
        catch (SqliteException e)
        {
            return new RegistryWriteProblem(RegistryWriteState.Unavailable, $"the registry {_store.RegistryPath} cannot be written: {e.Message}");
        }
        finally
        {
            _writeLock.Release();
        }
    }
}

/// <summary>Why the registry cannot take a write now.</summary>
public enum RegistryWriteState
{
    /// <summary>Another process holds the write lock.</summary>
    Locked,

    /// <summary>The file cannot be opened or written (moved, missing, read-only, damaged).</summary>
    Unavailable,
}

/// <summary>The registry's write problem and a sentence for health reports.</summary>
public sealed record RegistryWriteProblem(RegistryWriteState State, string Message);
