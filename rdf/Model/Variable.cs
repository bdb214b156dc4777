namespace DihNode.Rdf.Model;

/// <summary>A SPARQL variable (without its leading '?' or '$').</summary>
public sealed class Variable : Term
{
    public Variable(string name) => Name = name;

    public string Name { get; }

    public override TermKind Kind => TermKind.Variable;

    public override bool Equals(Term? other) =>
        ReferenceEquals(this, other) || (other is Variable v && string.Equals(Name, v.Name, StringComparison.Ordinal));

    private protected override int ComputeHash() => HashCode.Combine(4, string.GetHashCode(Name, StringComparison.Ordinal));

    public override string ToString() => "?" + Name;
}
