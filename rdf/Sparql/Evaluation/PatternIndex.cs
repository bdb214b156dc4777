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
    private readonly Dictionary<long, Slice> _slices;
    private readonly EncodedQuad[] _quads;
    private readonly bool _s, _p, _o;

    private struct Slice
    {
        public int Start;
        public int Count;
        public int Placed;
    }

    private PatternIndex(EncodedQuad[] quads, Dictionary<long, Slice> slices, bool s, bool p, bool o)
    {
        _quads = quads;
        _slices = slices;
        _s = s;
        _p = p;
        _o = o;
    }

    /// <summary>Builds the index from <paramref name="range"/>, keyed on the positions flagged true.</summary>
    public static PatternIndex Build(ScanCursor range, int sizeHint, bool s, bool p, bool o)
    {
        var quads = new List<EncodedQuad>(sizeHint);
        var slices = new Dictionary<long, Slice>();
        while (range.MoveNext())
        {
            EncodedQuad q = range.Current;
            quads.Add(q);
            CollectionsMarshal.GetValueRefOrAddDefault(slices, Key(q.S, q.P, q.O, s, p, o), out _).Count++;
        }
        var grouped = new EncodedQuad[quads.Count];
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
        return new PatternIndex(grouped, slices, s, p, o);
    }

    /// <summary>The quads whose keyed positions hold these ids (the other arguments are ignored).</summary>
    public ScanCursor Probe(int s, int p, int o) =>
        _slices.TryGetValue(Key(s, p, o, _s, _p, _o), out Slice slice)
            ? new ScanCursor(_quads, slice.Start, slice.Count)
            : ScanCursor.Empty;

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
