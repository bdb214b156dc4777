using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DihNode.Rdf.Store;

namespace DihNode.Rdf.Sparql.Evaluation;

/// <summary>
/// The build side of a hash join inside a basic graph pattern: one pattern's whole range (its
/// constants only), scanned once and grouped by the ids at the positions the outer rows supply. A
/// probe then costs one hash lookup instead of one index seek per outer row.
/// </summary>
/// <remarks>
/// Each key's quads keep the order of the range scan, so a probe yields exactly the quads a seek with
/// those positions bound would have found (a multiset: duplicates and all).
/// </remarks>
internal sealed class PatternIndex
{
    private readonly Dictionary<long, Slice>? _slices;
    private readonly EncodedQuad[] _quads;
    private readonly bool _s, _p, _o;

    // Dense form, for one keyed position whose ids lie close together: the quads of key k start at
    // _starts[k - _min] and end where the next key's start.
    private readonly int[]? _starts;
    private readonly long _min;

    /// <summary>How much longer than the number of quads the id span of a dense index may be.</summary>
    private const long DenseSpanPerQuad = 16;

    private struct Slice
    {
        public int Start;
        public int Count;
        public int Placed;
    }

    private PatternIndex(EncodedQuad[] quads, Dictionary<long, Slice>? slices, int[]? starts, long min, bool s, bool p, bool o)
    {
        _quads = quads;
        _slices = slices;
        _starts = starts;
        _min = min;
        _s = s;
        _p = p;
        _o = o;
    }

    /// <summary>Builds the index from <paramref name="range"/>, keyed on the positions flagged true.</summary>
    public static PatternIndex Build(ScanCursor range, int sizeHint, bool s, bool p, bool o)
    {
        var quads = new List<EncodedQuad>(sizeHint);
        long min = long.MaxValue, max = long.MinValue;
        while (range.MoveNext())
        {
            EncodedQuad q = range.Current;
            quads.Add(q);
            long key = Key(q.S, q.P, q.O, s, p, o);
            min = Math.Min(min, key);
            max = Math.Max(max, key);
        }
        var grouped = new EncodedQuad[quads.Count];
        bool single = (s ? 1 : 0) + (p ? 1 : 0) + (o ? 1 : 0) == 1;
        if (quads.Count > 0 && single && max - min < DenseSpanPerQuad * quads.Count + 1024)
        {
            // A stable counting sort on the key: counts, running ends, then placed from the back.
            int span = (int)(max - min + 1);
            var starts = new int[span + 1];
            foreach (EncodedQuad q in quads) starts[Key(q.S, q.P, q.O, s, p, o) - min]++;
            for (int k = 1; k < span; k++) starts[k] += starts[k - 1];
            starts[span] = quads.Count;
            for (int i = quads.Count - 1; i >= 0; i--)
            {
                EncodedQuad q = quads[i];
                grouped[--starts[Key(q.S, q.P, q.O, s, p, o) - min]] = q;
            }
            return new PatternIndex(grouped, null, starts, min, s, p, o);
        }
        var slices = new Dictionary<long, Slice>(quads.Count);
        foreach (EncodedQuad q in quads)
            CollectionsMarshal.GetValueRefOrAddDefault(slices, Key(q.S, q.P, q.O, s, p, o), out _).Count++;
        int next = 0;
        foreach (EncodedQuad q in quads)
        {
            ref Slice slice = ref CollectionsMarshal.GetValueRefOrNullRef(slices, Key(q.S, q.P, q.O, s, p, o));
            if (slice.Placed == 0)
            {
                slice.Start = next;
                next += slice.Count;
            }
            grouped[slice.Start + slice.Placed++] = q;
        }
        return new PatternIndex(grouped, slices, null, 0, s, p, o);
    }

    /// <summary>The quads whose keyed positions hold these ids (the other arguments are ignored).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ScanCursor Probe(int s, int p, int o)
    {
        long key = Key(s, p, o, _s, _p, _o);
        if (_starts is not null)
        {
            long k = key - _min;
            if (k < 0 || k >= _starts.Length - 1) return ScanCursor.Empty;
            int start = _starts[k];
            return new ScanCursor(_quads, start, _starts[k + 1] - start);
        }
        return _slices!.TryGetValue(key, out Slice slice) ? new ScanCursor(_quads, slice.Start, slice.Count) : ScanCursor.Empty;
    }

    /// <summary>The keyed ids packed in one long (at most two positions are keyed; see <see cref="CanKey"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Key(int s, int p, int o, bool keyS, bool keyP, bool keyO)
    {
        long key = 0;
        if (keyS) key = (uint)s;
        if (keyP) key = (key << 32) | (uint)p;
        if (keyO) key = (key << 32) | (uint)o;
        return key;
    }

    /// <summary>Whether a key over these positions fits the index (one or two positions).</summary>
    public static bool CanKey(bool s, bool p, bool o)
    {
        int n = (s ? 1 : 0) + (p ? 1 : 0) + (o ? 1 : 0);
        return n is 1 or 2;
    }
}
