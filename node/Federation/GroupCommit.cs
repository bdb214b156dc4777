using DihNode.Node.Registry;

namespace DihNode.Node.Federation;

/// <summary>
/// Group commit of peers' feed batches: a caller queues its batch and waits; whoever finds no write running
/// takes everything queued (its own batch and those that came while the previous write ran) and applies it
/// with <see cref="HubRegistry.ApplyPeerBatchesAsync"/> in one transaction. With one busy peer this is one
/// write per batch, as before; with many, the per-write costs (transaction, fsync, RDF projection, relinking)
/// are paid once per group instead of once per peer. Batches of the same peer stay in arrival order (a peer's
/// replicator sends one at a time anyway).
/// </summary>
internal sealed class GroupCommit(NodeStore store)
{
    private const int MaxGroup = 64;
    private readonly Lock _lock = new();
    private readonly List<(PeerBatch Batch, TaskCompletionSource<PeerBatchResult> Done)> _queue = [];
    private bool _writing;

    public async Task<PeerBatchResult> ApplyAsync(PeerBatch batch, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<PeerBatchResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool lead;
        lock (_lock)
        {
            _queue.Add((batch, done));
            lead = !_writing;
            _writing = true;
        }
        if (lead) _ = Task.Run(DrainAsync, CancellationToken.None); // the writer runs apart: no caller waits for the others' groups
        return await done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Writes groups until the queue is empty. Never cancelled by one caller: others wait on the same write.</summary>
    private async Task DrainAsync()
    {
        while (true)
        {
            List<(PeerBatch Batch, TaskCompletionSource<PeerBatchResult> Done)> group;
            lock (_lock)
            {
                if (_queue.Count == 0)
                {
                    _writing = false;
                    return;
                }
                // One batch per peer per group: a second batch of the same peer waits for the next write, in order.
                var peers = new HashSet<string>(StringComparer.Ordinal);
                group = [];
                foreach (var item in _queue)
                {
                    if (group.Count == MaxGroup) break;
                    if (peers.Add(item.Batch.Peer)) group.Add(item);
                }
                foreach (var item in group) _queue.Remove(item);
            }
            try
            {
                var results = await store.Registry.ApplyPeerBatchesAsync([.. group.Select(g => g.Batch)]);
                for (int i = 0; i < group.Count; i++) group[i].Done.TrySetResult(results[i]);
            }
            catch (Exception e)
            {
                foreach (var item in group) item.Done.TrySetException(e);
            }
        }
    }
}
