using DihNode.Rdf.Io;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Store;

public sealed partial class MemoryDataset
{
    /// <summary>The commit hook of a durable store, or null (then direct writes are allowed too).</summary>
    private ICommitLog? _log;

    /// <summary>Terms 1 .. this id have been handed to <see cref="_log"/>; later ones go with the next commit.</summary>
    private int _persistedTermCount;

    /// <summary>
    /// Starts the one write transaction: waits for the previous writer (a transaction or a direct
    /// write on this dataset). Readers are never blocked. Do not call the dataset's direct write
    /// methods from the thread that holds a transaction: they wait for it.
    /// </summary>
    public IStoreTransaction BeginWrite(CancellationToken cancellationToken = default)
    {
        _writer.Wait(cancellationToken);
        try
        {
            return new Transaction(this, Acquire());
        }
        catch
        {
            _writer.Release();
            throw;
        }
    }

    /// <summary>
    /// Attaches the commit hook of a durable store: from now on every transaction's net changes and
    /// new terms go through <paramref name="log"/> before they are published, and the direct write
    /// methods refuse (they would bypass it). Terms already in the dictionary count as persisted.
    /// </summary>
    internal void AttachLog(ICommitLog log)
    {
        using (EnterWriter())
        {
            _log = log;
            _persistedTermCount = _terms.Count;
        }
    }

    /// <summary>Adds an encoded term as read back from a durable store (see <see cref="TermDictionary.GetOrAdd(ReadOnlySpan{byte})"/>); before <see cref="AttachLog"/>.</summary>
    internal int RestoreTerm(ReadOnlySpan<byte> encoded)
    {
        using (EnterDirectWriter()) return _terms.GetOrAdd(encoded);
    }

    /// <summary>Loads quads of known ids atomically, as read back from a durable store; before <see cref="AttachLog"/>.</summary>
    internal long RestoreQuads(IEnumerable<EncodedQuad> quads)
    {
        using (EnterDirectWriter())
        {
            var stage = new StagingSink(_terms);
            foreach (var q in quads)
            {
                CheckIds(in q);
                stage.AddEncoded(in q);
            }
            return Apply(stage);
        }
    }

    /// <summary>Nothing to release: a memory dataset holds no outside resource. Present for <see cref="IRdfStore"/>.</summary>
    public void Dispose()
    {
    }

    private WriterScope EnterWriter()
    {
        _writer.Wait();
        return new WriterScope(_writer);
    }

    /// <summary>The writer for a direct write, which a dataset with a commit hook refuses.</summary>
    private WriterScope EnterDirectWriter()
    {
        if (_log is not null) ThrowDirectWrite();
        return EnterWriter();
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowDirectWrite() =>
        throw new InvalidOperationException("This dataset is backed by a durable store: write through BeginWrite.");

    private readonly struct WriterScope(SemaphoreSlim writer) : IDisposable
    {
        public void Dispose() => writer.Release();
    }

    /// <summary>
    /// A write transaction: its own copy of the indexes over the state it started from (sharing the
    /// base arrays; the index deltas take its writes), a log of the writes that changed something,
    /// and on commit the net changes to the commit hook, then one swap of the published state.
    /// </summary>
    private sealed class Transaction(MemoryDataset dataset, IndexSet start) : IStoreTransaction
    {
        private readonly IndexSet _start = start;
        private IndexSet _working = start;
        private readonly List<EncodedQuad> _added = [];
        private readonly List<EncodedQuad> _removed = [];
        private bool _ended;

        public bool TryGetId(Term term, out int id) => dataset._terms.TryGetId(term, out id);

        public Term GetTerm(int id) => dataset._terms.GetTerm(id);

        public QuadCursor Find(in QuadPattern pattern) => Readable().Find(in pattern);

        public long Count(in QuadPattern pattern) => Readable().Count(in pattern);

        public IEnumerable<int> GraphNameIds() => Readable().GraphNameIds();

        public int GetOrAddId(Term term)
        {
            CheckActive();
            return dataset._terms.GetOrAdd(term);
        }

        public bool Add(in EncodedQuad quad)
        {
            CheckActive();
            dataset.CheckIds(in quad);
            if (!Writable().Add(in quad)) return false;
            _added.Add(quad);
            return true;
        }

        public bool Remove(in EncodedQuad quad)
        {
            CheckActive();
            if (!Writable().Remove(in quad)) return false;
            _removed.Add(quad);
            return true;
        }

        public long RemoveAll(in QuadPattern pattern)
        {
            CheckActive();
            var state = Readable();
            var matches = new List<EncodedQuad>((int)Math.Min(state.Count(in pattern), int.MaxValue));
            foreach (var q in state.Find(in pattern)) matches.Add(q);
            return Apply(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(matches), []).Removed;
        }

        public (long Removed, long Added) Apply(ReadOnlySpan<EncodedQuad> removals, ReadOnlySpan<EncodedQuad> additions)
        {
            CheckActive();
            foreach (ref readonly var q in additions) dataset.CheckIds(in q);
            var changes = ChangeSet.Net(_working, removals, additions);
            Write(changes);
            return (changes.RemovedCount, changes.AddedCount);
        }

        public long Load(Action<IQuadSink> produce)
        {
            ArgumentNullException.ThrowIfNull(produce);
            CheckActive();
            var stage = new StagingSink(dataset._terms);
            produce(stage);
            var changes = ChangeSet.FromStage(stage, _working);
            Write(changes);
            return changes.AddedCount;
        }

        private void Write(ChangeSet changes)
        {
            if (changes.Total == 0) return;
            changes.CopyTo(_removed, _added);
            if (IsSmallBatch(changes.Total, _working))
            {
                changes.ApplyEach(Writable());
            }
            else
            {
                var next = _working.CloneForWrite();
                changes.ApplyBulk(next);
                _working = next;
            }
        }

        public void Commit()
        {
            CheckActive();
            try
            {
                var (removed, added) = NetChanges();
                int first = dataset._persistedTermCount + 1, last = dataset._terms.Count;
                if (dataset._log is { } log)
                {
                    log.Persist(new CommitBatch(dataset._terms, first, last, removed, added));
                    dataset._persistedTermCount = last;
                }
                lock (dataset._stateLock) dataset.Publish(_working);
            }
            finally
            {
                End();
            }
        }

        public void Dispose()
        {
            if (!_ended) End();
        }

        private void End()
        {
            _ended = true;
            dataset._writer.Release();
        }

        /// <summary>
        /// The net removals and additions against the starting state. Every logged write changed the
        /// working state when made, so a log of only additions (or only removals) is already net and
        /// distinct; a mixed log is checked quad by quad.
        /// </summary>
        private (List<EncodedQuad> Removed, List<EncodedQuad> Added) NetChanges()
        {
            if (_removed.Count == 0 || _added.Count == 0) return (_removed, _added);
            var seen = new HashSet<EncodedQuad>();
            var removed = new List<EncodedQuad>();
            var added = new List<EncodedQuad>();
            foreach (var list in (List<EncodedQuad>[])[_removed, _added])
            {
                foreach (var q in list)
                {
                    if (!seen.Add(q)) continue;
                    bool before = _start.Contains(in q), after = _working.Contains(in q);
                    if (before && !after) removed.Add(q);
                    else if (!before && after) added.Add(q);
                }
            }
            return (removed, added);
        }

        /// <summary>The working state, frozen so that cursors handed out stay valid across later writes.</summary>
        private IndexSet Readable()
        {
            CheckActive();
            _working.Frozen = true;
            return _working;
        }

        private IndexSet Writable()
        {
            if (_working.Frozen) _working = _working.CloneForWrite();
            return _working;
        }

        private void CheckActive()
        {
            if (_ended) throw new InvalidOperationException("The transaction has ended (committed or rolled back).");
        }
    }
}
