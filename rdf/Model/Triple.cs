namespace DihNode.Rdf.Model;

/// <summary>An RDF triple. A literal cannot be a subject and only an IRI can be a predicate, by construction.</summary>
public readonly record struct Triple(NamedOrBlankNode Subject, Iri Predicate, Term Object)
{
    public override string ToString() => $"{Subject} {Predicate} {Object} .";
}
