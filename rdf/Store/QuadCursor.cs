using System.Diagnostics;
using System.Runtime.CompilerServices;
namespace DihNode.Rdf.Store;

/// <summary>
/// The quads matching a <see cref="QuadPattern"/>: a struct enumerator over at most two index ranges
/// (the default graph's and the named graphs'). Use it with <c>foreach</c> or
/// <see cref="MoveNext"/>/<see cref="Current"/>; it allocates nothing. <see cref="DistinctTriples"/>
/// turns it into the triples of the merge of the graphs it ranges over, each once.
/// </summary>
public struct QuadCursor
{
    private KeyRange<Key3> _default;
    private KeyRange<Key4> _named;
    private readonly IndexOrder _defaultOrder, _namedOrder;
    private readonly bool _hasDefault, _hasNamed;
    private bool _inNamed;

    // DistinctTriples: both ranges are read side by side (_defaultReady / _namedReady: their Current
    // is the next key not yet returned) and merged in key order; Current is the triple returned last.
    // The plain path below is switched off for them (_inNamed set, _hasNamed cleared): it costs
    // ordinary cursors one test per range, not one per quad.
    private readonly bool _distinct, _mergeDefault, _mergeNamed;
    private bool _defaultReady, _namedReady, _started;

    // MergeGraphs: one cursor per graph (kept out of line: the common cursors stay small to copy).
    private readonly GraphMerge? _merge;

    /// <summary>The graphs' cursors (each in <see cref="TripleOrder"/>); the first <see cref="Live"/> have a quad not yet returned, keyed in <see cref="Keys"/>.</summary>
    private sealed class GraphMerge(QuadCursor[] parts, IndexOrder tripleOrder)
    {
        public readonly QuadCursor[] Parts = parts;
        public readonly Key3[] Keys = new Key3[parts.Length];
        public readonly IndexOrder TripleOrder = tripleOrder;
        public int Live;
    }

    internal QuadCursor(KeyRange<Key3>? defaultRange, IndexOrder defaultOrder, KeyRange<Key4>? namedRange, IndexOrder namedOrder)
    {
        _hasDefault = defaultRange.HasValue;
        _default = defaultRange.GetValueOrDefault();
        _defaultOrder = defaultOrder;
        _hasNamed = namedRange.HasValue;
        _named = namedRange.GetValueOrDefault();
        _namedOrder = namedOrder;
        _inNamed = !_hasDefault;
        Current = default;
    }

    private QuadCursor(QuadCursor source)
    {
        this = source;
        _distinct = true;
        (_mergeDefault, _mergeNamed) = (source._hasDefault, source._hasNamed);
        (_inNamed, _hasNamed) = (true, false);
        _defaultReady = _namedReady = _started = false;
        Current = default;
        // Merging the two ranges key by key needs the named index to list S, P, O as the default one does, then G.
        Debug.Assert(!_mergeDefault || !_mergeNamed || (_namedOrder.S == _defaultOrder.S && _namedOrder.P == _defaultOrder.P
            && _namedOrder.O == _defaultOrder.O && _namedOrder.G == 3));
    }

    private QuadCursor(QuadCursor[] parts, IndexOrder tripleOrder)
    {
        this = default;
        _distinct = true;
        _inNamed = true;
        _merge = new GraphMerge(parts, tripleOrder);
    }

    /// <summary>The current quad (valid after <see cref="MoveNext"/> returned true).</summary>
    public EncodedQuad Current { get; private set; }

    /// <summary>
    /// The triples matching (s, p, o; 0 leaves a position open) in the RDF merge of
    /// <paramref name="graphs"/> (<see cref="TermIds.DefaultGraph"/> for the default graph), as
    /// <see cref="DistinctTriples"/> gives them: each once, G = 0, in index order. Each graph's range
    /// comes in the same order of S, P, O (its index lists G first, then as the default graph's
    /// does), so the ranges are merged in key order and a repeat is skipped: memory O(graphs),
    /// time O(matches × graphs). SPARQL's FROM clauses (Query §13.2) make such a default graph.
    /// Unlike other cursors, copies of a merged cursor share their position: enumerate one copy only.
    /// </summary>
    public static QuadCursor MergeGraphs(IQuadStore store, IReadOnlyList<int> graphs, int s = 0, int p = 0, int o = 0)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(graphs);
        var parts = new QuadCursor[graphs.Count];
        for (int i = 0; i < parts.Length; i++) parts[i] = store.Find(QuadPattern.InGraph(graphs[i], s, p, o));
        int mask = (s != 0 ? IndexOrder.BoundS : 0) | (p != 0 ? IndexOrder.BoundP : 0) | (o != 0 ? IndexOrder.BoundO : 0);
        return new QuadCursor(parts, IndexOrder.Default[IndexOrder.DefaultSlot(mask)]);
    }

    /// <summary>
    /// The same matches as triples of one graph, the RDF merge of the graphs the pattern ranges over
    /// (https://www.w3.org/TR/rdf11-mt/#shared-blank-nodes-unions-and-merges; blank nodes are shared
    /// across a dataset's graphs, so the merge is the set union): each (S, P, O) once, however many
    /// graphs hold it, with G = <see cref="TermIds.DefaultGraph"/>. For a not yet started cursor of
    /// <see cref="QuadPattern.InAllGraphs"/> this is SPARQL's union default graph. In O(1) memory:
    /// the named-graph indexes a pattern without a graph uses (SPOG, POSG, OSPG) list a triple's
    /// graphs next to each other, and the default graph's (SPO, POS, OSP) list triples in the same
    /// order, so the two ranges are merged and a triple equal to the one before is skipped. The
    /// triples come in that index order (sorted by the components the index lists first).
    /// </summary>
    public readonly QuadCursor DistinctTriples() => _distinct ? this : new(this);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool MoveNext()
    {
        if (!_inNamed)
        {
            if (_default.MoveNext())
            {
                Current = _defaultOrder.ToQuad(in _default.Current);
                return true;
            }
            _inNamed = true;
        }
        if (_hasNamed && _named.MoveNext())
        {
            Current = _namedOrder.ToQuad(in _named.Current);
            return true;
        }
        return _distinct && MoveNextDistinct();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool MoveNextDistinct()
    {
        if (_merge is not null) return MoveNextMerged();
        if (!_started)
        {
            _defaultReady = _mergeDefault && _default.MoveNext();
            _namedReady = _mergeNamed && _named.MoveNext();
            _started = true;
        }
        while (_defaultReady || _namedReady)
        {
            EncodedQuad q;
            if (_defaultReady && (!_namedReady || CompareTriple(in _default.Current, in _named.Current) <= 0))
            {
                q = _defaultOrder.ToQuad(in _default.Current);
                _defaultReady = _default.MoveNext();
            }
            else
            {
                q = _namedOrder.ToQuad(in _named.Current) with { G = TermIds.DefaultGraph };
                _namedReady = _named.MoveNext();
            }
            if (q == Current) continue; // S, P, O are never 0: the initial Current matches nothing
            Current = q;
            return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool MoveNextMerged()
    {
        GraphMerge m = _merge!;
        QuadCursor[] parts = m.Parts;
        Key3[] keys = m.Keys;
        if (!_started)
        {
            for (int i = 0; i < parts.Length; i++)
            {
                if (!parts[i].MoveNext()) continue;
                parts[m.Live] = parts[i];
                keys[m.Live] = m.TripleOrder.ToKey3(parts[m.Live].Current);
                m.Live++;
            }
            _started = true;
        }
        while (m.Live > 0)
        {
            int best = 0;
            for (int i = 1; i < m.Live; i++)
                if (QuadKey.Compare(in keys[i], in keys[best]) < 0) best = i;
            EncodedQuad q = parts[best].Current with { G = TermIds.DefaultGraph };
            if (parts[best].MoveNext()) keys[best] = m.TripleOrder.ToKey3(parts[best].Current);
            else
            {
                // Exhausted: the last live cursor takes its place.
                int last = --m.Live;
                parts[best] = parts[last];
                keys[best] = keys[last];
            }
            if (q == Current) continue;
            Current = q;
            return true;
        }
        return false;
    }

    /// <summary>Compares a default-graph key with the first three components of a named-graph key of the same order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CompareTriple(in Key3 d, in Key4 n)
    {
        if (d.A != n.A) return d.A < n.A ? -1 : 1;
        if (d.B != n.B) return d.B < n.B ? -1 : 1;
        if (d.C != n.C) return d.C < n.C ? -1 : 1;
        return 0;
    }

    public readonly QuadCursor GetEnumerator() => this;

    /// <summary>Copies the remaining matches into a list (for tests and small results).</summary>
    public List<EncodedQuad> ToList()
    {
        var list = new List<EncodedQuad>();
        while (MoveNext()) list.Add(Current);
        return list;
    }
}
