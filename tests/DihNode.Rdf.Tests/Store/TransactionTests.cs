using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Store;

namespace DihNode.Rdf.Tests.Store;

public class TransactionTests
{
    private static Iri I(string local) => Iri.FromTrusted("http://example.org/" + local);

    private static EncodedQuad Encode(IStoreTransaction tx, string s, string p, string o, string? g = null) =>
        new(tx.GetOrAddId(I(s)), tx.GetOrAddId(I(p)), tx.GetOrAddId(I(o)), g is null ? 0 : tx.GetOrAddId(I(g)));

    private static HashSet<EncodedQuad> All(IQuadStore store) => [.. store.Find(QuadPattern.InAllGraphs()).ToList()];

    [Fact]
    public void ReadsSeeTheTransactionsOwnWritesOnly()
    {
        using var store = new MemoryDataset();
        using var tx = store.BeginWrite();
        var q = Encode(tx, "s", "p", "o");
        var named = Encode(tx, "s", "p", "o", "g");
        Assert.True(tx.Add(in q));
        Assert.False(tx.Add(in q));
        Assert.True(tx.Add(in named));
        Assert.Equal(2, tx.Count(QuadPattern.InAllGraphs()));
        Assert.Equal([named.G], tx.GraphNameIds().ToList());
        Assert.Equal(0, store.Snapshot().Count(QuadPattern.InAllGraphs()));
        Assert.True(tx.Remove(in q));
        Assert.False(tx.Remove(in q));
        Assert.Equal([named], All(tx));
        tx.Commit();
        Assert.Equal([named], All(store.Snapshot()));
    }

    [Fact]
    public void DisposeWithoutCommitRollsBack()
    {
        using var store = new MemoryDataset();
        EncodedQuad kept;
        using (var tx = store.BeginWrite())
        {
            kept = Encode(tx, "a", "p", "b");
            tx.Add(in kept);
            tx.Commit();
        }
        using (var tx = store.BeginWrite())
        {
            tx.Remove(in kept);
            tx.Add(Encode(tx, "c", "p", "d"));
            tx.Load(sink => sink.Add(new Quad(I("e"), I("p"), I("f"), null)));
            Assert.Equal(2, tx.Count(QuadPattern.InAllGraphs()));
        }
        Assert.Equal([kept], All(store.Snapshot()));
        // The writer was released: a new transaction starts at once.
        using var next = store.BeginWrite(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);
        Assert.Equal([kept], All(next));
    }

    [Fact]
    public void AnEndedTransactionRefusesUse()
    {
        using var store = new MemoryDataset();
        var tx = store.BeginWrite();
        tx.Commit();
        Assert.Throws<InvalidOperationException>(() => tx.Add(new EncodedQuad(1, 1, 1, 0)));
        Assert.Throws<InvalidOperationException>(() => tx.Commit());
        tx.Dispose();
    }

    [Fact]
    public void SnapshotsTakenBeforeACommitNeverChange()
    {
        using var store = new MemoryDataset();
        using (var tx = store.BeginWrite())
        {
            tx.Load(sink =>
            {
                for (int i = 0; i < 5000; i++) sink.Add(new Quad(I("s" + i), I("p"), Literal.Simple(i.ToString()), null));
            });
            tx.Commit();
        }
        var before = store.Snapshot();
        var cursor = before.Find(QuadPattern.InDefaultGraph());
        using (var tx = store.BeginWrite())
        {
            // Both the bulk path (RemoveAll of everything) and the per-quad path (a few adds).
            Assert.Equal(5000, tx.RemoveAll(QuadPattern.InAllGraphs()));
            tx.Add(Encode(tx, "x", "p", "y"));
            Assert.Equal(5000, before.Count(QuadPattern.InAllGraphs()));
            tx.Commit();
        }
        Assert.Equal(5000, before.Count(QuadPattern.InAllGraphs()));
        Assert.Equal(5000, cursor.ToList().Count);
        Assert.Equal(1, store.Snapshot().Count(QuadPattern.InAllGraphs()));
    }

    [Fact]
    public async Task ConcurrentReadersSeeWholeCommitsOnly()
    {
        using var store = new MemoryDataset();
        using var done = new CancellationTokenSource();
        using var readerRunning = new ManualResetEventSlim();
        var reader = Task.Run(() =>
        {
            long last = 0, reads = 0;
            while (!done.IsCancellationRequested)
            {
                var snapshot = store.Snapshot();
                long n = snapshot.Count(QuadPattern.InAllGraphs());
                Assert.Equal(0, n % 10);
                Assert.True(n >= last);
                Assert.Equal(n, snapshot.Find(QuadPattern.InAllGraphs()).ToList().Count);
                last = n;
                reads++;
                readerRunning.Set();
            }
            return reads;
        });
        // On a busy machine the reader may start late: commits begin once it reads.
        Assert.True(readerRunning.Wait(TimeSpan.FromSeconds(30)));
        for (int commit = 0; commit < 200; commit++)
        {
            using var tx = store.BeginWrite();
            if (commit % 20 == 19)
            {
                // Now and then a bulk commit (rebuilt indexes rather than deltas).
                tx.Load(sink =>
                {
                    for (int i = 0; i < 2000; i++) sink.Add(new Quad(I($"bulk{commit}-{i}"), I("p"), I("o"), null));
                });
            }
            for (int i = 0; i < 10; i++) tx.Add(Encode(tx, $"s{commit}-{i}", "p", "o", i % 2 == 0 ? "g" : null));
            tx.Commit();
        }
        done.Cancel();
        Assert.True(await reader > 0);
        Assert.Equal(200 * 10 + 10 * 2000, store.Snapshot().Count(QuadPattern.InAllGraphs()));
    }

    [Fact]
    public void OpenCursorsOfATransactionSurviveItsLaterWrites()
    {
        using var store = new MemoryDataset();
        using var tx = store.BeginWrite();
        var quads = Enumerable.Range(0, 50).Select(i => Encode(tx, "s" + i, "p", "o")).ToList();
        foreach (var q in quads) tx.Add(in q);
        var cursor = tx.Find(QuadPattern.InDefaultGraph());
        foreach (var q in quads.Take(25)) tx.Remove(in q);
        Assert.Equal(50, cursor.ToList().Count);
        Assert.Equal(25, tx.Count(QuadPattern.InDefaultGraph()));
    }

    [Fact]
    public void ApplyRemovesBeforeAdding()
    {
        using var store = new MemoryDataset();
        using var tx = store.BeginWrite();
        var a = Encode(tx, "a", "p", "b");
        var c = Encode(tx, "c", "p", "d", "g");
        tx.Add(in a);
        var (removed, added) = tx.Apply([a, c], [a, c, c]);
        Assert.Equal((0L, 1L), (removed, added));
        Assert.Equal([a, c], All(tx));
        Assert.Equal((1L, 0L), tx.Apply([a], []));
        tx.Commit();
        Assert.Equal([c], All(store.Snapshot()));
    }

    [Fact]
    public async Task WritersAreSerialisedAndReadersNeverWait()
    {
        using var store = new MemoryDataset();
        var first = store.BeginWrite();
        first.Add(Encode(first, "a", "p", "b"));
        var secondStarted = new ManualResetEventSlim();
        var second = Task.Run(() =>
        {
            using var tx = store.BeginWrite();
            secondStarted.Set();
            // It starts from the first transaction's committed state.
            Assert.Equal(1, tx.Count(QuadPattern.InAllGraphs()));
            tx.Add(Encode(tx, "c", "p", "d"));
            tx.Commit();
        });
        Assert.False(secondStarted.Wait(200));
        Assert.Equal(0, store.Snapshot().Count(QuadPattern.InAllGraphs()));
        first.Commit();
        first.Dispose();
        await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, store.Snapshot().Count(QuadPattern.InAllGraphs()));
    }

    [Fact]
    public void BeginWriteHonoursCancellation()
    {
        using var store = new MemoryDataset();
        using var held = store.BeginWrite();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        Assert.ThrowsAny<OperationCanceledException>(() => store.BeginWrite(cts.Token));
    }

    [Fact]
    public void AFailedLoadInsideATransactionLeavesItUsable()
    {
        using var store = new MemoryDataset();
        using var tx = store.BeginWrite();
        tx.Add(Encode(tx, "a", "p", "b"));
        Assert.Throws<RdfSyntaxException>(() => tx.Load(sink =>
        {
            sink.Add(new Quad(I("x"), I("p"), I("y"), null));
            throw new RdfSyntaxException("bad", 1, 1, null);
        }));
        Assert.Equal(1, tx.Count(QuadPattern.InAllGraphs()));
        tx.Commit();
        Assert.Equal(1, store.Snapshot().Count(QuadPattern.InAllGraphs()));
    }

    [Fact]
    public void TheCommitHookReceivesNetChangesAndNewTerms()
    {
        using var store = new MemoryDataset();
        var log = new RecordingLog();
        store.AttachLog(log);
        EncodedQuad a, b;
        using (var tx = store.BeginWrite())
        {
            a = Encode(tx, "a", "p", "b");
            b = Encode(tx, "c", "p", "d", "g");
            tx.Add(in a);
            tx.Add(in b);
            tx.Commit();
        }
        Assert.Equal((1, 6), (log.Batches[0].First, log.Batches[0].Last));
        Assert.Equal([a, b], log.Batches[0].Added);
        using (var tx = store.BeginWrite())
        {
            var c = Encode(tx, "e", "p", "f");
            tx.Remove(in a);
            tx.Add(in c);
            tx.Remove(in c); // added then removed: no net change
            tx.Add(in a);    // removed then re-added: no net change
            tx.Remove(in b);
            tx.Commit();
        }
        Assert.Equal((7, 8), (log.Batches[1].First, log.Batches[1].Last));
        Assert.Equal([b], log.Batches[1].Removed);
        Assert.Empty(log.Batches[1].Added);
        Assert.Throws<InvalidOperationException>(() => store.Add(in a));
    }

    [Fact]
    public void AFailingCommitHookPublishesNothing()
    {
        using var store = new MemoryDataset();
        var log = new RecordingLog();
        store.AttachLog(log);
        using (var tx = store.BeginWrite())
        {
            tx.Add(Encode(tx, "a", "p", "b"));
            tx.Commit();
        }
        log.Fail = true;
        using (var tx = store.BeginWrite())
        {
            tx.Add(Encode(tx, "c", "p", "d"));
            tx.RemoveAll(QuadPattern.InAllGraphs());
            Assert.Throws<IOException>(tx.Commit);
        }
        Assert.Equal(1, store.Snapshot().Count(QuadPattern.InAllGraphs()));
        // The terms of the failed commit go with the next one, so the log never misses an id.
        log.Fail = false;
        using (var tx = store.BeginWrite())
        {
            tx.Add(Encode(tx, "e", "p", "f"));
            tx.Commit();
        }
        Assert.Equal((4, 7), (log.Batches[^1].First, log.Batches[^1].Last));
        Assert.Equal(2, store.Snapshot().Count(QuadPattern.InAllGraphs()));
    }

    private sealed class RecordingLog : ICommitLog
    {
        public bool Fail;
        public readonly List<(int First, int Last, List<EncodedQuad> Removed, List<EncodedQuad> Added)> Batches = [];

        public void Persist(CommitBatch batch)
        {
            for (int id = batch.FirstNewTermId; id <= batch.LastTermId; id++) Assert.False(batch.EncodedTerm(id).IsEmpty);
            if (Fail) throw new IOException("disk full");
            Batches.Add((batch.FirstNewTermId, batch.LastTermId, [.. batch.Removed.ToArray()], [.. batch.Added.ToArray()]));
        }
    }
}
