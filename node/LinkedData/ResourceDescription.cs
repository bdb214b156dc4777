using DihNode.Rdf.Model;
using DihNode.Rdf.Store;
using DihNode.Vocab.Profile;
using static DihNode.Vocab.Namespaces;

namespace DihNode.Node.LinkedData;

/// <summary>
/// What the node says about one of its resources, as quads in the graphs that hold them, read from
/// one snapshot of the RDF store. A hub: its statements and its parts' in the hubs graph (the address
/// and involvements: every <c>{hub}/…</c> IRI and blank node reached from it), its <c>dct:relation</c>s
/// in the links graph, and the labels of what it points to (concepts, country, NUTS region, source,
/// related hubs). A concept, scheme or source: its statements in the reference graphs (blank nodes
/// followed) and the labels of what it points to.
/// </summary>
internal sealed class ResourceDescription
{
    private readonly IQuadStore _store;
    private readonly ProfileIris _iris;
    private readonly List<Quad> _quads = [];
    private readonly HashSet<EncodedQuad> _seen = [];

    private ResourceDescription(IQuadStore store, ProfileIris iris)
    {
        _store = store;
        _iris = iris;
    }

    /// <summary>The quads, each in its graph; empty when the store knows nothing about the resource.</summary>
    public IReadOnlyList<Quad> Quads => _quads;

    /// <summary>The statements as one graph (each triple once), for the triple-only syntaxes.</summary>
    public IEnumerable<Triple> Triples => _quads.Select(q => q.Triple).Distinct();

    /// <summary>The first label (<c>skos:prefLabel</c>, else <c>dct:title</c>) the description gives <paramref name="iri"/>.</summary>
    public string? LabelOf(string iri)
    {
        string? title = null;
        foreach (var q in _quads)
        {
            if (q.Subject is not Iri s || s.Value != iri || q.Object is not Literal l) continue;
            if (q.Predicate == SkosTerms.PrefLabel) return l.LexicalForm;
            if (q.Predicate == DctTerms.Title) title ??= l.LexicalForm;
        }
        return title;
    }

    /// <summary>The objects of <paramref name="predicate"/> on <paramref name="subject"/>, in the order read.</summary>
    public IEnumerable<Term> Objects(string subject, Iri predicate) =>
        _quads.Where(q => q.Subject is Iri s && s.Value == subject && q.Predicate == predicate).Select(q => q.Object).Distinct();

    public static ResourceDescription Hub(IQuadStore store, ProfileIris iris, Iri hub)
    {
        var d = new ResourceDescription(store, iris);
        if (!store.TryGetId(hub, out int hubId) || !store.TryGetId(iris.HubsGraph, out int hubs)) return d;
        var objects = d.Closure(hubs, hubId, hub.Value + "/");
        if (d._quads.Count == 0) return d;
        if (store.TryGetId(iris.LinksGraph, out int links))
            foreach (var q in store.Find(QuadPattern.InGraph(links, hubId)))
                if (d.Add(q)) objects.Add(q.O);
        d.AddLabels(objects, [hubs]);
        return d;
    }

    /// <summary>A concept, scheme or source: its statements in the schemes and sources graphs.</summary>
    public static ResourceDescription Reference(IQuadStore store, ProfileIris iris, Iri resource)
    {
        var d = new ResourceDescription(store, iris);
        if (!store.TryGetId(resource, out int id)) return d;
        var objects = new HashSet<int>();
        foreach (var graph in new[] { iris.SchemesGraph, iris.SourcesGraph })
            if (store.TryGetId(graph, out int g)) objects.UnionWith(d.Closure(g, id, null));
        d.AddLabels(objects, []);
        return d;
    }

    /// <summary>
    /// Adds the statements of <paramref name="root"/> in graph <paramref name="graph"/> and of the blank
    /// nodes and IRIs under <paramref name="partPrefix"/> they reach; returns the other IRI objects.
    /// </summary>
    private HashSet<int> Closure(int graph, int root, string? partPrefix)
    {
        var objects = new HashSet<int>();
        var visited = new HashSet<int> { root };
        var queue = new Queue<int>([root]);
        while (queue.TryDequeue(out int s))
        {
            foreach (var q in _store.Find(QuadPattern.InGraph(graph, s)))
            {
                Add(q);
                var o = _store.GetTerm(q.O);
                bool part = o is BlankNode || (partPrefix is not null && o is Iri i && i.Value.StartsWith(partPrefix, StringComparison.Ordinal));
                if (part) { if (visited.Add(q.O)) queue.Enqueue(q.O); }
                else if (o is Iri) objects.Add(q.O);
            }
        }
        return objects;
    }

    /// <summary>
    /// Adds the labels of <paramref name="objects"/> from the reference graphs (and <paramref name="extraGraphs"/>):
    /// <c>skos:prefLabel</c>s in English or without a language tag (all of them when there are none
    /// such), and <c>dct:title</c>s of sources.
    /// </summary>
    private void AddLabels(HashSet<int> objects, int[] extraGraphs)
    {
        var graphs = new List<int>(extraGraphs);
        foreach (var g in new[] { _iris.SchemesGraph, _iris.CountriesGraph, _iris.NutsGraph, _iris.SourcesGraph })
            if (_store.TryGetId(g, out int id)) graphs.Add(id);
        _store.TryGetId(SkosTerms.PrefLabel, out int prefLabel);
        _store.TryGetId(DctTerms.Title, out int title);
        foreach (int o in objects.Order())
            foreach (int p in new[] { prefLabel, title })
            {
                if (p == 0) continue;
                var found = new List<(EncodedQuad Quad, Literal Label)>();
                foreach (int g in graphs)
                    foreach (var q in _store.Find(QuadPattern.InGraph(g, o, p)))
                        if (_store.GetTerm(q.O) is Literal l) found.Add((q, l));
                var chosen = found.Where(f => f.Label.Language is null || f.Label.Language.StartsWith("en", StringComparison.OrdinalIgnoreCase)).ToList();
                foreach (var (q, _) in chosen.Count > 0 ? chosen : found) Add(q);
            }
    }

    private bool Add(in EncodedQuad q)
    {
        if (!_seen.Add(q)) return false;
        _quads.Add(new Quad((NamedOrBlankNode)_store.GetTerm(q.S), (Iri)_store.GetTerm(q.P), _store.GetTerm(q.O), (NamedOrBlankNode)_store.GetTerm(q.G)));
        return true;
    }
}
