using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

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
    /// <summary>SQLite's busy wait for the transaction itself after a probe found the lock free; also the health probe's bound.</summary>
    private const int AttemptWaitSeconds = 1;

    private static readonly TimeSpan s_firstPause = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan s_longestPause = TimeSpan.FromMilliseconds(500);

    /// <summary>Stopwatch timestamp since when a write of this node waits for another process's lock; 0 when none waits.</summary>
    private long _lockedSince;

    /// <summary>The default of <see cref="LockWait"/>: long enough for an operator's short transaction or a backup step, short enough that an HTTP client still waits for the answer.</summary>
    public static readonly TimeSpan DefaultLockWait = TimeSpan.FromSeconds(10);

    /// <summary>The longest <see cref="LockWait"/> the command line accepts (<c>--lock-wait</c>): an hour; a write that waits holds this node's write turn, so every other write queues behind it.</summary>
    public static readonly TimeSpan MaxLockWait = TimeSpan.FromHours(1);

    /// <summary>
    /// The longest a write waits for another process to let go of the database's write lock before it is
    /// refused (<see cref="DatabaseLockedException"/>, HTTP 503); default 10 s (<see cref="DefaultLockWait"/>),
    /// <c>--lock-wait SECONDS</c> on <c>serve</c> and <c>import</c>.
    /// </summary>
    public TimeSpan LockWait { get; set; } = DefaultLockWait;

    /// <summary>How long a write of this node has been waiting for another process's lock (null: none waits).</summary>
    public TimeSpan? WaitingForLock => Volatile.Read(ref _lockedSince) is long since and not 0 ? Stopwatch.GetElapsedTime(since) : null;

    /// <summary>
    /// Begins the write transaction of <paramref name="context"/> (<c>BEGIN IMMEDIATE</c>), retrying while
    /// another process holds the lock: each try asks SQLite without waiting (<see cref="LockFree"/>), and a
    /// refused try pauses 50 ms doubling to 0.5 s (with jitter, so two waiting processes do not retry in
    /// step; an await, so no thread sleeps meanwhile), until <see cref="LockWait"/> has passed since the
    /// write was <paramref name="called"/> (a Stopwatch timestamp: time spent queued behind this node's
    /// own writes counts, so writers queued behind a locked one do not each wait the whole budget again);
    /// at least one try. Call with <c>_writeLock</c> held.
    /// </summary>
    private async Task<IDbContextTransaction> BeginLockedAsync(RegistryDbContext context, long called, CancellationToken cancellationToken)
    {
        context.Database.OpenConnection();
        var connection = (SqliteConnection)context.Database.GetDbConnection();
        int saved = connection.DefaultTimeout;
        long started = Stopwatch.GetTimestamp();
        var pause = s_firstPause;
        try
        {
            // Between a free probe and the transaction another process may take the lock: then SQLite's own
            // busy wait (1 s, polled by Microsoft.Data.Sqlite) applies to that one try.
            connection.DefaultTimeout = AttemptWaitSeconds;
            while (true)
            {
                Exception? busy = null;
                try
                {
                    if (LockFree(connection)) return context.Database.BeginTransaction();
                }
                catch (Exception e) when (DatabaseBusy.Is(e))
                {
                    busy = e;
                }
                Interlocked.CompareExchange(ref _lockedSince, started, 0);
                TimeSpan left = LockWait - Stopwatch.GetElapsedTime(called);
                if (left <= TimeSpan.Zero) throw new DatabaseLockedException(Stopwatch.GetElapsedTime(called), busy);
                TimeSpan jittered = pause * (0.5 + Random.Shared.NextDouble() / 2);
                await Task.Delay(jittered < left ? jittered : left, cancellationToken); // the last try at the deadline
                pause = pause * 2 < s_longestPause ? pause * 2 : s_longestPause;
            }
        }
        finally
        {
            Volatile.Write(ref _lockedSince, 0);
            connection.DefaultTimeout = saved;
        }
    }

    /// <summary>
    /// Whether the write lock is free at this instant: <c>BEGIN IMMEDIATE</c> straight on the SQLite handle,
    /// which answers SQLITE_BUSY at once (no busy wait: the handle has no busy timeout; Microsoft.Data.Sqlite
    /// retries only its own commands), rolled back at once when it succeeds.
    /// </summary>
    private static bool LockFree(SqliteConnection connection)
    {
        var db = connection.Handle!;
        int rc = raw.sqlite3_exec(db, "BEGIN IMMEDIATE");
        if (rc is raw.SQLITE_BUSY or raw.SQLITE_LOCKED) return false;
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
        raw.sqlite3_exec(db, "ROLLBACK");
        return true;
    }

    /// <summary>
    /// Waits, at most <paramref name="bound"/>, until another process lets go of the registry's write lock, before
    /// <see cref="NodeStore.Open"/> writes (its migration lock): the same probes and growing pauses as
    /// <see cref="BeginLockedAsync"/>, on the opening thread (nothing else runs yet). Throws
    /// <see cref="DatabaseLockedException"/> when the lock stays taken.
    /// </summary>
    internal static void WaitForWriteLock(RegistryDbContext context, TimeSpan bound)
    {
        context.Database.OpenConnection();
        var connection = (SqliteConnection)context.Database.GetDbConnection();
        long started = Stopwatch.GetTimestamp();
        var pause = s_firstPause;
        while (!LockFree(connection))
        {
            TimeSpan left = bound - Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero) throw new DatabaseLockedException(Stopwatch.GetElapsedTime(started));
            Thread.Sleep(pause < left ? pause : left);
            pause = pause * 2 < s_longestPause ? pause * 2 : s_longestPause;
        }
    }

    /// <summary>Polls <see cref="LockFree"/> for at most <paramref name="bound"/> without holding a thread.</summary>
    private static async Task<bool> LockFreeWithinAsync(SqliteConnection connection, TimeSpan bound, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        while (true)
        {
            if (LockFree(connection)) return true;
            if (Stopwatch.GetElapsedTime(started) >= bound) return false;
            await Task.Delay(ProbePause, cancellationToken);
        }
    }

    private static readonly TimeSpan ProbePause = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Whether this node could write now: takes the node's own write turn (waiting at most
    /// <paramref name="bound"/>, so the probe never races the node's writer), then a fresh connection's
    /// <c>BEGIN IMMEDIATE</c>, rolled back at once, tried for 1 s. When the node's writer holds the
    /// turn longer, its own state answers: waiting for another process's lock means locked, else it is
    /// writing, so the database is writable. Null when writable, else why not. The probe polls the lock
    /// every 100 ms for 1 s without holding a thread.
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
            return await LockFreeWithinAsync(connection, TimeSpan.FromSeconds(AttemptWaitSeconds), cancellationToken)
                ? null
                : new RegistryWriteProblem(RegistryWriteState.Locked, $"another process holds the database's write lock (not free within {AttemptWaitSeconds} s)");
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
