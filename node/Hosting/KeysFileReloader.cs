using Microsoft.Extensions.Logging;

namespace DihNode.Node.Hosting;

/// <summary>
/// Re-reads the keys file (<see cref="NodeOptions.KeysFile"/>) while the node runs, so a leaked key is revoked
/// and a new one takes effect without a restart. Triggers: a change of the file (<see cref="WatchedFile"/>:
/// a watcher on its folder, debounced by <see cref="Debounce"/>, and a check every <see cref="Recheck"/> in
/// case an event was lost); and <see cref="Reload"/> called explicitly
/// (<c>serve</c> calls it on SIGHUP, the signal operators send nginx or PostgreSQL to reload).
/// <para>
/// A reload reads the whole file with the rules of the first read (<see cref="KeysFile.Read"/>) and swaps the
/// set in one step (<see cref="WriteAccess.ReplaceFileCredentials"/>): a file that does not parse, or is
/// missing, keeps the credentials in force and is logged once as a warning naming <c>FILE:LINE</c>; a good
/// one is logged with its count and the names added, removed and changed. Keys and hashes are never logged.
/// <c>--api-key</c> and <c>--key</c> credentials stay as they are. <see cref="State"/> is what <c>/healthz</c> shows.
/// </para>
/// </summary>
public sealed partial class KeysFileReloader : ReloadedFile
{
    /// <summary>How long the folder must be quiet before the file is read: an editor's save is several events.</summary>
    public static readonly TimeSpan Debounce = WatchedFile.Debounce;

    /// <summary>How often the file is read without an event (a lost event, a file behind a symbolic link elsewhere).</summary>
    public static readonly TimeSpan Recheck = WatchedFile.Recheck;

    private readonly string _path;
    private readonly WriteAccess _access;
    private readonly ILogger<KeysFileReloader> _logger;
    private readonly Lock _gate = new();
    private volatile KeysFileState _state;

    /// <summary>The last problem logged, so the same broken file is logged once, not on every event.</summary>
    private string? _loggedProblem;

    public KeysFileReloader(NodeOptions options, WriteAccess access, ILogger<KeysFileReloader> logger)
        : base(options.KeysFile ?? throw new ArgumentException("the node has no keys file (--keys)", nameof(options)))
    {
        _path = options.KeysFile!;
        _access = access;
        _logger = logger;
        _state = new KeysFileState(Path.GetFileName(_path), access.FileCredentials.Count, DateTimeOffset.UtcNow, null, null);
    }

    /// <summary>The credentials of the file in force, when they were last read and the problem of the last read, if it failed.</summary>
    public KeysFileState State => _state;

    private protected override void ReadNow(string trigger, bool explicitly) => Reload(trigger, explicitly);

    private protected override void NotWatched(string reason) => NotWatched(_logger, _path, reason);

    /// <summary>
    /// Reads the file now and swaps its credentials in if it is good. <paramref name="trigger"/> is logged
    /// (<c>SIGHUP</c>, <c>change</c>); <paramref name="explicitly"/> (an operator asked): the outcome is logged
    /// even when nothing changed or the problem was logged before. Returns the state after the read.
    /// </summary>
    public KeysFileState Reload(string trigger, bool explicitly)
    {
        lock (_gate)
        {
            CredentialChange change;
            try
            {
                change = _access.ReplaceFileCredentials(KeysFile.Read(_path, _access.FixedNames));
            }
            catch (KeysFileException e)
            {
                if (explicitly || e.Message != _loggedProblem) Kept(_logger, trigger, e.Message, _state.Credentials);
                _loggedProblem = e.Message;
                // /healthz is public: it names the line, never the line's text (a key pasted into the wrong
                // field would otherwise be shown to anyone); the log has the whole message.
                string problem = e.Line is int line ? $"{_state.File}:{line}: this line is not a valid credential (the node's log says why)" : e.Message.Replace(_path, _state.File, StringComparison.Ordinal);
                return _state = _state with { Problem = problem, ProblemAt = DateTimeOffset.UtcNow };
            }
            _loggedProblem = null;
            _state = new KeysFileState(_state.File, _access.FileCredentials.Count, DateTimeOffset.UtcNow, null, null);
            if (explicitly || !change.IsEmpty) Reloaded(_logger, _path, trigger, _state.Credentials, change.ToString());
            return _state;
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "keys file {File} reloaded ({Trigger}): {Credentials} credentials; {Change}")]
    private static partial void Reloaded(ILogger logger, string file, string trigger, int credentials, string change);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "keys file not reloaded ({Trigger}): {Problem}; the {Credentials} credentials read before stay in force")]
    private static partial void Kept(ILogger logger, string trigger, string problem, int credentials);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "keys file {File}: changes may not be seen at once ({Reason}); it is read every 30 s, and on SIGHUP")]
    private static partial void NotWatched(ILogger logger, string file, string reason);
}

/// <summary>
/// The keys file as <c>/healthz</c> shows it: its name (not its folder), how many credentials of it are in force,
/// when it was last read successfully, and the problem of the last read if that failed (<c>FILE:LINE</c> without the line's text;
/// null once a read succeeds). Never a key or a hash.
/// </summary>
public sealed record KeysFileState(string File, int Credentials, DateTimeOffset LoadedAt, string? Problem, DateTimeOffset? ProblemAt);
