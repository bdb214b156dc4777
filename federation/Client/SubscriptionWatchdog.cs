namespace DihNode.Federation.Client;

/// <summary>
/// The heartbeat watchdog of one subscription (README, "Limits"): while the subscriber waits for the next
/// feed message (a batch or a heartbeat, any message is a sign of life), it counts the silence and cancels
/// <see cref="Token"/> once the silence reaches the limit (three heartbeat intervals).
/// </summary>
/// <remarks>
/// The silence is counted by a clock that ticks every <see cref="Tick"/> (a twelfth of the limit, at most
/// 250 ms) and only while this process runs: a tick that comes far later than due (more than four ticks)
/// means this process was stalled (threadpool starved, a GC pause, the machine overloaded), and during a
/// stall the subscriber could not have read a heartbeat even if one had arrived. Such a gap counts as one
/// tick; the rest is recorded in <see cref="Stalled"/> and not blamed on the peer. A plain timer armed for
/// the limit would fire during or right after the stall and drop a healthy link (the soak's 2.5 s stalls
/// against a 3 s watchdog, RELIABILITY.md, "Soak").
/// </remarks>
internal sealed class SubscriptionWatchdog : IDisposable
{
    private const int StallTicks = 4;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _cts;
    private readonly ITimer _timer;
    private readonly Lock _lock = new();
    private bool _armed;
    private long _lastTick;
    private TimeSpan _silence;
    private TimeSpan _stalled;

    public SubscriptionWatchdog(TimeSpan limit, TimeProvider clock, CancellationToken cancellationToken)
    {
        Limit = limit;
        _clock = clock;
        Tick = TimeSpan.FromTicks(Math.Clamp(limit.Ticks / 12, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromMilliseconds(250).Ticks));
        _cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _timer = clock.CreateTimer(static s => ((SubscriptionWatchdog)s!).OnTick(), this, Tick, Tick);
    }

    /// <summary>The silence that drops the link (three heartbeat intervals).</summary>
    public TimeSpan Limit { get; }

    /// <summary>How often the silence is counted; a gap over four of these is a stall of this process.</summary>
    public TimeSpan Tick { get; }

    /// <summary>Cancelled when the watchdog fires (or the subscriber's own token is cancelled).</summary>
    public CancellationToken Token => _cts.Token;

    /// <summary>True once the silence reached <see cref="Limit"/>.</summary>
    public bool Fired { get; private set; }

    /// <summary>The silence counted in the current (or the last) wait.</summary>
    public TimeSpan Silence
    {
        get { lock (_lock) return _silence; }
    }

    /// <summary>Time of the current (or the last) wait during which this process was stalled, not counted.</summary>
    public TimeSpan Stalled
    {
        get { lock (_lock) return _stalled; }
    }

    /// <summary>The subscriber starts waiting for the next message: the silence starts at zero.</summary>
    public void Arm()
    {
        lock (_lock)
        {
            _armed = true;
            _silence = TimeSpan.Zero;
            _stalled = TimeSpan.Zero;
            _lastTick = _clock.GetTimestamp();
        }
    }

    /// <summary>A message arrived (or the wait ended): the time until the next <see cref="Arm"/> is the subscriber's own.</summary>
    public void Disarm()
    {
        lock (_lock) _armed = false;
    }

    private void OnTick()
    {
        lock (_lock)
        {
            if (!_armed || Fired) return;
            long now = _clock.GetTimestamp();
            var gap = _clock.GetElapsedTime(_lastTick, now);
            _lastTick = now;
            if (gap > Tick * StallTicks)
            {
                _silence += Tick;
                _stalled += gap - Tick;
            }
            else
            {
                _silence += gap;
            }
            if (_silence < Limit) return;
            Fired = true;
        }
        try { _cts.Cancel(); } catch (ObjectDisposedException) { }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _cts.Dispose();
    }
}
