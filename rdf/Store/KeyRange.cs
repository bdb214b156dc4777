using System.Runtime.CompilerServices;
namespace DihNode.Rdf.Store;

/// <summary>
/// The keys of one <see cref="KeyIndex{T}"/> within one prefix range, in key order:
/// ((base − removed1) ∪ added1) − removed0, merged with added0. A mutable struct cursor.
/// </summary>
internal struct KeyRange<T> where T : unmanaged, IQuadKey<T>
{
    private readonly T[]? _base, _removed1, _added1, _removed0, _added0;
    private int _b, _r1, _a1, _r0, _a0;
    private readonly int _bEnd, _r1End, _a1End, _r0End, _a0End;
    private T _next;          // the next key of (base − removed1) ∪ added1 not removed at level 0
    private bool _hasNext, _peeked;
    private readonly bool _baseOnly;  // no delta key falls in the range: the base slice is the answer

    public KeyRange(ArraySegment<T> b, ArraySegment<T> r1, ArraySegment<T> a1, ArraySegment<T> r0, ArraySegment<T> a0)
    {
        (_base, _b, _bEnd) = (b.Array, b.Offset, b.Offset + b.Count);
        (_removed1, _r1, _r1End) = (r1.Array, r1.Offset, r1.Offset + r1.Count);
        (_added1, _a1, _a1End) = (a1.Array, a1.Offset, a1.Offset + a1.Count);
        (_removed0, _r0, _r0End) = (r0.Array, r0.Offset, r0.Offset + r0.Count);
        (_added0, _a0, _a0End) = (a0.Array, a0.Offset, a0.Offset + a0.Count);
        _baseOnly = r1.Count == 0 && a1.Count == 0 && r0.Count == 0 && a0.Count == 0;
    }

    public T Current;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool MoveNext()
    {
        if (_baseOnly)
        {
            // After a bulk load the deltas are empty: a plain walk over the base slice.
            if (_b >= _bEnd) return false;
            Current = _base![_b++];
            return true;
        }
        if (!_peeked)
        {
            _hasNext = NextLevel1(out _next);
            _peeked = true;
        }
        if (_hasNext && (_a0 >= _a0End || QuadKey.Compare(in _next, in _added0![_a0]) < 0))
        {
            Current = _next;
            _peeked = false;
            return true;
        }
        if (_a0 < _a0End)
        {
            Current = _added0![_a0++];
            return true;
        }
        return false;
    }

    /// <summary>The next key of (base − removed1) ∪ added1 that level 0 did not remove.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool NextLevel1(out T key)
    {
        while (true)
        {
            bool hasBase = _b < _bEnd, hasAdded = _a1 < _a1End;
            if (!hasBase && !hasAdded)
            {
                key = default;
                return false;
            }
            if (hasBase && (!hasAdded || QuadKey.Compare(in _base![_b], in _added1![_a1]) < 0))
            {
                key = _base![_b++];
                if (Skip(_removed1, ref _r1, _r1End, in key)) continue;
            }
            else
            {
                key = _added1![_a1++];
            }
            if (Skip(_removed0, ref _r0, _r0End, in key)) continue;
            return true;
        }
    }

    /// <summary>Advances through a sorted removal list; true when it holds <paramref name="key"/>.</summary>
    private static bool Skip(T[]? removed, ref int i, int end, in T key)
    {
        while (i < end && QuadKey.Compare(in removed![i], in key) < 0) i++;
        if (i < end && QuadKey.Compare(in removed![i], in key) == 0)
        {
            i++;
            return true;
        }
        return false;
    }
}
