using System.Runtime.CompilerServices;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Store;

public sealed partial class MemoryDataset
{
    /// <summary>
    /// Whether a batch goes through the index deltas (a few µs per quad) rather than a rebuild of the
    /// touched indexes (tens of ns per stored quad): below 1/128 of the store, or 1024 quads.
    /// </summary>
    private static bool IsSmallBatch(long batch, IndexSet state) =>
        batch < Math.Max(1024, (state.DefaultGraphCount + state.NamedGraphsCount) / 128);

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
        using (EnterDirectWriter())
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

        var (defaults, defaultCount, defaultSpare) = Prepare(stage.Default, stage.DefaultCount, current, ContainsDefault);
        stage.Default = [];
        var (named, namedCount, namedSpare) = Prepare(stage.Named, stage.NamedCount, current, ContainsNamed);
        stage.Named = [];
        long added = defaultCount + namedCount;
        if (added == 0) return 0;

        if (IsSmallBatch(added, current))
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
        next.ApplyBulk([], 0, defaults, defaultCount, [], 0, named, namedCount, defaultSpare, namedSpare);
        lock (_stateLock) Publish(next);
        return added;
    }

    /// <summary>
    /// Sorts staged keys, drops duplicates and keys already stored; returns the survivors and the
    /// sort's other buffer, which re-sorting for the other indexes can reuse.
    /// </summary>
    private static (T[] Keys, int Count, T[]? Spare) Prepare<T>(T[] keys, int count, IndexSet current, Func<IndexSet, T, bool> contains)
        where T : unmanaged, IQuadKey<T>
    {
        T[]? spare;
        (keys, count, spare) = SortDistinctKeepingSpare(keys, count);
        if (current.DefaultGraphCount + current.NamedGraphsCount > 0) (keys, count) = Filter(keys, count, current, contains, keep: false);
        return (keys, count, spare);
    }

    /// <summary>Sorts keys ascending and drops duplicates, in place where it can.</summary>
    private static (T[] Keys, int Count) SortDistinct<T>(T[] keys, int count) where T : unmanaged, IQuadKey<T>
    {
        var (sorted, n, _) = SortDistinctKeepingSpare(keys, count);
        return (sorted, n);
    }

    private static (T[] Keys, int Count, T[]? Spare) SortDistinctKeepingSpare<T>(T[] keys, int count) where T : unmanaged, IQuadKey<T>
    {
        if (count == 0) return ([], 0, null);
        var scratch = GC.AllocateUninitializedArray<T>(count);
        T[] sorted = RadixSort.Sort(keys, scratch, count);
        T[] spare = ReferenceEquals(sorted, keys) ? scratch : keys;
        int n = 1;
        for (int i = 1; i < count; i++)
            if (QuadKey.Compare(in sorted[n - 1], in sorted[i]) != 0) sorted[n++] = sorted[i];
        return (sorted, n, spare);
    }

    /// <summary>Keeps the keys for which <paramref name="contains"/> is <paramref name="keep"/>, in place.</summary>
    private static (T[] Keys, int Count) Filter<T>(T[] keys, int count, IndexSet state, Func<IndexSet, T, bool> contains, bool keep)
        where T : unmanaged, IQuadKey<T>
    {
        int n = 0;
        for (int i = 0; i < count; i++)
            if (contains(state, keys[i]) == keep) keys[n++] = keys[i];
        return (keys, n);
    }

    /// <summary>Removes from sorted <paramref name="a"/> every key of sorted <paramref name="b"/>, in place.</summary>
    private static int Except<T>(T[] a, int an, T[] b, int bn) where T : unmanaged, IQuadKey<T>
    {
        int n = 0, j = 0;
        for (int i = 0; i < an; i++)
        {
            while (j < bn && QuadKey.Compare(in b[j], in a[i]) < 0) j++;
            if (j < bn && QuadKey.Compare(in b[j], in a[i]) == 0) continue;
            a[n++] = a[i];
        }
        return n;
    }

    private static bool ContainsDefault(IndexSet s, Key3 k) => s.Contains(new EncodedQuad(k.A, k.B, k.C, 0));

    private static bool ContainsNamed(IndexSet s, Key4 k) => s.Contains(new EncodedQuad(k.A, k.B, k.C, k.D));

    /// <summary>
    /// Applies a change set atomically, removals before additions as SPARQL 1.1 Update's DELETE/INSERT
    /// does (https://www.w3.org/TR/sparql11-update/#deleteInsert): a quad both removed and added stays.
    /// Absent removals and present additions are ignored; duplicates count once. Readers see the state
    /// before or after, never between. Returns how many quads went and how many came.
    /// </summary>
    public (long Removed, long Added) Apply(ReadOnlySpan<EncodedQuad> removals, ReadOnlySpan<EncodedQuad> additions)
    {
        foreach (ref readonly var q in additions) CheckIds(in q);
        using (EnterDirectWriter()) return ApplyLocked(removals, additions);
    }

    private (long Removed, long Added) ApplyLocked(ReadOnlySpan<EncodedQuad> removals, ReadOnlySpan<EncodedQuad> additions)
    {
        IndexSet current;
        lock (_stateLock) current = _state;
        var changes = ChangeSet.Net(current, removals, additions);
        if (IsSmallBatch(changes.Total, current))
        {
            lock (_stateLock) changes.ApplyEach(Writable());
        }
        else
        {
            var next = current.CloneForWrite();
            changes.ApplyBulk(next);
            lock (_stateLock) Publish(next);
        }
        return (changes.RemovedCount, changes.AddedCount);
    }

    /// <summary>
    /// The net effect of a change set on a state: removals present and not re-added, additions
    /// absent, each sorted (SPO / SPOG) and distinct.
    /// </summary>
    private sealed class ChangeSet
    {
        private Key3[] _rd = [], _ad = [];
        private Key4[] _rn = [], _an = [];
        private int _rdn, _rnn, _adn, _ann;

        public long RemovedCount => _rdn + _rnn;

        public long AddedCount => _adn + _ann;

        public long Total => RemovedCount + AddedCount;

        public static ChangeSet Net(IndexSet current, ReadOnlySpan<EncodedQuad> removals, ReadOnlySpan<EncodedQuad> additions)
        {
            var c = new ChangeSet();
            (c._rd, c._rdn, c._rn, c._rnn) = Split(removals);
            (c._ad, c._adn, c._an, c._ann) = Split(additions);
            (c._rd, c._rdn) = SortDistinct(c._rd, c._rdn);
            (c._rd, c._rdn) = Filter(c._rd, c._rdn, current, ContainsDefault, keep: true);
            (c._rn, c._rnn) = SortDistinct(c._rn, c._rnn);
            (c._rn, c._rnn) = Filter(c._rn, c._rnn, current, ContainsNamed, keep: true);
            (c._ad, c._adn) = SortDistinct(c._ad, c._adn);
            (c._an, c._ann) = SortDistinct(c._an, c._ann);
            c._rdn = Except(c._rd, c._rdn, c._ad, c._adn);
            c._rnn = Except(c._rn, c._rnn, c._an, c._ann);
            (c._ad, c._adn) = Filter(c._ad, c._adn, current, ContainsDefault, keep: false);
            (c._an, c._ann) = Filter(c._an, c._ann, current, ContainsNamed, keep: false);
            return c;
        }

        /// <summary>The additions a load staged: the distinct quads <paramref name="current"/> does not hold.</summary>
        public static ChangeSet FromStage(StagingSink stage, IndexSet current)
        {
            var c = new ChangeSet();
            (c._ad, c._adn, _) = Prepare(stage.Default, stage.DefaultCount, current, ContainsDefault);
            stage.Default = [];
            (c._an, c._ann, _) = Prepare(stage.Named, stage.NamedCount, current, ContainsNamed);
            stage.Named = [];
            return c;
        }

        /// <summary>Applies the changes one quad at a time (through the index deltas).</summary>
        public void ApplyEach(IndexSet state)
        {
            for (int i = 0; i < _rdn; i++) state.Remove(new EncodedQuad(_rd[i].A, _rd[i].B, _rd[i].C, 0));
            for (int i = 0; i < _rnn; i++) state.Remove(new EncodedQuad(_rn[i].A, _rn[i].B, _rn[i].C, _rn[i].D));
            for (int i = 0; i < _adn; i++) state.Add(new EncodedQuad(_ad[i].A, _ad[i].B, _ad[i].C, 0));
            for (int i = 0; i < _ann; i++) state.Add(new EncodedQuad(_an[i].A, _an[i].B, _an[i].C, _an[i].D));
        }

        /// <summary>Applies the changes by merging into new index arrays (adopts this set's arrays: use once).</summary>
        public void ApplyBulk(IndexSet state) => state.ApplyBulk(_rd, _rdn, _ad, _adn, _rn, _rnn, _an, _ann);

        /// <summary>Appends the removals and additions, as quads, to the lists (before <see cref="ApplyBulk"/>).</summary>
        public void CopyTo(List<EncodedQuad> removed, List<EncodedQuad> added)
        {
            for (int i = 0; i < _rdn; i++) removed.Add(new EncodedQuad(_rd[i].A, _rd[i].B, _rd[i].C, 0));
            for (int i = 0; i < _rnn; i++) removed.Add(new EncodedQuad(_rn[i].A, _rn[i].B, _rn[i].C, _rn[i].D));
            for (int i = 0; i < _adn; i++) added.Add(new EncodedQuad(_ad[i].A, _ad[i].B, _ad[i].C, 0));
            for (int i = 0; i < _ann; i++) added.Add(new EncodedQuad(_an[i].A, _an[i].B, _an[i].C, _an[i].D));
        }
    }

    /// <summary>
    /// Removes every quad matching <paramref name="pattern"/> in one atomic step (SPARQL's CLEAR,
    /// DROP GRAPH, DELETE WHERE with one pattern). Returns how many went.
    /// </summary>
    public long RemoveAll(in QuadPattern pattern)
    {
        using (EnterDirectWriter())
        {
            IndexSet current;
            lock (_stateLock)
            {
                current = _state;
                current.Frozen = true;
            }
            var matches = new List<EncodedQuad>((int)Math.Min(current.Count(in pattern), int.MaxValue));
            foreach (var q in current.Find(in pattern)) matches.Add(q);
            return ApplyLocked(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(matches), []).Removed;
        }
    }

    private static (Key3[], int, Key4[], int) Split(ReadOnlySpan<EncodedQuad> quads)
    {
        int named = 0;
        foreach (ref readonly var q in quads) if (q.G != TermIds.DefaultGraph) named++;
        var d = new Key3[quads.Length - named];
        var n = new Key4[named];
        int di = 0, ni = 0;
        foreach (ref readonly var q in quads)
        {
            if (q.G == TermIds.DefaultGraph) d[di++] = new Key3 { A = q.S, B = q.P, C = q.O };
            else n[ni++] = new Key4 { A = q.S, B = q.P, C = q.O, D = q.G };
        }
        return (d, di, n, ni);
    }

    /// <summary>Collects a load's quads as keys in SPO / SPOG order, encoding terms as they come.</summary>
    private sealed class StagingSink(TermDictionary terms) : IQuadSink
    {
        // Start small and double: a write of a few statements should not stage into 48 KB.
        public Key3[] Default = new Key3[64];
        public int DefaultCount;
        public Key4[] Named = [];
        public int NamedCount;

        // Parsers hand over the same subject object for consecutive statements (Turtle's ';' and ','
        // lists) and reuse the objects of repeated IRIs, so ids are remembered by object identity:
        // the last subject, and a small direct-mapped cache for the other positions.
        private const int RecentSize = 4096;
        private readonly Term?[] _recent = new Term?[RecentSize];
        private readonly int[] _recentIds = new int[RecentSize];
        private Term? _lastS;
        private int _lastSId;

        private int IdOf(Term term)
        {
            int slot = RuntimeHelpers.GetHashCode(term) & (RecentSize - 1);
            if (ReferenceEquals(_recent[slot], term)) return _recentIds[slot];
            int id = terms.GetOrAdd(term);
            _recent[slot] = term;
            _recentIds[slot] = id;
            return id;
        }

        /// <summary>Stages a quad of ids the dictionary already holds.</summary>
        public void AddEncoded(in EncodedQuad q)
        {
            if (q.G == TermIds.DefaultGraph)
            {
                if (DefaultCount == Default.Length) Array.Resize(ref Default, Default.Length * 2);
                Default[DefaultCount++] = new Key3 { A = q.S, B = q.P, C = q.O };
            }
            else
            {
                if (NamedCount == Named.Length) Array.Resize(ref Named, Math.Max(64, Named.Length * 2));
                Named[NamedCount++] = new Key4 { A = q.S, B = q.P, C = q.O, D = q.G };
            }
        }

        public void Add(in Quad quad)
        {
            int s = ReferenceEquals(quad.Subject, _lastS) ? _lastSId : _lastSId = IdOf(_lastS = quad.Subject);
            int p = IdOf(quad.Predicate);
            int o = IdOf(quad.Object);
            if (quad.Graph is null)
            {
                if (DefaultCount == Default.Length) Array.Resize(ref Default, Default.Length * 2);
                Default[DefaultCount++] = new Key3 { A = s, B = p, C = o };
            }
            else
            {
                int g = IdOf(quad.Graph);
                if (NamedCount == Named.Length) Array.Resize(ref Named, Math.Max(64, Named.Length * 2));
                Named[NamedCount++] = new Key4 { A = s, B = p, C = o, D = g };
            }
        }
    }
}
