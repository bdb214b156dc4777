namespace DihNode.Rdf.Model;

/// <summary>
/// A triple in a graph of a dataset. <see cref="Graph"/> is null for the default graph,
/// otherwise the graph's name (an IRI or a blank node).
/// </summary>
public readonly record struct Quad(NamedOrBlankNode Subject, Iri Predicate, Term Object, NamedOrBlankNode? Graph)
{
    public Quad(Triple triple, NamedOrBlankNode? graph = null) : this(triple.Subject, triple.Predicate, triple.Object, graph) { }

    public Triple Triple => new(Subject, Predicate, Object);

    public bool InDefaultGraph => Graph is null;

    public override string ToString() =>
        Graph is null ? $"{Subject} {Predicate} {Object} ." : $"{Subject} {Predicate} {Object} {Graph} .";
}
