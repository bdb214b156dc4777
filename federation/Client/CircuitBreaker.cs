namespace DihNode.Federation.Client;

/// <summary>
/// One peer's circuit breaker: after <c>threshold</c> consecutive failures it opens and calls fail at
/// once (no request leaves) until the open period ends; then one trial call is let through (half open):
/// success closes it, failure opens it again for twice as long (at most a minute).
/// </summary>
public sealed class CircuitBreaker(int threshold, TimeSpan openFor, TimeProvider? clock = null)
{
    private static readonly TimeSpan s_maxOpen = TimeSpan.FromMinutes(1);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Lock _lock = new();
    private int _failures;
    private readonly TimeSpan _initialOpenFor = openFor;
    private TimeSpan _openFor = openFor;
    private DateTimeOffset _openUntil;
    private bool _trial;

    public BreakerState State
    {
        get
        {
            lock (_lock)
            {
                if (_failures < threshold) return BreakerState.Closed;
                return _clock.GetUtcNow() < _openUntil ? BreakerState.Open : BreakerState.HalfOpen;
            }
        }
    }

    /// <summary>True when a call may go out now (closed, or the one trial of a half-open breaker).</summary>
    public bool TryEnter()
    {
        lock (_lock)
        {
            if (_failures < threshold) return true;
            if (_clock.GetUtcNow() < _openUntil || _trial) return false;
            _trial = true;
            return true;
        }
    }

    public void Success()
    {
        lock (_lock)
        {
            _failures = 0;
            _trial = false;
            _openFor = _initialOpenFor;
        }
    }

    public void Failure()
    {
        lock (_lock)
        {
            if (_trial) _openFor = TimeSpan.FromTicks(Math.Min(_openFor.Ticks * 2, s_maxOpen.Ticks));
            _trial = false;
            _failures++;
            if (_failures >= threshold) _openUntil = _clock.GetUtcNow() + _openFor;
        }
    }
}

public enum BreakerState
{
    Closed,
    Open,
    HalfOpen,
}
