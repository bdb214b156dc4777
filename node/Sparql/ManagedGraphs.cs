using DihNode.Node.Registry;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Store;
using DihNode.Vocab.Profile;

namespace DihNode.Node.Sparql;

/// <summary>
/// The graphs the hub registry projects (every graph under <c>{base}/graph/</c>:
/// <see cref="ProfileIris.IsManagedGraph"/>): they follow the registry, so SPARQL Update and the Graph
/// Store Protocol may read them but never change them.
/// </summary>
internal sealed class ManagedGraphs(ProfileIris iris)
{

    public ManagedGraphs(NodeStore store) : this(store.Iris) { }


    public bool Contains(Iri graph) => iris.IsManagedGraph(graph);

    /// <summary>The message of every refusal: which graph, and where its data is changed instead.</summary>
    public static string Refusal(Iri graph) =>
        $"graph <{graph}> is managed by the node's hub registry and cannot be changed by SPARQL Update or the Graph Store Protocol; change hubs through the registry (OData or import)";

    /// <summary>A view of <paramref name="store"/> whose write transactions refuse (throw) any change to a managed graph.</summary>
    public IRdfStore Guard(IRdfStore store) => new GuardedStore(store, this);

    private sealed class GuardedStore(IRdfStore inner, ManagedGraphs managed) : IRdfStore
    {
        public IQuadStore Snapshot() => inner.Snapshot();

        public IStoreTransaction BeginWrite(CancellationToken cancellationToken = default) =>
            new GuardedTransaction(inner.BeginWrite(cancellationToken), managed);

        public void Dispose() { } // the node owns the store
    }

    /// <summary>
    /// Passes every write through after checking its graph. Adding or removing a quad in a managed graph
    /// is refused even when it would change nothing (the request addressed the graph); removing by
    /// pattern is refused only when the pattern matches a quad of a managed graph, so CLEAR ALL on a
    /// node whose managed graphs are empty succeeds.
    /// </summary>
    private sealed class GuardedTransaction : IStoreTransaction
    {
        private readonly IStoreTransaction _inner;
        private readonly ManagedGraphs _managed;
        private readonly Dictionary<int, Iri> _ids = [];

        public GuardedTransaction(IStoreTransaction inner, ManagedGraphs managed)
        {
            _inner = inner;
            _managed = managed;
            foreach (int id in inner.GraphNameIds())
                if (inner.GetTerm(id) is Iri g && managed.Contains(g)) _ids[id] = g;
        }

        public bool TryGetId(Term term, out int id) => _inner.TryGetId(term, out id);

        public Term GetTerm(int id) => _inner.GetTerm(id);

        public QuadCursor Find(in Rdf.Store.QuadPattern pattern) => _inner.Find(pattern);

        public long Count(in Rdf.Store.QuadPattern pattern) => _inner.Count(pattern);

        public IEnumerable<int> GraphNameIds() => _inner.GraphNameIds();

        public int GetOrAddId(Term term)
        {
            int id = _inner.GetOrAddId(term);
            if (term is Iri iri && _managed.Contains(iri)) _ids[id] = iri;
            return id;
        }

        public bool Add(in EncodedQuad quad)
        {
            Check(quad.G);
            return _inner.Add(quad);
        }

        public bool Remove(in EncodedQuad quad)
        {
            Check(quad.G);
            return _inner.Remove(quad);
        }

        public long RemoveAll(in Rdf.Store.QuadPattern pattern)
        {
            foreach (var (id, iri) in _ids)
            {
                var probe = Rdf.Store.QuadPattern.InGraph(id, pattern.S, pattern.P, pattern.O);
                bool inScope = pattern.Scope switch
                {
                    GraphScope.AllGraphs or GraphScope.NamedGraphs => true,
                    GraphScope.Graph => pattern.G == id,
                    _ => false,
                };
                if (inScope && _inner.Count(probe) > 0)
                    throw new ManagedGraphException(iri);
            }
            return _inner.RemoveAll(pattern);
        }

        public (long Removed, long Added) Apply(ReadOnlySpan<EncodedQuad> removals, ReadOnlySpan<EncodedQuad> additions)
        {
            foreach (ref readonly EncodedQuad q in removals) Check(q.G);
            foreach (ref readonly EncodedQuad q in additions) Check(q.G);
            return _inner.Apply(removals, additions);
        }

        public long Load(Action<IQuadSink> produce) => _inner.Load(sink => produce(new CheckingSink(sink, _managed)));

        public void Commit() => _inner.Commit();

        public void Dispose() => _inner.Dispose();

        private void Check(int graph)
        {
            if (_ids.TryGetValue(graph, out Iri? iri)) throw new ManagedGraphException(iri);
        }
    }

    private sealed class CheckingSink(IQuadSink inner, ManagedGraphs managed) : IQuadSink
    {
        public void Add(in Quad quad)
        {
            if (quad.Graph is Iri g && managed.Contains(g)) throw new ManagedGraphException(g);
            inner.Add(quad);
        }

        public void OnPrefix(string prefix, string namespaceIri) => inner.OnPrefix(prefix, namespaceIri);

        public void OnBase(string baseIri) => inner.OnBase(baseIri);
    }
}

/// <summary>A write addressed a managed graph; the request changes nothing and gets 403.</summary>
internal sealed class ManagedGraphException(Iri graph) : Exception(ManagedGraphs.Refusal(graph))
{
    public Iri Graph { get; } = graph;
}
