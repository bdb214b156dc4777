namespace DihNode.Rdf.Store;

/// <summary>
/// One sorted index of quad keys: an immutable sorted base array plus a small sorted delta of
/// additions (absent from the base) and removals (present in the base). Lookups and counts are binary
/// searches in the three arrays; single updates touch only the delta, which is folded into a new base
/// once it grows past <see cref="DeltaLimit"/>. Base arrays are never written after they are built,
/// so a snapshot can share them; the delta is copied when a frozen state is written to.
/// </summary>
internal sealed class KeyIndex<T> where T : unmanaged, IQuadKey<T>
{
    public KeyIndex(IndexOrder order) => Order = order;

    public IndexOrder Order { get; }

    public T[] Base { get; private set; } = [];
    public int BaseCount { get; private set; }
    public T[] Added { get; private set; } = [];
    public int AddedCount { get; private set; }
    public T[] Removed { get; private set; } = [];
    public int RemovedCount { get; private set; }

    public int Count => BaseCount - RemovedCount + AddedCount;

    /// <summary>
    /// How large the delta may grow before it is folded into the base: about 4·√n (at most 16 Ki), which balances
    /// the per-update shift of the delta against the O(n) merge.
    /// </summary>
    private int DeltaLimit => Math.Clamp(4 * (int)Math.Sqrt(BaseCount), 1024, 16384);

    /// <summary>A copy sharing the base and owning a copy of the delta.</summary>
    public KeyIndex<T> Clone() => new(Order)
    {
        Base = Base,
        BaseCount = BaseCount,
        Added = Added.AsSpan(0, AddedCount).ToArray(),
        AddedCount = AddedCount,
        Removed = Removed.AsSpan(0, RemovedCount).ToArray(),
        RemovedCount = RemovedCount,
    };

    public bool Contains(in T key)
    {
        if (QuadKey.Contains(Added, AddedCount, in key)) return true;
        return QuadKey.Contains(Base, BaseCount, in key) && !QuadKey.Contains(Removed, RemovedCount, in key);
    }

    /// <summary>Exact number of keys starting with the first <paramref name="length"/> components of <paramref name="probe"/>.</summary>
    public int CountPrefix(in T probe, int length)
    {
        if (length == 0) return Count;
        var (bs, be) = QuadKey.Range(Base, BaseCount, in probe, length);
        var (rs, re) = QuadKey.Range(Removed, RemovedCount, in probe, length);
        var (a0, a1) = QuadKey.Range(Added, AddedCount, in probe, length);
        return be - bs - (re - rs) + (a1 - a0);
    }

    public KeyRange<T> Range(in T probe, int length)
    {
        var (bs, be) = QuadKey.Range(Base, BaseCount, in probe, length);
        var (rs, re) = QuadKey.Range(Removed, RemovedCount, in probe, length);
        var (a0, a1) = QuadKey.Range(Added, AddedCount, in probe, length);
        return new KeyRange<T>(Base, bs, be, Removed, rs, re, Added, a0, a1);
    }

    /// <summary>Adds a key the index does not hold. Returns true when the delta should be folded.</summary>
    public bool Insert(in T key)
    {
        int r = QuadKey.LowerBound(Removed, 0, RemovedCount, in key, T.Arity);
        if (r < RemovedCount && QuadKey.Compare(in Removed[r], in key) == 0)
        {
            RemoveAt(Removed, r, RemovedCount);
            RemovedCount--;
            return false;
        }
        int at = QuadKey.LowerBound(Added, 0, AddedCount, in key, T.Arity);
        Added = InsertAt(Added, AddedCount, at, in key);
        AddedCount++;
        return AddedCount + RemovedCount > DeltaLimit;
    }

    /// <summary>Removes a key the index holds. Returns true when the delta should be folded.</summary>
    public bool Delete(in T key)
    {
        int a = QuadKey.LowerBound(Added, 0, AddedCount, in key, T.Arity);
        if (a < AddedCount && QuadKey.Compare(in Added[a], in key) == 0)
        {
            RemoveAt(Added, a, AddedCount);
            AddedCount--;
            return false;
        }
        int at = QuadKey.LowerBound(Removed, 0, RemovedCount, in key, T.Arity);
        Removed = InsertAt(Removed, RemovedCount, at, in key);
        RemovedCount++;
        return AddedCount + RemovedCount > DeltaLimit;
    }

    private static void RemoveAt(T[] keys, int index, int count) =>
        Array.Copy(keys, index + 1, keys, index, count - index - 1);

    private static T[] InsertAt(T[] keys, int count, int index, in T key)
    {
        if (count == keys.Length)
        {
            var grown = new T[Math.Max(16, count * 2)];
            Array.Copy(keys, grown, count);
            keys = grown;
        }
        Array.Copy(keys, index, keys, index + 1, count - index);
        keys[index] = key;
        return keys;
    }

    /// <summary>Folds the delta into a new base array.</summary>
    public void Consolidate()
    {
        if (AddedCount == 0 && RemovedCount == 0) return;
        Base = Merge(Base, BaseCount, Removed, RemovedCount, Added, AddedCount);
        BaseCount = Base.Length;
        Added = [];
        Removed = [];
        AddedCount = RemovedCount = 0;
    }

    /// <summary>
    /// Replaces the contents by (contents − <paramref name="removals"/>) ∪ <paramref name="additions"/>,
    /// both sorted in this index's order; removals must be present and additions absent.
    /// The arrays may be adopted as the new base (the caller must not reuse them).
    /// </summary>
    public void ApplyBulk(T[] removals, int removalCount, T[] additions, int additionCount)
    {
        Consolidate();
        if (removalCount == 0 && BaseCount == 0)
        {
            Base = additions;
            BaseCount = additionCount;
            return;
        }
        Base = Merge(Base, BaseCount, removals, removalCount, additions, additionCount);
        BaseCount = Base.Length;
    }

    /// <summary>(<paramref name="b"/> − <paramref name="r"/>) ∪ <paramref name="a"/>, all sorted; r ⊆ b, a ∩ b = ∅.</summary>
    private static T[] Merge(T[] b, int bn, T[] r, int rn, T[] a, int an)
    {
        var result = GC.AllocateUninitializedArray<T>(bn - rn + an);
        int bi = 0, ri = 0, ai = 0, o = 0;
        while (bi < bn)
        {
            ref readonly T bk = ref b[bi];
            if (ri < rn && QuadKey.Compare(in r[ri], in bk) == 0) { ri++; bi++; continue; }
            while (ai < an && QuadKey.Compare(in a[ai], in bk) < 0) result[o++] = a[ai++];
            result[o++] = bk;
            bi++;
        }
        while (ai < an) result[o++] = a[ai++];
        if (o != result.Length) throw new InvalidOperationException("Index delta out of step with its base.");
        return result;
    }
}

/// <summary>
/// The keys of one index within one prefix range: the base range minus removed keys, merged with the
/// added keys, in key order. A mutable struct cursor; copy it before use.
/// </summary>
internal struct KeyRange<T> where T : unmanaged, IQuadKey<T>
{
    private readonly T[] _base, _removed, _added;
    private int _b, _r, _a;
    private readonly int _bEnd, _rEnd, _aEnd;

    public KeyRange(T[] b, int bs, int be, T[] r, int rs, int re, T[] a, int @as, int ae)
    {
        _base = b; _b = bs; _bEnd = be;
        _removed = r; _r = rs; _rEnd = re;
        _added = a; _a = @as; _aEnd = ae;
        Current = default;
    }

    public T Current;

    public bool MoveNext()
    {
        while (_b < _bEnd)
        {
            ref readonly T bk = ref _base[_b];
            if (_a < _aEnd && QuadKey.Compare(in _added[_a], in bk) < 0)
            {
                Current = _added[_a++];
                return true;
            }
            _b++;
            if (_r < _rEnd && QuadKey.Compare(in _removed[_r], in bk) == 0)
            {
                _r++;
                continue;
            }
            Current = bk;
            return true;
        }
        if (_a < _aEnd)
        {
            Current = _added[_a++];
            return true;
        }
        return false;
    }
}
