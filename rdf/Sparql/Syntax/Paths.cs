using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Syntax;

/// <summary>A property path expression (Query §9, algebra §18.2.2.4).</summary>
public abstract record PropertyPath
{
    public sealed override string ToString() => SsePrinter.Print(this);
}

/// <summary>A single IRI as a path.</summary>
public sealed record LinkPath(Iri Iri) : PropertyPath;

/// <summary><c>^path</c>.</summary>
public sealed record InversePath(PropertyPath Path) : PropertyPath;

/// <summary><c>a / b</c>.</summary>
public sealed record SequencePath(PropertyPath Left, PropertyPath Right) : PropertyPath;

/// <summary><c>a | b</c>.</summary>
public sealed record AlternativePath(PropertyPath Left, PropertyPath Right) : PropertyPath;

/// <summary><c>path*</c>.</summary>
public sealed record ZeroOrMorePath(PropertyPath Path) : PropertyPath;

/// <summary><c>path+</c>.</summary>
public sealed record OneOrMorePath(PropertyPath Path) : PropertyPath;

/// <summary><c>path?</c>.</summary>
public sealed record ZeroOrOnePath(PropertyPath Path) : PropertyPath;

/// <summary><c>!(a|^b)</c>: forward members and inverse members kept apart, as the algebra needs.</summary>
public sealed record NegatedPropertySet(IReadOnlyList<Iri> Forward, IReadOnlyList<Iri> Inverse) : PropertyPath;
