using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Store;

namespace DihNode.Node.Sparql;

/// <summary>
/// A view of a store whose write transactions ask <c>refusal</c> about the graph of every change before
/// passing it on: null lets it through, an exception is thrown and, since nothing commits the transaction
/// then, the whole request is rolled back (SPARQL 1.1 Update §3: an update request is atomic). The graph is
/// its name, or null for the default graph. This is how <see cref="ManagedGraphs.Guard"/> refuses a change to a
/// managed graph or, for a credential scoped to graph IRI prefixes, to a graph out of scope while the update
/// runs, when the graphs a template's <c>GRAPH ?var</c> names are known.
/// </summary>
internal sealed class GuardedStore(IRdfStore inner, Func<NamedOrBlankNode?, Exception?> refusal) : IRdfStore
{
    public IQuadStore Snapshot() => inner.Snapshot();

    public IStoreTransaction BeginWrite(CancellationToken cancellationToken = default) =>
        new GuardedTransaction(inner.BeginWrite(cancellationToken), refusal);

    public void Dispose() { } // the node owns the store

    /// <summary>
    /// Passes every write through after checking its graph. Adding or removing a quad is refused even when it
    /// would change nothing (the request addressed the graph); removing by pattern is refused only when the
    /// pattern matches a quad of a refused graph, so CLEAR ALL on a node whose managed graphs are empty succeeds.
    /// </summary>
    private sealed class GuardedTransaction(IStoreTransaction inner, Func<NamedOrBlankNode?, Exception?> refusal) : IStoreTransaction
    {
        /// <summary>Per graph id, whether writes to it pass (the answer of <c>refusal</c> for that graph never changes).</summary>
        private readonly Dictionary<int, bool> _allowed = [];

        public bool TryGetId(Term term, out int id) => inner.TryGetId(term, out id);

        public Term GetTerm(int id) => inner.GetTerm(id);

        public QuadCursor Find(in QuadPattern pattern) => inner.Find(pattern);

        public long Count(in QuadPattern pattern) => inner.Count(pattern);

        public IEnumerable<int> GraphNameIds() => inner.GraphNameIds();

        public int GetOrAddId(Term term) => inner.GetOrAddId(term);

        public bool Add(in EncodedQuad quad)
        {
            Check(quad.G);
            return inner.Add(quad);
        }

        public bool Remove(in EncodedQuad quad)
        {
            Check(quad.G);
            return inner.Remove(quad);
        }

        public long RemoveAll(in QuadPattern pattern)
        {
            IEnumerable<int> graphs = pattern.Scope switch
            {
                GraphScope.Graph => [pattern.G],
                GraphScope.DefaultGraph => [TermIds.DefaultGraph],
                GraphScope.NamedGraphs => [.. inner.GraphNameIds()],
                _ => [TermIds.DefaultGraph, .. inner.GraphNameIds()],
            };
            foreach (int id in graphs)
                if (Refusal(id) is { } refused && inner.Count(QuadPattern.InGraph(id, pattern.S, pattern.P, pattern.O)) > 0)
                    throw refused;
            return inner.RemoveAll(pattern);
        }

        public (long Removed, long Added) Apply(ReadOnlySpan<EncodedQuad> removals, ReadOnlySpan<EncodedQuad> additions)
        {
            foreach (ref readonly EncodedQuad q in removals) Check(q.G);
            foreach (ref readonly EncodedQuad q in additions) Check(q.G);
            return inner.Apply(removals, additions);
        }

        public long Load(Action<IQuadSink> produce) => inner.Load(sink => produce(new CheckingSink(sink, refusal)));

        public void Commit() => inner.Commit();

        public void Dispose() => inner.Dispose();

        private void Check(int graph)
        {
            if (Refusal(graph) is { } refused) throw refused;
        }

        /// <summary>The exception refusing writes to graph <paramref name="id"/>, or null; the answer is kept per id.</summary>
        private Exception? Refusal(int id)
        {
            if (_allowed.TryGetValue(id, out bool allowed) && allowed) return null;
            Exception? refused = refusal(id == TermIds.DefaultGraph ? null : inner.GetTerm(id) as NamedOrBlankNode);
            _allowed[id] = refused is null;
            return refused;
        }
    }

    private sealed class CheckingSink(IQuadSink inner, Func<NamedOrBlankNode?, Exception?> refusal) : IQuadSink
    {
        public void Add(in Quad quad)
        {
            if (refusal(quad.Graph) is { } refused) throw refused;
            inner.Add(quad);
        }

        public void OnPrefix(string prefix, string namespaceIri) => inner.OnPrefix(prefix, namespaceIri);

        public void OnBase(string baseIri) => inner.OnBase(baseIri);
    }
}
