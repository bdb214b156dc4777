namespace DihNode.Node.Hosting;

/// <summary>
/// The cap on queries running at once. A query that finds no free slot is refused at once (503 with
/// Retry-After) and never runs, so a burst cannot queue up work the node cannot finish.
/// </summary>
public sealed class QueryGate(NodeOptions options)
{
    private readonly SemaphoreSlim _slots = new(options.MaxConcurrentQueries, options.MaxConcurrentQueries);

    /// <summary>A slot to dispose when the query ends, or null when all are taken.</summary>
    public IDisposable? TryEnter() => _slots.Wait(0) ? new Slot(_slots) : null;

    public int Running => options.MaxConcurrentQueries - _slots.CurrentCount;

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) slots.Release();
        }
    }
}
