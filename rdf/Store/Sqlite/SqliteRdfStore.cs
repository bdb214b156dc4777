using Microsoft.Data.Sqlite;

namespace DihNode.Rdf.Store.Sqlite;

/// <summary>
/// A durable <see cref="IRdfStore"/>: the data lives in one SQLite file and, for reading, in a
/// <see cref="MemoryDataset"/> rebuilt from it at open. Each commit writes its net changes and new
/// terms in one SQLite transaction (WAL, synchronous=FULL: on disk when <c>Commit</c> returns), then
/// publishes them in memory; if the write fails nothing is published. One process at a time: the
/// file is locked exclusively while open.
/// </summary>
public sealed partial class SqliteRdfStore : IRdfStore
{
    private static ReadOnlySpan<byte> SqliteHeader => "SQLite format 3\0"u8;

    private readonly SqliteConnection _connection;
    private readonly MemoryDataset _dataset;
    private bool _disposed;

    private SqliteRdfStore(string path, SqliteConnection connection, MemoryDataset dataset)
    {
        FilePath = path;
        _connection = connection;
        _dataset = dataset;
    }

    /// <summary>The store file.</summary>
    public string FilePath { get; }

    /// <summary>The number of quads in all graphs (last committed state).</summary>
    public long QuadCount => _dataset.QuadCount;

    /// <summary>Grows with every commit (<see cref="MemoryDataset.Version"/>): a key for caches of what the data says.</summary>
    public long Version => _dataset.Version;

    /// <summary>The number of terms in the dictionary.</summary>
    public int TermCount => _dataset.TermCount;

    /// <summary>
    /// Opens the store at <paramref name="path"/>, creating an empty one when the file does not exist
    /// (or is empty) and <paramref name="create"/> is true. Reads the whole file into memory. Throws
    /// <see cref="StoreFileException"/> when the file is not a store, is damaged, or is in use, and
    /// <see cref="FileNotFoundException"/> when it is missing and may not be created.
    /// </summary>
    public static SqliteRdfStore Open(string path, bool create = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        var file = new FileInfo(full);
        if (!file.Exists && !create) throw new FileNotFoundException($"{path}: no such store", path);
        if (file.Exists && file.Length > 0) CheckHeader(full, path);

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 1,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            SqliteSchema.Text(connection, "PRAGMA locking_mode = EXCLUSIVE");
            SqliteSchema.EnsureOrCreate(connection, path); // before anything writes to a file that may not be ours
            Configure(connection, path);
            var dataset = new MemoryDataset();
            Restore(connection, dataset, path);
            dataset.AttachLog(new SqliteCommitLog(connection, path));
            return new SqliteRdfStore(path, connection, dataset);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new StoreFileException(path, Describe(e), e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// WAL with synchronous=FULL: a commit is on disk (the log fsync'ed) when it returns, so it survives
    /// a killed process and a power cut; the exclusive lock keeps a second process from writing behind
    /// this one's in-memory copy.
    /// </summary>
    private static void Configure(SqliteConnection connection, string path)
    {
        string? mode = SqliteSchema.Text(connection, "PRAGMA journal_mode = WAL");
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            throw new StoreFileException(path, $"cannot use write-ahead logging (journal mode '{mode}')");
        SqliteSchema.Scalar(connection, "PRAGMA synchronous = FULL");
    }

    private static void CheckHeader(string full, string path)
    {
        Span<byte> header = stackalloc byte[16];
        int n;
        using (var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            n = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (n < header.Length || !header.SequenceEqual(SqliteHeader))
            throw new StoreFileException(path, "not a DihNode store (not an SQLite database)");
    }

    private static string Describe(SqliteException e) => e.SqliteErrorCode switch
    {
        5 or 6 => "the store is in use by another process",           // SQLITE_BUSY, SQLITE_LOCKED
        11 => "the store file is damaged: " + e.Message,                  // SQLITE_CORRUPT
        26 => "not a DihNode store (not an SQLite database, or its header is damaged)", // SQLITE_NOTADB
        _ => e.Message,
    };

    public IQuadStore Snapshot()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _dataset.Snapshot();
    }

    public IStoreTransaction BeginWrite(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _dataset.BeginWrite(cancellationToken);
    }

    /// <summary>Waits for the running transaction, if any, then closes the file (snapshots stay readable).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        using (_dataset.BeginWrite())
        {
            _disposed = true;
            _connection.Dispose();
        }
    }
}
