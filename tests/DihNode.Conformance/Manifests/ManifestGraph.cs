using DihNode.Rdf.Io;
using DihNode.Rdf.Model;

namespace DihNode.Conformance.Manifests;

/// <summary>
/// A manifest document held in memory: its quads, indexed by subject, with the few look-ups a
/// harness needs (one value, all values, an RDF list). Manifests are small, so nothing cleverer.
/// </summary>
internal sealed class ManifestGraph : IQuadSink
{
    private readonly List<Quad> _quads = [];
    private readonly Dictionary<Term, List<Quad>> _bySubject = [];

    public IReadOnlyList<Quad> Quads => _quads;

    /// <summary>Parses a Turtle manifest file with the given base IRI.</summary>
    public static ManifestGraph Load(string path, string baseIri)
    {
        var graph = new ManifestGraph();
        using var stream = File.OpenRead(path);
        RdfParser.Parse(stream, RdfFormat.Turtle, graph,
            new RdfParserOptions { BaseIri = baseIri, SourceName = Path.GetFileName(path) });
        return graph;
    }

    public void Add(in Quad quad)
    {
        _quads.Add(quad);
        if (!_bySubject.TryGetValue(quad.Subject, out var list)) _bySubject[quad.Subject] = list = [];
        list.Add(quad);
    }

    /// <summary>Every object of (<paramref name="subject"/>, <paramref name="predicate"/>, ?).</summary>
    public IEnumerable<Term> Objects(Term subject, Iri predicate)
    {
        if (!_bySubject.TryGetValue(subject, out var list)) yield break;
        foreach (var q in list)
            if (q.Predicate.Equals(predicate)) yield return q.Object;
    }

    /// <summary>The first object of (<paramref name="subject"/>, <paramref name="predicate"/>, ?), or null.</summary>
    public Term? Object(Term subject, Iri predicate) => Objects(subject, predicate).FirstOrDefault();

    /// <summary>The lexical form of a literal object, or null.</summary>
    public string? Text(Term subject, Iri predicate) => (Object(subject, predicate) as Literal)?.LexicalForm;

    /// <summary>Subjects of (?, <paramref name="predicate"/>, <paramref name="obj"/>).</summary>
    public IEnumerable<NamedOrBlankNode> Subjects(Iri predicate, Term obj) =>
        _quads.Where(q => q.Predicate.Equals(predicate) && q.Object.Equals(obj)).Select(q => q.Subject);

    /// <summary>
    /// The members of the RDF collection starting at <paramref name="head"/> (RDF 1.1 Semantics,
    /// collections: rdf:first / rdf:rest ending in rdf:nil).
    /// </summary>
    /// <exception cref="InvalidDataException">The list is cyclic or a node lacks rdf:first.</exception>
    public List<Term> List(Term head)
    {
        var items = new List<Term>();
        var seen = new HashSet<Term>();
        var node = head;
        while (!node.Equals(Vocabulary.Rdf.Nil))
        {
            if (!seen.Add(node)) throw new InvalidDataException($"cyclic RDF list at {node}");
            var first = Object(node, Vocabulary.Rdf.First)
                ?? throw new InvalidDataException($"list node {node} has no rdf:first");
            items.Add(first);
            node = Object(node, Vocabulary.Rdf.Rest)
                ?? throw new InvalidDataException($"list node {node} has no rdf:rest");
        }
        return items;
    }
}
