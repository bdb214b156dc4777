namespace DihNode.Rdf.Model;

/// <summary>
/// A blank node, identified by a label that is local to the document or dataset that holds it.
/// Labels are N-Triples-safe (letters, digits, '_', '-', '.') so writers can print them as they are.
/// </summary>
public sealed class BlankNode : NamedOrBlankNode
{
    private static long s_counter;

    public BlankNode(string label) => Label = label;

    public string Label { get; }

    public override TermKind Kind => TermKind.BlankNode;

    /// <summary>A blank node with a label unique within this process.</summary>
    public static BlankNode CreateUnique() => new("b" + Interlocked.Increment(ref s_counter).ToString("x"));

    public override bool Equals(Term? other) =>
        ReferenceEquals(this, other) || (other is BlankNode b && string.Equals(Label, b.Label, StringComparison.Ordinal));

    private protected override int ComputeHash() => HashCode.Combine(2, string.GetHashCode(Label, StringComparison.Ordinal));

    public override string ToString() => "_:" + Label;
}
