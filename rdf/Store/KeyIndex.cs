using System.Runtime.CompilerServices;
namespace DihNode.Rdf.Store;

/// <summary>
/// One sorted index of quad keys, as a small log-structured merge: an immutable sorted base array;
/// an immutable level-1 delta of additions (absent from the base) and removals (present in it);
/// and a small mutable level-0 delta of the same kind over (base + level 1). Lookups and counts are
/// binary searches in the five arrays. A single update shifts at most <see cref="Level0Limit"/> keys;
/// level 0 is folded into a new level 1 when full, and level 1 into a new base when it outgrows
/// <see cref="Level1Limit"/>: an update costs a shift of at most 256 keys plus, amortised, a
/// 1/256 share of a level-1 rewrite and a 1/65536 share of a base rewrite, never O(n) on its own.
/// Only level 0 is written in place, so a copy for a snapshot shares everything else.
/// </summary>
internal sealed class KeyIndex<T> where T : unmanaged, IQuadKey<T>
{
    private const int Level0Limit = 256;

    public KeyIndex(IndexOrder order) => Order = order;

    public IndexOrder Order { get; }

    private T[] _base = [];
    private int _baseCount;
    private T[] _added1 = [], _removed1 = [];
    private T[] _added0 = new T[16], _removed0 = new T[16];
    private int _added0Count, _removed0Count;

    public int Count => _baseCount - _removed1.Length + _added1.Length - _removed0Count + _added0Count;

    /// <summary>Level 1 is folded into the base past 1/16 of it (at least 4 Ki, at most 64 Ki keys).</summary>
    private int Level1Limit => Math.Clamp(_baseCount / 16, 4096, 65536);

    /// <summary>A copy sharing the base and level 1, owning a copy of level 0.</summary>
    public KeyIndex<T> Clone() => new(Order)
    {
        _base = _base,
        _baseCount = _baseCount,
        _added1 = _added1,
        _removed1 = _removed1,
        _added0 = (T[])_added0.Clone(),
        _added0Count = _added0Count,
        _removed0 = (T[])_removed0.Clone(),
        _removed0Count = _removed0Count,
    };

    public bool Contains(in T key)
    {
        if (QuadKey.Contains(_added0, _added0Count, in key)) return true;
        if (QuadKey.Contains(_removed0, _removed0Count, in key)) return false;
        if (QuadKey.Contains(_added1, _added1.Length, in key)) return true;
        return QuadKey.Contains(_base, _baseCount, in key) && !QuadKey.Contains(_removed1, _removed1.Length, in key);
    }

    /// <summary>Exact number of keys starting with the first <paramref name="length"/> components of <paramref name="probe"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int CountPrefix(in T probe, int length)
    {
        if (length == 0) return Count;
        return Width(_base, _baseCount, in probe, length)
            - Width(_removed1, _removed1.Length, in probe, length) + Width(_added1, _added1.Length, in probe, length)
            - Width(_removed0, _removed0Count, in probe, length) + Width(_added0, _added0Count, in probe, length);
    }

    private static int Width(T[] keys, int count, in T probe, int length)
    {
        if (count == 0) return 0;
        var (start, end) = QuadKey.Range(keys, count, in probe, length);
        return end - start;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public KeyRange<T> Range(in T probe, int length) => new(
        Slice(_base, _baseCount, in probe, length),
        Slice(_removed1, _removed1.Length, in probe, length),
        Slice(_added1, _added1.Length, in probe, length),
        Slice(_removed0, _removed0Count, in probe, length),
        Slice(_added0, _added0Count, in probe, length));

    private static ArraySegment<T> Slice(T[] keys, int count, in T probe, int length)
    {
        var (start, end) = QuadKey.Range(keys, count, in probe, length);
        return new ArraySegment<T>(keys, start, end - start);
    }

    /// <summary>Adds the distinct first components of the keys (base and additions) to <paramref name="into"/>.</summary>
    public void CollectLeading(SortedSet<int> into)
    {
        Collect(_base, _baseCount, into);
        Collect(_added1, _added1.Length, into);
        Collect(_added0, _added0Count, into);

        static void Collect(T[] keys, int count, SortedSet<int> into)
        {
            for (int i = 0; i < count; i = QuadKey.UpperBound(keys, i, count, in keys[i], 1))
                into.Add(QuadKey.Get(in keys[i], 0));
        }
    }

    /// <summary>Adds a key the index does not hold.</summary>
    public void Insert(in T key)
    {
        if (!TryRemove(_removed0, ref _removed0Count, in key)) InsertSorted(ref _added0, ref _added0Count, in key);
        AfterUpdate();
    }

    /// <summary>Removes a key the index holds.</summary>
    public void Delete(in T key)
    {
        if (!TryRemove(_added0, ref _added0Count, in key)) InsertSorted(ref _removed0, ref _removed0Count, in key);
        AfterUpdate();
    }

    private void AfterUpdate()
    {
        if (_added0Count + _removed0Count <= Level0Limit) return;
        FoldLevel0();
        if (_added1.Length + _removed1.Length > Level1Limit) FoldLevel1();
    }

    private static bool TryRemove(T[] keys, ref int count, in T key)
    {
        int i = QuadKey.LowerBound(keys, 0, count, in key, T.Arity);
        if (i == count || QuadKey.Compare(in keys[i], in key) != 0) return false;
        Array.Copy(keys, i + 1, keys, i, count - i - 1);
        count--;
        return true;
    }

    private static void InsertSorted(ref T[] keys, ref int count, in T key)
    {
        int i = QuadKey.LowerBound(keys, 0, count, in key, T.Arity);
        if (count == keys.Length) Array.Resize(ref keys, count * 2);
        Array.Copy(keys, i, keys, i + 1, count - i);
        keys[i] = key;
        count++;
    }

    /// <summary>
    /// Level 0 into a new level 1: a key added at level 0 was either removed at level 1 (then it is
    /// simply no longer removed) or is new; a key removed at level 0 was either added at level 1
    /// (then it is no longer added) or comes from the base.
    /// </summary>
    private void FoldLevel0()
    {
        var added0 = new ReadOnlySpan<T>(_added0, 0, _added0Count);
        var removed0 = new ReadOnlySpan<T>(_removed0, 0, _removed0Count);
        T[] added1 = SortedSets.Union(SortedSets.Except(_added1, removed0), SortedSets.Except(added0, _removed1));
        T[] removed1 = SortedSets.Union(SortedSets.Except(_removed1, added0), SortedSets.Except(removed0, _added1));
        _added1 = added1;
        _removed1 = removed1;
        _added0Count = _removed0Count = 0;
    }

    /// <summary>Level 1 into a new base.</summary>
    private void FoldLevel1()
    {
        if (_added1.Length == 0 && _removed1.Length == 0) return;
        _base = SortedSets.Merge(_base, _baseCount, _removed1, _removed1.Length, _added1, _added1.Length);
        _baseCount = _base.Length;
        _added1 = [];
        _removed1 = [];
    }

    /// <summary>Folds both deltas into a new base.</summary>
    public void Consolidate()
    {
        if (_added0Count + _removed0Count > 0) FoldLevel0();
        FoldLevel1();
    }

    /// <summary>
    /// Replaces the contents by (contents − <paramref name="removals"/>) ∪ <paramref name="additions"/>,
    /// both sorted in this index's order; removals must be present and additions absent.
    /// The arrays may be adopted as the new base (the caller must not reuse them).
    /// </summary>
    public void ApplyBulk(T[] removals, int removalCount, T[] additions, int additionCount)
    {
        Consolidate();
        if (removalCount == 0 && _baseCount == 0)
        {
            _base = additions;
            _baseCount = additionCount;
            return;
        }
        _base = SortedSets.Merge(_base, _baseCount, removals, removalCount, additions, additionCount);
        _baseCount = _base.Length;
    }
}
