namespace DihNode.Node.Hosting;

/// <summary>
/// Calls back when a file the node reads while it runs (the keys file, the gRPC certificate) may have changed:
/// a <see cref="FileSystemWatcher"/> on the file's folder (so an editor that writes a temporary file and renames
/// it over the old one, <c>mv NEW FILE</c>, and a Kubernetes volume that swaps its <c>..data</c> symbolic link are
/// seen too), debounced by <see cref="Debounce"/>, and a call every <see cref="Recheck"/> in case an event was lost.
/// The callback reads the file and decides whether anything changed.
/// </summary>
internal sealed class WatchedFile : IDisposable
{
    /// <summary>How long the folder must be quiet before the file is read: an editor's save is several events.</summary>
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(200);

    /// <summary>How often the file is read without an event (a lost event, a file behind a symbolic link elsewhere).</summary>
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(30);

    private readonly string _path;
    private readonly Action<string> _notWatched;
    private readonly Timer _timer;
    private FileSystemWatcher? _watcher;

    /// <param name="changed">Called on a timer thread, never twice at once for this file.</param>
    /// <param name="notWatched">Told why events may be missed (the folder cannot be watched, the watcher overflowed).</param>
    public WatchedFile(string path, Action changed, Action<string> notWatched)
    {
        _path = Path.GetFullPath(path);
        _notWatched = notWatched;
        var gate = new Lock();
        _timer = new Timer(_ =>
        {
            lock (gate) changed();
        });
    }

    public void Start()
    {
        try
        {
            _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!)
            {
                IncludeSubdirectories = false,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            string name = Path.GetFileName(_path);
            // Only the file's own name (written, created, deleted, renamed to or from) and Kubernetes' "..data" links count:
            // a database beside the file, written all the time, would otherwise keep postponing the read.
            bool Ours(string? changed) => changed is not null && (changed == name || changed.StartsWith("..", StringComparison.Ordinal));
            _watcher.Changed += (_, e) => { if (Ours(e.Name)) Schedule(); };
            _watcher.Created += (_, e) => { if (Ours(e.Name)) Schedule(); };
            _watcher.Deleted += (_, e) => { if (Ours(e.Name)) Schedule(); };
            _watcher.Renamed += (_, e) => { if (Ours(e.Name) || Ours(e.OldName)) Schedule(); };
            _watcher.Error += (_, e) =>
            {
                _notWatched(e.GetException().Message);
                Schedule();
            };
            _watcher.EnableRaisingEvents = true;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            _notWatched(e.Message);
            _watcher?.Dispose();
            _watcher = null;
        }
        _timer.Change(Recheck, Recheck);
    }

    public void Stop()
    {
        _timer.Change(Timeout.Infinite, Timeout.Infinite);
        if (_watcher is not null) _watcher.EnableRaisingEvents = false;
    }

    public void Dispose()
    {
        _timer.Dispose();
        _watcher?.Dispose();
    }

    /// <summary>Reads the file after <see cref="Debounce"/> of quiet, then every <see cref="Recheck"/>.</summary>
    private void Schedule() => _timer.Change(Debounce, Recheck);
}
