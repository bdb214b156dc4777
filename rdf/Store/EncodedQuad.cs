namespace DihNode.Rdf.Store;

/// <summary>
/// A quad over term-dictionary ids. <see cref="G"/> is <see cref="TermIds.DefaultGraph"/> (0) for the
/// default graph, otherwise the id of the graph's name. Subject, predicate and object ids are never 0.
/// </summary>
public readonly record struct EncodedQuad(int S, int P, int O, int G)
{
    public bool InDefaultGraph => G == TermIds.DefaultGraph;

    public override string ToString() => $"({S} {P} {O} {G})";
}

/// <summary>Ids with a fixed meaning in every dictionary.</summary>
public static class TermIds
{
    /// <summary>No term: an unbound position in a <see cref="QuadPattern"/>, or the default graph in <see cref="EncodedQuad.G"/>.</summary>
    public const int None = 0;

    /// <summary>The default graph's "name" in <see cref="EncodedQuad.G"/> (the same value as <see cref="None"/>).</summary>
    public const int DefaultGraph = 0;
}
