namespace DihNode.Rdf.Model;

/// <summary>What kind of RDF term (or SPARQL variable) a <see cref="Term"/> is.</summary>
public enum TermKind : byte
{
    Iri = 1,
    BlankNode = 2,
    Literal = 3,
    Variable = 4,
}

/// <summary>
/// An RDF 1.1 term (https://www.w3.org/TR/rdf11-concepts/#section-rdf-graph): an IRI, a blank node
/// or a literal; SPARQL adds variables. Terms are immutable, compared by value, and cache their hash.
/// </summary>
public abstract class Term : IEquatable<Term>
{
    private int _hash;

    private protected Term() { }

    public abstract TermKind Kind { get; }

    public bool IsIri => Kind == TermKind.Iri;
    public bool IsBlankNode => Kind == TermKind.BlankNode;
    public bool IsLiteral => Kind == TermKind.Literal;
    public bool IsVariable => Kind == TermKind.Variable;

    public abstract bool Equals(Term? other);

    public sealed override bool Equals(object? obj) => obj is Term t && Equals(t);

    public sealed override int GetHashCode()
    {
        int h = _hash;
        if (h == 0)
        {
            h = ComputeHash();
            if (h == 0) h = 1;
            _hash = h;
        }
        return h;
    }

    private protected abstract int ComputeHash();

    /// <summary>The term in N-Triples syntax (variables as <c>?name</c>).</summary>
    public abstract override string ToString();

    public static bool operator ==(Term? a, Term? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(Term? a, Term? b) => !(a == b);
}

/// <summary>A term that may stand in subject or graph-name position: an IRI or a blank node.</summary>
public abstract class NamedOrBlankNode : Term
{
    private protected NamedOrBlankNode() { }
}
