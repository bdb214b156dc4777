using DihNode.Rdf.Io;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Store;

/// <summary>
/// An in-memory RDF dataset (https://www.w3.org/TR/rdf11-concepts/#section-dataset): a default graph
/// and named graphs, stored as dictionary-encoded quads in sorted indexes. Writers are serialised;
/// readers never wait for a bulk load and see one consistent state per call, or across calls
/// through <see cref="Snapshot"/>. Term ids are stable for the dataset's lifetime (terms are never
/// dropped from the dictionary, even when their last quad goes).
/// </summary>
public sealed partial class MemoryDataset : IQuadStore, IRdfStore, ITermText
{
    /// <summary>The one writer: a direct write or a transaction (a semaphore, since a transaction may move between threads).</summary>
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly object _stateLock = new();
    private readonly TermDictionary _terms = new();
    private IndexSet _state = new();
    private long _version;

    /// <summary>
    /// A number that grows with every change of the published state (each commit, load or direct write;
    /// possibly also for a write that changed nothing): equal numbers mean the same data, so a reader can
    /// key a cache on it. Read it before <see cref="Snapshot"/>: the snapshot is then at least as new.
    /// </summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>The number of quads in all graphs.</summary>
    public long QuadCount { get { var s = Acquire(); return s.DefaultGraphCount + s.NamedGraphsCount; } }

    /// <summary>The number of triples in the default graph.</summary>
    public long DefaultGraphCount => Acquire().DefaultGraphCount;

    /// <summary>The number of distinct terms the dictionary holds.</summary>
    public int TermCount => _terms.Count;

    /// <summary>A read-only view of the current state that later writes leave unchanged. Cheap: shares the indexes.</summary>
    public IQuadStore Snapshot() => new DatasetSnapshot(_terms, Acquire());

    /// <summary>The current state, frozen so the writer will not change it under the caller.</summary>
    private IndexSet Acquire()
    {
        lock (_stateLock)
        {
            _state.Frozen = true;
            return _state;
        }
    }

    /// <summary>The state a writer may change (hold both locks).</summary>
    private IndexSet Writable()
    {
        Interlocked.Increment(ref _version);
        if (_state.Frozen) _state = _state.CloneForWrite();
        return _state;
    }

    /// <summary>Publishes <paramref name="next"/> as the current state (hold <see cref="_stateLock"/>).</summary>
    private void Publish(IndexSet next)
    {
        Interlocked.Increment(ref _version);
        _state = next;
    }

    public bool TryGetId(Term term, out int id) => _terms.TryGetId(term, out id);

    public Term GetTerm(int id) => _terms.GetTerm(id);

    /// <summary>The id of <paramref name="term"/>, adding it to the dictionary when new.</summary>
    public int GetOrAddId(Term term)
    {
        using (EnterWriter()) return _terms.GetOrAdd(term);
    }

    public QuadCursor Find(in QuadPattern pattern) => Acquire().Find(in pattern);

    bool ITermText.TryGetStringLiteral(int id, out ReadOnlySpan<byte> utf8) => _terms.TryGetStringLiteral(id, out utf8);

    public long Count(in QuadPattern pattern) => Acquire().Count(in pattern);

    public IEnumerable<int> GraphNameIds() => Acquire().GraphNameIds();

    /// <summary>The names of the non-empty named graphs.</summary>
    public IEnumerable<NamedOrBlankNode> GraphNames()
    {
        foreach (int id in GraphNameIds()) yield return (NamedOrBlankNode)_terms.GetTerm(id);
    }

    /// <summary>Adds an encoded quad (ids from <see cref="GetOrAddId"/>); false when already present.</summary>
    public bool Add(in EncodedQuad quad)
    {
        CheckIds(in quad);
        using (EnterDirectWriter())
        lock (_stateLock)
            return Writable().Add(in quad);
    }

    /// <summary>Removes an encoded quad; false when absent.</summary>
    public bool Remove(in EncodedQuad quad)
    {
        using (EnterDirectWriter())
        lock (_stateLock)
            return Writable().Remove(in quad);
    }

    public bool Contains(in EncodedQuad quad) => Acquire().Contains(in quad);

    public bool Add(in Quad quad)
    {
        using (EnterDirectWriter())
        {
            var encoded = Encode(in quad);
            lock (_stateLock) return Writable().Add(in encoded);
        }
    }

    public bool Remove(in Quad quad) => TryEncode(in quad, out var encoded) && Remove(in encoded);

    public bool Contains(in Quad quad) => TryEncode(in quad, out var encoded) && Contains(in encoded);

    /// <summary>Removes every quad (the dictionary keeps its terms, so ids stay valid).</summary>
    public void Clear()
    {
        using (EnterDirectWriter())
        lock (_stateLock)
            Publish(new IndexSet());
    }

    /// <summary>Every quad, decoded, from one consistent state.</summary>
    public IEnumerable<Quad> Quads()
    {
        var cursor = Find(QuadPattern.InAllGraphs());
        while (cursor.MoveNext()) yield return Decode(cursor.Current);
    }

    /// <summary>The quad an encoded quad stands for.</summary>
    public Quad Decode(in EncodedQuad q) => new(
        (NamedOrBlankNode)_terms.GetTerm(q.S), (Iri)_terms.GetTerm(q.P), _terms.GetTerm(q.O),
        q.G == TermIds.DefaultGraph ? null : (NamedOrBlankNode)_terms.GetTerm(q.G));

    /// <summary>A sink that adds each quad as it comes (not atomic; see <see cref="Load"/>).</summary>
    public IQuadSink AsSink() => new AddingSink(this);

    private EncodedQuad Encode(in Quad q) => new(
        _terms.GetOrAdd(q.Subject), _terms.GetOrAdd(q.Predicate), _terms.GetOrAdd(q.Object),
        q.Graph is null ? TermIds.DefaultGraph : _terms.GetOrAdd(q.Graph));

    private bool TryEncode(in Quad q, out EncodedQuad encoded)
    {
        encoded = default;
        int g = TermIds.DefaultGraph;
        if (!_terms.TryGetId(q.Subject, out int s) || !_terms.TryGetId(q.Predicate, out int p)
            || !_terms.TryGetId(q.Object, out int o) || (q.Graph is not null && !_terms.TryGetId(q.Graph, out g)))
            return false;
        encoded = new EncodedQuad(s, p, o, g);
        return true;
    }

    private void CheckIds(in EncodedQuad q)
    {
        int max = _terms.Count;
        if (q.S <= 0 || q.P <= 0 || q.O <= 0 || q.G < 0 || q.S > max || q.P > max || q.O > max || q.G > max)
            throw new ArgumentException($"Quad {q} holds an id the dictionary never gave.", nameof(q));
    }

    private sealed class AddingSink(MemoryDataset dataset) : IQuadSink
    {
        public void Add(in Quad quad) => dataset.Add(in quad);
    }
}

/// <summary>A frozen state of a <see cref="MemoryDataset"/> with its (append-only) dictionary.</summary>
internal sealed class DatasetSnapshot(TermDictionary terms, IndexSet state) : IQuadStore, ITermText
{
    public bool TryGetId(Term term, out int id) => terms.TryGetId(term, out id);

    public Term GetTerm(int id) => terms.GetTerm(id);

    public QuadCursor Find(in QuadPattern pattern) => state.Find(in pattern);

    bool ITermText.TryGetStringLiteral(int id, out ReadOnlySpan<byte> utf8) => terms.TryGetStringLiteral(id, out utf8);

    public long Count(in QuadPattern pattern) => state.Count(in pattern);

    public IEnumerable<int> GraphNameIds() => state.GraphNameIds();
}
