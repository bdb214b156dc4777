namespace DihNode.Rdf.Model;

/// <summary>
/// Graph and dataset isomorphism (RDF 1.1 Concepts §3.6, https://www.w3.org/TR/rdf11-concepts/#graph-isomorphism,
/// extended to datasets as in §4: blank nodes may also name graphs). Two sets of quads are isomorphic
/// when a bijection between their blank nodes maps one set exactly onto the other.
/// </summary>
/// <remarks>
/// Inputs are sets: duplicates are dropped first. Quads without blank nodes are compared as sets
/// directly. Blank nodes are then partitioned by colour refinement (each node's colour is repeatedly
/// rehashed with the colours of its neighbourhood, on both sides with the same function, so that
/// nodes an isomorphism could map onto each other always share a colour). When classes with several
/// nodes remain (symmetric graphs: cycles, interchangeable nodes), one node is individualised and
/// matched in turn with each candidate of its colour on the other side, refining again after each
/// choice, and backtracking when the colours of the two sides stop agreeing. A candidate mapping is
/// accepted only after checking every quad, so hash collisions can slow the search but never make it wrong.
/// </remarks>
public static class Isomorphism
{
    /// <summary>True when the two quad sets (datasets) are isomorphic.</summary>
    public static bool AreIsomorphic(IEnumerable<Quad> a, IEnumerable<Quad> b) => FindBlankNodeMapping(a, b) is not null;

    /// <summary>True when the two triple sets (graphs) are isomorphic.</summary>
    public static bool AreIsomorphic(IEnumerable<Triple> a, IEnumerable<Triple> b) =>
        AreIsomorphic(ToQuads(a), ToQuads(b));

    /// <summary>
    /// A bijection from the blank nodes of <paramref name="a"/> to those of <paramref name="b"/> that maps
    /// <paramref name="a"/> onto <paramref name="b"/>, or null when the two are not isomorphic.
    /// </summary>
    public static IReadOnlyDictionary<BlankNode, BlankNode>? FindBlankNodeMapping(IEnumerable<Quad> a, IEnumerable<Quad> b)
    {
        var sideA = new QuadSetSplit(a);
        var sideB = new QuadSetSplit(b);
        if (!sideA.Ground.SetEquals(sideB.Ground)) return null;
        if (sideA.NonGround.Count != sideB.NonGround.Count) return null;
        if (sideA.NonGround.Count == 0) return new Dictionary<BlankNode, BlankNode>();
        return new BlankNodeMatcher(sideA, sideB).Match();
    }

    /// <summary>
    /// Null when <paramref name="expected"/> and <paramref name="actual"/> are isomorphic; otherwise a
    /// readable account of the difference for test messages: the sizes, and the quads found on only one
    /// side after mapping blank nodes as well as the colour refinement allows (at most
    /// <paramref name="maxLines"/> quads per side).
    /// </summary>
    public static string? DescribeDifference(IEnumerable<Quad> expected, IEnumerable<Quad> actual, int maxLines = 20)
    {
        var sideA = new QuadSetSplit(expected);
        var sideB = new QuadSetSplit(actual);
        if (sideA.Ground.SetEquals(sideB.Ground) && sideA.NonGround.Count == sideB.NonGround.Count
            && (sideA.NonGround.Count == 0 || new BlankNodeMatcher(sideA, sideB).Match() is not null))
            return null;

        var mapping = sideA.NonGround.Count == 0 || sideB.NonGround.Count == 0
            ? new Dictionary<BlankNode, BlankNode>()
            : new BlankNodeMatcher(sideA, sideB).BestEffortMapping();
        var mappedA = new HashSet<Quad>(sideA.Ground);
        foreach (var q in sideA.NonGround) mappedA.Add(Rename(q, mapping));
        var all = new HashSet<Quad>(sideB.Ground);
        all.UnionWith(sideB.NonGround);

        var sb = new System.Text.StringBuilder();
        sb.Append("expected ").Append(sideA.Ground.Count + sideA.NonGround.Count).Append(" quads (")
          .Append(sideA.BlankNodeCount).Append(" blank nodes), actual ")
          .Append(sideB.Ground.Count + sideB.NonGround.Count).Append(" quads (")
          .Append(sideB.BlankNodeCount).Append(" blank nodes)");
        AppendOnlyIn(sb, "only in expected (blank nodes renamed to actual's where matched)", mappedA, all, maxLines);
        AppendOnlyIn(sb, "only in actual", all, mappedA, maxLines);
        return sb.ToString();
    }

    /// <summary><see cref="DescribeDifference(IEnumerable{Quad}, IEnumerable{Quad}, int)"/> for graphs.</summary>
    public static string? DescribeDifference(IEnumerable<Triple> expected, IEnumerable<Triple> actual, int maxLines = 20) =>
        DescribeDifference(ToQuads(expected), ToQuads(actual), maxLines);

    private static void AppendOnlyIn(System.Text.StringBuilder sb, string title, HashSet<Quad> from, HashSet<Quad> other, int maxLines)
    {
        var only = from.Where(q => !other.Contains(q)).Select(q => q.ToString()).Order(StringComparer.Ordinal).ToList();
        if (only.Count == 0) return;
        sb.Append('\n').Append(title).Append(" (").Append(only.Count).Append("):");
        foreach (var line in only.Take(maxLines)) sb.Append("\n  ").Append(line);
        if (only.Count > maxLines) sb.Append("\n  ...");
    }

    internal static Quad Rename(in Quad q, IReadOnlyDictionary<BlankNode, BlankNode> mapping) => new(
        (NamedOrBlankNode)RenameTerm(q.Subject, mapping), q.Predicate, RenameTerm(q.Object, mapping),
        q.Graph is null ? null : (NamedOrBlankNode)RenameTerm(q.Graph, mapping));

    private static Term RenameTerm(Term t, IReadOnlyDictionary<BlankNode, BlankNode> mapping) =>
        t is BlankNode b && mapping.TryGetValue(b, out var to) ? to : t;

    private static IEnumerable<Quad> ToQuads(IEnumerable<Triple> triples) => triples.Select(t => new Quad(t));

    internal static bool IsGround(in Quad q) =>
        q.Subject is not BlankNode && q.Object is not BlankNode && q.Graph is not BlankNode;
}
