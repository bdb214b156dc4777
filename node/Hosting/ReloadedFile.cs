using Microsoft.Extensions.Hosting;

namespace DihNode.Node.Hosting;

/// <summary>
/// A file the node re-reads while it runs (the keys file, the gRPC certificate): watched from the node's start to
/// its stop (<see cref="WatchedFile"/>), read once more right after the watcher starts (a change between the first
/// read and the watcher would be missed otherwise), and read on demand (<c>serve</c> does so on SIGHUP).
/// </summary>
public abstract class ReloadedFile : IHostedService, IDisposable
{
    private readonly WatchedFile _watch;

    private protected ReloadedFile(string path) =>
        _watch = new WatchedFile(path, () => ReadNow("change", explicitly: false), NotWatched);

    /// <summary>
    /// Reads the file and takes it if it is good. <paramref name="trigger"/> is logged (<c>SIGHUP</c>, <c>change</c>);
    /// <paramref name="explicitly"/> (an operator asked): the outcome is logged even when nothing changed.
    /// </summary>
    private protected abstract void ReadNow(string trigger, bool explicitly);

    /// <summary>Says why changes may not be seen at once (the folder cannot be watched, the watcher overflowed).</summary>
    private protected abstract void NotWatched(string reason);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _watch.Start();
        ReadNow("start", explicitly: false);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _watch.Stop();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _watch.Dispose();
        GC.SuppressFinalize(this);
    }
}
