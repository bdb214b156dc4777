using DihNode.Rdf.Io;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Store;

public sealed partial class MemoryDataset
{
    /// <summary>Batches smaller than this go through the index deltas instead of a full merge.</summary>
    private const int SmallBatch = 1024;

    /// <summary>
    /// Loads atomically: <paramref name="produce"/> pushes quads into the sink it is given (a parser,
    /// typically <c>RdfParser.Parse(stream, format, sink)</c>); they are staged and applied only when it
    /// returns. If it throws, no quad of it is applied and the exception propagates (terms it added to
    /// the dictionary stay, unused). Readers keep seeing the previous state until the new one is
    /// published. Returns the number of quads that were new.
    /// </summary>
    public long Load(Action<IQuadSink> produce)
    {
        ArgumentNullException.ThrowIfNull(produce);
        lock (_writeLock)
        {
            var stage = new StagingSink(_terms);
            produce(stage);
            return Apply(stage);
        }
    }

    private long Apply(StagingSink stage)
    {
        IndexSet current;
        lock (_stateLock) current = _state;

        var (defaults, defaultCount) = Prepare(stage.Default, stage.DefaultCount, current, static (s, k) => s.Contains(new EncodedQuad(k.A, k.B, k.C, 0)));
        stage.Default = [];
        var (named, namedCount) = Prepare(stage.Named, stage.NamedCount, current, static (s, k) => s.Contains(new EncodedQuad(k.A, k.B, k.C, k.D)));
        stage.Named = [];
        long added = defaultCount + namedCount;
        if (added == 0) return 0;

        if (added < SmallBatch)
        {
            lock (_stateLock)
            {
                var state = Writable();
                for (int i = 0; i < defaultCount; i++) state.Add(new EncodedQuad(defaults[i].A, defaults[i].B, defaults[i].C, 0));
                for (int i = 0; i < namedCount; i++) state.Add(new EncodedQuad(named[i].A, named[i].B, named[i].C, named[i].D));
            }
            return added;
        }

        // Build the next state beside the current one (readers keep using it), then publish.
        var next = current.CloneForWrite();
        next.ApplyBulk([], 0, defaults, defaultCount, [], 0, named, namedCount);
        lock (_stateLock) _state = next;
        return added;
    }

    /// <summary>Sorts staged keys, drops duplicates and keys already stored; returns the survivors.</summary>
    private static (T[] Keys, int Count) Prepare<T>(T[] keys, int count, IndexSet current, Func<IndexSet, T, bool> contains)
        where T : unmanaged, IQuadKey<T>
    {
        if (count == 0) return ([], 0);
        var scratch = new T[count];
        keys = RadixSort.Sort(keys, scratch, count);
        scratch = null;
        int n = 0;
        bool checkStored = current.DefaultGraphCount + current.NamedGraphsCount > 0;
        for (int i = 0; i < count; i++)
        {
            if (n > 0 && QuadKey.Compare(in keys[n - 1], in keys[i]) == 0) continue;
            if (checkStored && contains(current, keys[i])) continue;
            keys[n++] = keys[i];
        }
        return (keys, n);
    }

    /// <summary>Collects a load's quads as keys in SPO / SPOG order, encoding terms as they come.</summary>
    private sealed class StagingSink(TermDictionary terms) : IQuadSink
    {
        public Key3[] Default = new Key3[4096];
        public int DefaultCount;
        public Key4[] Named = [];
        public int NamedCount;

        public void Add(in Quad quad)
        {
            int s = terms.GetOrAdd(quad.Subject);
            int p = terms.GetOrAdd(quad.Predicate);
            int o = terms.GetOrAdd(quad.Object);
            if (quad.Graph is null)
            {
                if (DefaultCount == Default.Length) Array.Resize(ref Default, Default.Length * 2);
                Default[DefaultCount++] = new Key3 { A = s, B = p, C = o };
            }
            else
            {
                int g = terms.GetOrAdd(quad.Graph);
                if (NamedCount == Named.Length) Array.Resize(ref Named, Math.Max(4096, Named.Length * 2));
                Named[NamedCount++] = new Key4 { A = s, B = p, C = o, D = g };
            }
        }
    }
}
