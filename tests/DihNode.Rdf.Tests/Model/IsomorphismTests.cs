using DihNode.Rdf.Model;

namespace DihNode.Rdf.Tests.Model;

public class IsomorphismTests
{
    private static readonly Iri P = Iri.Create("http://example.org/p");
    private static readonly Iri Q = Iri.Create("http://example.org/q");
    private static readonly Iri G = Iri.Create("http://example.org/g");

    private static BlankNode B(string label) => new(label);

    private static Iri I(string local) => Iri.Create("http://example.org/" + local);

    private static Quad Qd(NamedOrBlankNode s, Iri p, Term o, NamedOrBlankNode? g = null) => new(s, p, o, g);

    /// <summary>Renames every blank node (prefix + reversed label) and shuffles the quads.</summary>
    private static List<Quad> Relabel(IEnumerable<Quad> quads, int seed)
    {
        static Term R(Term t) => t is BlankNode b ? new BlankNode("r" + new string(b.Label.Reverse().ToArray())) : t;
        var list = quads.Select(q => new Quad((NamedOrBlankNode)R(q.Subject), q.Predicate, R(q.Object),
            q.Graph is null ? null : (NamedOrBlankNode)R(q.Graph))).ToList();
        var rnd = new Random(seed);
        for (int i = list.Count - 1; i > 0; i--)
        {
            int j = rnd.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }

    private static List<Quad> Cycle(string prefix, int length, int offset = 0) =>
        Enumerable.Range(0, length)
            .Select(i => Qd(B(prefix + (offset + i)), P, B(prefix + (offset + (i + 1) % length))))
            .ToList();

    [Fact]
    public void RelabelledGraphWithListsAndNestingIsIsomorphic()
    {
        var g = new List<Quad>
        {
            Qd(I("s"), P, B("l1")),
            Qd(B("l1"), Vocabulary.Rdf.First, Literal.Simple("1")),
            Qd(B("l1"), Vocabulary.Rdf.Rest, B("l2")),
            Qd(B("l2"), Vocabulary.Rdf.First, B("inner")),
            Qd(B("inner"), Q, Literal.LangString("x", "en")),
            Qd(B("l2"), Vocabulary.Rdf.Rest, Vocabulary.Rdf.Nil),
            Qd(I("s"), Q, I("o")),
        };
        var h = Relabel(g, 1);
        var mapping = Isomorphism.FindBlankNodeMapping(g, h);
        Assert.NotNull(mapping);
        Assert.Equal(B("r1l"), mapping[B("l1")]);
        Assert.Equal(B("rrenni"), mapping[B("inner")]);
        Assert.Null(Isomorphism.DescribeDifference(g, h));
    }

    [Fact]
    public void ChangedLiteralBreaksIsomorphism()
    {
        var g = new List<Quad> { Qd(B("a"), P, Literal.Simple("1")), Qd(B("a"), Q, B("b")) };
        var h = new List<Quad> { Qd(B("x"), P, Literal.Simple("2")), Qd(B("x"), Q, B("y")) };
        Assert.False(Isomorphism.AreIsomorphic(g, h));
        string? why = Isomorphism.DescribeDifference(g, h);
        Assert.NotNull(why);
        Assert.Contains("only in expected", why);
        Assert.Contains("\"1\"", why);
        Assert.Contains("only in actual", why);
        Assert.Contains("\"2\"", why);
    }

    [Fact]
    public void TwoTrianglesAreNotASixCycle()
    {
        // Every node has one in-edge and one out-edge on both sides: colour refinement alone cannot tell them apart.
        var twoTriangles = Cycle("t", 3).Concat(Cycle("u", 3)).ToList();
        var hexagon = Cycle("h", 6);
        Assert.False(Isomorphism.AreIsomorphic(twoTriangles, hexagon));
        Assert.False(Isomorphism.AreIsomorphic(hexagon, twoTriangles));
        Assert.NotNull(Isomorphism.DescribeDifference(twoTriangles, hexagon));
        Assert.True(Isomorphism.AreIsomorphic(hexagon, Relabel(hexagon, 7)));
        Assert.True(Isomorphism.AreIsomorphic(twoTriangles, Relabel(twoTriangles, 8)));
    }

    [Fact]
    public void LongCyclesNeedIndividualisationAndStillMatch()
    {
        var cycle = Cycle("c", 200);
        Assert.True(Isomorphism.AreIsomorphic(cycle, Relabel(cycle, 3)));
        var split = Cycle("c", 100).Concat(Cycle("d", 100)).ToList();
        Assert.False(Isomorphism.AreIsomorphic(cycle, split));
    }

    /// <summary>Undirected edges as pairs of triples.</summary>
    private static List<Quad> Undirected(IEnumerable<(string, string)> edges) =>
        edges.SelectMany(e => new[] { Qd(B(e.Item1), P, B(e.Item2)), Qd(B(e.Item2), P, B(e.Item1)) }).ToList();

    private static List<Quad> RookGraph()
    {
        var edges = new List<(string, string)>();
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
                for (int k = 0; k < 4; k++)
                {
                    if (k > j) edges.Add(($"v{i}{j}", $"v{i}{k}"));
                    if (k > i) edges.Add(($"v{i}{j}", $"v{k}{j}"));
                }
        return Undirected(edges);
    }

    private static List<Quad> ShrikhandeGraph()
    {
        var edges = new HashSet<(string, string)>();
        (int, int)[] steps = [(0, 1), (0, 3), (1, 0), (3, 0), (1, 1), (3, 3)];
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
                foreach (var (di, dj) in steps)
                {
                    string a = $"v{i}{j}", b = $"v{(i + di) % 4}{(j + dj) % 4}";
                    edges.Add(string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a));
                }
        return Undirected(edges);
    }

    [Fact]
    public void StronglyRegularGraphsWithEqualParametersAreTold()
    {
        // The 4x4 rook's graph and the Shrikhande graph are both srg(16, 6, 2, 2): every refinement
        // round gives all nodes one colour, so only the search can separate them.
        var rook = RookGraph();
        var shrikhande = ShrikhandeGraph();
        Assert.Equal(96, rook.Count);
        Assert.Equal(96, shrikhande.Count);
        Assert.False(Isomorphism.AreIsomorphic(rook, shrikhande));
        Assert.True(Isomorphism.AreIsomorphic(rook, Relabel(rook, 5)));
        Assert.True(Isomorphism.AreIsomorphic(shrikhande, Relabel(shrikhande, 6)));
    }

    [Fact]
    public void IndistinguishableBlankNodesMatch()
    {
        var many = Enumerable.Range(0, 300).Select(i => Qd(B("n" + i), P, Literal.Simple("same"))).ToList();
        Assert.True(Isomorphism.AreIsomorphic(many, Relabel(many, 2)));
        Assert.False(Isomorphism.AreIsomorphic(many, many.Take(299)));
    }

    [Fact]
    public void BlankNodesNamingGraphsAreMapped()
    {
        var d = new List<Quad>
        {
            Qd(B("s"), P, I("o"), B("g")),
            Qd(B("g"), Q, Literal.Simple("graph")),
            Qd(I("s"), P, B("s"), G),
        };
        var e = Relabel(d, 4);
        var mapping = Isomorphism.FindBlankNodeMapping(d, e);
        Assert.NotNull(mapping);
        Assert.Equal(B("rg"), mapping[B("g")]);

        // The graph name is the subject's own node on one side, a different node on the other.
        var self = new List<Quad> { Qd(B("x"), P, I("o"), B("x")) };
        var other = new List<Quad> { Qd(B("x"), P, I("o"), B("y")) };
        Assert.False(Isomorphism.AreIsomorphic(self, other));

        // A named graph is not the default graph, and an IRI graph name is not a blank one.
        Assert.False(Isomorphism.AreIsomorphic([Qd(B("a"), P, I("o"), G)], [Qd(B("a"), P, I("o"))]));
        Assert.False(Isomorphism.AreIsomorphic([Qd(I("a"), P, I("o"), G)], [Qd(I("a"), P, I("o"), B("g"))]));
    }

    [Fact]
    public void SelfLoopIsNotAnEdge()
    {
        Assert.False(Isomorphism.AreIsomorphic([Qd(B("a"), P, B("a"))], [Qd(B("a"), P, B("b"))]));
        Assert.True(Isomorphism.AreIsomorphic([Qd(B("a"), P, B("a"))], [Qd(B("z"), P, B("z"))]));
    }

    [Fact]
    public void DuplicatesAreIgnored()
    {
        var once = new List<Quad> { Qd(B("a"), P, I("o")), Qd(I("s"), P, I("o")) };
        var twice = once.Concat(once).ToList();
        Assert.True(Isomorphism.AreIsomorphic(once, twice));
        Assert.True(Isomorphism.AreIsomorphic(twice, once));
        // Two distinct blank nodes are two statements, not a duplicate.
        Assert.False(Isomorphism.AreIsomorphic(once, once.Append(Qd(B("b"), P, I("o")))));
    }

    [Fact]
    public void TripleOverloadComparesGraphs()
    {
        var a = new[] { new Triple(B("a"), P, B("b")), new Triple(B("b"), Q, Literal.Typed("1", Vocabulary.Xsd.Integer)) };
        var b = new[] { new Triple(B("y"), Q, Literal.Typed("1", Vocabulary.Xsd.Integer)), new Triple(B("x"), P, B("y")) };
        var c = new[] { new Triple(B("y"), Q, Literal.Typed("1", Vocabulary.Xsd.Integer)), new Triple(B("y"), P, B("x")) };
        Assert.True(Isomorphism.AreIsomorphic(a, b));
        Assert.False(Isomorphism.AreIsomorphic(a, c));
        Assert.Null(Isomorphism.DescribeDifference(a, b));
    }

    [Fact]
    public void EmptySetsAreIsomorphic()
    {
        Assert.True(Isomorphism.AreIsomorphic(Array.Empty<Quad>(), Array.Empty<Quad>()));
        Assert.False(Isomorphism.AreIsomorphic(Array.Empty<Quad>(), [Qd(B("a"), P, I("o"))]));
    }
}
