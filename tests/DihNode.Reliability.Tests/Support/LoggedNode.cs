using System.Collections.Concurrent;
using DihNode.Node.Hosting;
using DihNode.Node.Registry;
using DihNode.Node.Tests.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace DihNode.Reliability.Tests.Support;

/// <summary>
/// A real node on a loopback port over a copy of the EDIH catalogue (like <see cref="NodeFixture"/>) whose
/// log entries at Information and above are kept in <see cref="Log"/>, so a test can read the request log.
/// </summary>
public abstract class LoggedNode : IDisposable
{
    private readonly string _folder;

    protected LoggedNode(Func<NodeOptions, NodeOptions> configure)
    {
        _folder = Directory.CreateTempSubdirectory("dihnode-logged-").FullName;
        string db = Path.Combine(_folder, "node.db");
        foreach (string file in Directory.GetFiles(NodeFixture.TemplateFolder))
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        Options = configure(new NodeOptions { Database = db, Urls = "http://127.0.0.1:0", ApiKey = NodeFixture.ApiKey });
        Store = NodeStore.Open(db);
        App = NodeServer.Build(Options, Store, b =>
        {
            b.Logging.ClearProviders();
            b.Logging.SetMinimumLevel(LogLevel.Information);
            b.Logging.AddProvider(Log);
        });
        App.StartAsync().GetAwaiter().GetResult();
        BaseAddress = new Uri(App.Urls.First().TrimEnd('/') + "/");
    }

    public NodeOptions Options { get; }

    public NodeStore Store { get; }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public CapturedLog Log { get; } = new();

    public HttpClient Client(string? key = null) => LoopbackClient.From(BaseAddress, "127.0.0.1", key);

    public void Dispose()
    {
        App.StopAsync().GetAwaiter().GetResult();
        ((IAsyncDisposable)App).DisposeAsync().AsTask().GetAwaiter().GetResult();
        Store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}

/// <summary>One log entry: its category, event id, the formatted message and the structured fields.</summary>
public sealed record LogEntry(string Category, int EventId, string Message, IReadOnlyDictionary<string, object?> Fields);

/// <summary>A logger provider that keeps every entry in memory.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>The request log's entries for <paramref name="method"/> on a path starting with <paramref name="path"/>.</summary>
    public IReadOnlyList<LogEntry> Requests(string method, string path) =>
        [.. Entries.Where(e => e.Category.EndsWith(".RequestLog", StringComparison.Ordinal) && Equals(e.Fields.GetValueOrDefault("Method"), method)
            && e.Fields.GetValueOrDefault("Path") is string p && p.StartsWith(path, StringComparison.Ordinal))];

    /// <summary>
    /// The entries from <paramref name="skip"/> on that match, once there are <paramref name="count"/> of them: the request log
    /// writes its entry when the request ends, which may be just after the client has read the answer.
    /// </summary>
    public async Task<IReadOnlyList<LogEntry>> WaitFor(int skip, Func<LogEntry, bool> match, int count = 1)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var found = Entries.Skip(skip).Where(match).ToList();
            if (found.Count >= count || clock.Elapsed > TimeSpan.FromSeconds(10)) return found;
            await Task.Delay(10);
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
                foreach (var (key, value) in pairs) fields[key] = value;
            entries.Enqueue(new LogEntry(category, eventId.Id, formatter(state, exception), fields));
        }
    }
}
