using System.Runtime.CompilerServices;
using System.Numerics;

namespace DihNode.Rdf.Store;

/// <summary>
/// All indexes of a dataset in one state: SPO, POS, OSP over the default graph and GSPO, GPOS, GOSP,
/// SPOG, POSG, OSPG over the named graphs. Once <see cref="Frozen"/> (handed to a reader) it is never
/// written again: the writer continues on <see cref="CloneForWrite"/>, which shares the base arrays.
/// </summary>
internal sealed class IndexSet
{
    private readonly KeyIndex<Key3>[] _default;
    private readonly KeyIndex<Key4>[] _named;

    public IndexSet()
    {
        _default = Array.ConvertAll(IndexOrder.Default, o => new KeyIndex<Key3>(o));
        _named = Array.ConvertAll(IndexOrder.Named, o => new KeyIndex<Key4>(o));
    }

    private IndexSet(KeyIndex<Key3>[] d, KeyIndex<Key4>[] n)
    {
        _default = d;
        _named = n;
    }

    /// <summary>Set once a reader holds this state; a frozen state is read-only.</summary>
    public bool Frozen { get; set; }

    public long DefaultGraphCount => _default[0].Count;

    public long NamedGraphsCount => _named[0].Count;

    public IndexSet CloneForWrite() => new(Array.ConvertAll(_default, i => i.Clone()), Array.ConvertAll(_named, i => i.Clone()));

    public bool Contains(in EncodedQuad q) =>
        q.G == TermIds.DefaultGraph
            ? _default[0].Contains(IndexOrder.Spo.ToKey3(in q))
            : _named[3].Contains(IndexOrder.Spog.ToKey4(in q));

    /// <summary>Adds a quad; false when it was already there.</summary>
    public bool Add(in EncodedQuad q)
    {
        if (Contains(in q)) return false;
        if (q.G == TermIds.DefaultGraph)
        {
            foreach (var index in _default)
                index.Insert(index.Order.ToKey3(in q));
        }
        else
        {
            foreach (var index in _named)
                index.Insert(index.Order.ToKey4(in q));
        }
        return true;
    }

    /// <summary>Removes a quad; false when it was not there.</summary>
    public bool Remove(in EncodedQuad q)
    {
        if (!Contains(in q)) return false;
        if (q.G == TermIds.DefaultGraph)
        {
            foreach (var index in _default)
                index.Delete(index.Order.ToKey3(in q));
        }
        else
        {
            foreach (var index in _named)
                index.Delete(index.Order.ToKey4(in q));
        }
        return true;
    }

    private static int Mask(in QuadPattern p) =>
        (p.S != 0 ? IndexOrder.BoundS : 0) | (p.P != 0 ? IndexOrder.BoundP : 0) | (p.O != 0 ? IndexOrder.BoundO : 0);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Count(in QuadPattern p)
    {
        if (p.Scope == GraphScope.Graph && p.G == TermIds.DefaultGraph) return Count(p with { Scope = GraphScope.DefaultGraph });
        int mask = Mask(in p);
        var q = new EncodedQuad(p.S, p.P, p.O, p.G);
        long n = 0;
        if (p.Scope is GraphScope.AllGraphs or GraphScope.DefaultGraph)
        {
            var index = _default[IndexOrder.DefaultSlot(mask)];
            n += index.CountPrefix(index.Order.ToKey3(in q), BitOperations.PopCount((uint)mask));
        }
        if (p.Scope != GraphScope.DefaultGraph)
        {
            if (p.Scope == GraphScope.Graph) mask |= IndexOrder.BoundG;
            var index = _named[IndexOrder.NamedSlot(mask)];
            n += index.CountPrefix(index.Order.ToKey4(in q), BitOperations.PopCount((uint)mask));
        }
        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public QuadCursor Find(in QuadPattern p)
    {
        if (p.Scope == GraphScope.Graph && p.G == TermIds.DefaultGraph) return Find(p with { Scope = GraphScope.DefaultGraph });
        int mask = Mask(in p);
        var q = new EncodedQuad(p.S, p.P, p.O, p.G);
        KeyRange<Key3>? d = null;
        KeyRange<Key4>? n = null;
        IndexOrder dOrder = default, nOrder = default;
        if (p.Scope is GraphScope.AllGraphs or GraphScope.DefaultGraph)
        {
            var index = _default[IndexOrder.DefaultSlot(mask)];
            dOrder = index.Order;
            d = index.Range(index.Order.ToKey3(in q), BitOperations.PopCount((uint)mask));
        }
        if (p.Scope != GraphScope.DefaultGraph)
        {
            if (p.Scope == GraphScope.Graph) mask |= IndexOrder.BoundG;
            var index = _named[IndexOrder.NamedSlot(mask)];
            nOrder = index.Order;
            n = index.Range(index.Order.ToKey4(in q), BitOperations.PopCount((uint)mask));
        }
        return new QuadCursor(d, dOrder, n, nOrder);
    }

    /// <summary>The distinct graph ids of the GSPO index, skipping from one graph to the next by binary search.</summary>
    public IEnumerable<int> GraphNameIds()
    {
        var candidates = new SortedSet<int>();
        _named[0].CollectLeading(candidates);
        foreach (int g in candidates)
            if (Count(QuadPattern.InGraph(g)) > 0) yield return g;
    }

    /// <summary>
    /// Applies a batch: <paramref name="removals"/> (present) and <paramref name="additions"/> (absent),
    /// each sorted in SPO (default graph) or SPOG (named) order and free of duplicates; each other
    /// index gets its own re-sorted copy. The arrays are adopted; the optional scratch arrays (free
    /// buffers the caller no longer needs) save the re-sorts an allocation.
    /// </summary>
    public void ApplyBulk(Key3[] defaultRemovals, int defaultRemovalCount, Key3[] defaultAdditions, int defaultAdditionCount,
        Key4[] namedRemovals, int namedRemovalCount, Key4[] namedAdditions, int namedAdditionCount,
        Key3[]? defaultScratch = null, Key4[]? namedScratch = null)
    {
        ApplyFamily(_default, 0, defaultRemovals, defaultRemovalCount, defaultAdditions, defaultAdditionCount, defaultScratch);
        ApplyFamily(_named, 3, namedRemovals, namedRemovalCount, namedAdditions, namedAdditionCount, namedScratch);
    }

    private static void ApplyFamily<T>(KeyIndex<T>[] family, int sourceSlot, T[] removals, int removalCount, T[] additions, int additionCount,
        T[]? scratch) where T : unmanaged, IQuadKey<T>
    {
        if (removalCount == 0 && additionCount == 0) return;
        IndexOrder source = family[sourceSlot].Order;
        for (int slot = 0; slot < family.Length; slot++)
        {
            if (slot == sourceSlot) continue;
            var index = family[slot];
            T[] r = Reorder(removals, removalCount, source, index.Order, ref scratch);
            T[] a = Reorder(additions, additionCount, source, index.Order, ref scratch);
            index.ApplyBulk(r, removalCount, a, additionCount);
        }
        family[sourceSlot].ApplyBulk(removals, removalCount, additions, additionCount);
    }

    private static T[] Reorder<T>(T[] keys, int count, IndexOrder from, IndexOrder to, ref T[]? scratch)
        where T : unmanaged, IQuadKey<T>
    {
        if (count == 0) return [];
        var result = GC.AllocateUninitializedArray<T>(count);
        for (int i = 0; i < count; i++) result[i] = to.Permute(in keys[i], from);
        if (scratch is null || scratch.Length < count) scratch = GC.AllocateUninitializedArray<T>(count);
        T[] sorted = RadixSort.Sort(result, scratch, count);
        if (ReferenceEquals(sorted, scratch)) scratch = result;
        return sorted;
    }
}
