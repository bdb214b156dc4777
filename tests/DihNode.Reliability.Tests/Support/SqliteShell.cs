using System.Diagnostics;

namespace DihNode.Reliability.Tests.Support;

/// <summary>
/// An operator's <c>sqlite3</c> shell, a real second process, holding a database's write lock
/// (<c>BEGIN IMMEDIATE</c>, https://www.sqlite.org/lang_transaction.html) until <see cref="ReleaseAsync"/>
/// rolls it back. <see cref="TryHoldAsync"/> returns null with the shell's error when the lock cannot be
/// taken (the shell waits no time for it: <c>.timeout 0</c>).
/// </summary>
internal sealed class SqliteShell : IAsyncDisposable
{
    private readonly Process _process;
    private bool _released;

    private SqliteShell(Process process) => _process = process;

    /// <summary>Whether a <c>sqlite3</c> shell is on the PATH (the tests that need one are skipped otherwise).</summary>
    public static bool Available => Environment.GetEnvironmentVariable("PATH")?.Split(':').Any(d => File.Exists(Path.Combine(d, "sqlite3"))) == true;

    /// <summary>Starts a shell on <paramref name="path"/> holding its write lock; throws when the lock is not taken.</summary>
    public static async Task<SqliteShell> HoldAsync(string path)
    {
        var (shell, error) = await TryHoldAsync(path);
        return shell ?? throw new InvalidOperationException($"sqlite3 could not take the write lock of {path}: {error}");
    }

    public static async Task<(SqliteShell? Shell, string Error)> TryHoldAsync(string path)
    {
        var process = Process.Start(new ProcessStartInfo("sqlite3", ["-bail", path])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        await process.StandardInput.WriteLineAsync(".timeout 0");
        await process.StandardInput.WriteLineAsync("BEGIN IMMEDIATE;");
        await process.StandardInput.WriteLineAsync("SELECT 'held';");
        await process.StandardInput.FlushAsync();
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        if (line == "held") return (new SqliteShell(process), "");
        string error = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync();
        process.Dispose();
        return (null, error.Trim());
    }

    /// <summary>Rolls the transaction back (the lock goes) and ends the shell.</summary>
    public async Task ReleaseAsync()
    {
        if (_released) return;
        _released = true;
        await _process.StandardInput.WriteLineAsync("ROLLBACK;");
        await _process.StandardInput.WriteLineAsync(".quit");
        await _process.StandardInput.FlushAsync();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync();
        _process.Dispose();
    }
}
