using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace DihNode.Rdf.Store.Sqlite;

/// <summary>
/// A prepared statement used straight through SQLite's C API (https://www.sqlite.org/cintro.html) on
/// the connection's handle: for the millions of rows of a bulk load or an open, where the ADO.NET
/// layer's per-row boxing and checks cost more than SQLite itself. Errors become <see cref="SqliteException"/>.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    /// <summary>The next row: true when there is one.</summary>
    public bool Step()
    {
        int rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW) return true;
        if (rc == raw.SQLITE_DONE) return false;
        raw.sqlite3_reset(_statement);
        SqliteException.ThrowExceptionForRC(rc, _db);
        return false;
    }

    /// <summary>Runs a statement that returns no rows, then readies it for the next bindings.</summary>
    public void Execute()
    {
        Step();
        raw.sqlite3_reset(_statement);
    }

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    public ReadOnlySpan<byte> Blob(int column) => raw.sqlite3_column_blob(_statement, column);

    /// <summary>Binds parameter <paramref name="index"/> (from 1).</summary>
    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void Bind(int index, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_blob(_statement, index, value));

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _db);
    }

    public void Dispose() => _statement.Dispose();
}
