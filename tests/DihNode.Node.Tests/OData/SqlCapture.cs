using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DihNode.Node.Tests.OData;

/// <summary>
/// The SQL EF Core sends to one registry file while it is alive, and how many rows each reader
/// returned, from EF Core's diagnostic events (<see cref="DiagnosticListener"/> "Microsoft.EntityFrameworkCore").
/// Commands on other databases (other test classes' nodes) are ignored.
/// </summary>
internal sealed class SqlCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _database;
    private readonly IDisposable _subscription;
    private readonly ConcurrentBag<IDisposable> _listeners = [];
    private readonly ConcurrentQueue<SqlCommandRead> _commands = new();

    public SqlCapture(string database)
    {
        _database = Path.GetFullPath(database);
        _subscription = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <summary>The commands executed so far with the rows read from each (−1 for a non-query).</summary>
    public IReadOnlyList<SqlCommandRead> Commands => [.. _commands];

    public void Clear() => _commands.Clear();

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name) _listeners.Add(value.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key != RelationalEventId.DataReaderDisposing.Name || value.Value is not DataReaderDisposingEventData data) return;
        if (!string.Equals(Path.GetFullPath(data.Command.Connection!.DataSource), _database, StringComparison.Ordinal)) return;
        _commands.Enqueue(new SqlCommandRead(data.Command.CommandText, data.ReadCount));
    }

    public void OnCompleted() { }

    public void OnError(Exception error) { }

    public void Dispose()
    {
        _subscription.Dispose();
        foreach (var listener in _listeners) listener.Dispose();
    }
}

internal sealed record SqlCommandRead(string Sql, int RowsRead);
