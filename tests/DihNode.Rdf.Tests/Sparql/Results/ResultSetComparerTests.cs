using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Results;

namespace DihNode.Rdf.Tests.Sparql.Results;

public class ResultSetComparerTests
{
    private static readonly Iri A = Iri.Create("http://x/a");
    private static readonly Iri B = Iri.Create("http://x/b");

    private static BlankNode Bn(string label) => new(label);

    private static SparqlResult T(string[] vars, params Term?[][] rows) => SparqlResult.FromTable(vars, rows);

    [Fact]
    public void RowOrderAndColumnOrderDoNotMatterByDefault()
    {
        var e = T(["x", "y"], [A, B], [B, null]);
        var a = T(["y", "x"], [null, B], [B, A]);
        Assert.True(ResultSetComparer.AreEquivalent(e, a));
        ResultComparison c = ResultSetComparer.Compare(e, a, ResultComparisonOptions.Ordered);
        Assert.False(c.AreEqual);
        Assert.StartsWith("row 1 differs", c.Difference);
    }

    [Fact]
    public void DuplicatesCount()
    {
        var e = T(["x"], [A], [A], [B]);
        var a = T(["x"], [A], [B], [B]);
        ResultComparison c = ResultSetComparer.Compare(e, a);
        Assert.False(c.AreEqual);
        Assert.Contains("1 expected row(s) missing, first: (?x=<http://x/a>)", c.Difference);
        Assert.Contains("1 unexpected row(s), first: (?x=<http://x/b>)", c.Difference);
    }

    [Fact]
    public void SameShapesWithoutAConsistentRenamingDiffer()
    {
        // Shapes agree row by row, but (a,b) and (b,a) need a symmetric pair, which (q,p) twice is not.
        var e = T(["x", "y"], [Bn("a"), Bn("b")], [Bn("b"), Bn("a")], [Bn("a"), A]);
        var renamed = T(["x", "y"], [Bn("q"), Bn("p")], [Bn("p"), A], [Bn("q"), Bn("p")]);
        ResultComparison c = ResultSetComparer.Compare(e, renamed);
        Assert.False(c.AreEqual);
        Assert.Contains("no consistent renaming of blank nodes", c.Difference);
    }

    [Fact]
    public void BlankNodeRenamingIsFoundWhenItExists()
    {
        var e = T(["x", "y"], [Bn("a"), Bn("b")], [Bn("b"), Bn("a")], [Bn("a"), A]);
        var a = T(["x", "y"], [Bn("p"), A], [Bn("q"), Bn("p")], [Bn("p"), Bn("q")]);
        ResultComparison c = ResultSetComparer.Compare(e, a);
        Assert.True(c.AreEqual, c.Difference);
    }

    [Fact]
    public void BlankNodeMappingMustBeOneToOne()
    {
        // Two distinct expected blank nodes cannot both map onto one actual blank node.
        var e = T(["x"], [Bn("a")], [Bn("b")]);
        var a = T(["x"], [Bn("c")], [Bn("c")]);
        ResultComparison c = ResultSetComparer.Compare(e, a);
        Assert.False(c.AreEqual);
        Assert.Contains("no consistent renaming", c.Difference);
        Assert.False(ResultSetComparer.AreEquivalent(a, e));
        Assert.True(ResultSetComparer.AreEquivalent(e, T(["x"], [Bn("c")], [Bn("d")])));
    }

    [Fact]
    public void BlankNodeRowWithoutCounterpartIsNamed()
    {
        ResultComparison c = ResultSetComparer.Compare(T(["x", "y"], [Bn("a"), A]), T(["x", "y"], [Bn("b"), B]));
        Assert.Equal("unexpected row (?x=_:b, ?y=<http://x/b>): no expected row is like it, even renaming blank nodes", c.Difference);
    }

    [Fact]
    public void BlankNodeIsNotAnIri()
    {
        ResultComparison c = ResultSetComparer.Compare(T(["x"], [Bn("a")]), T(["x"], [A]));
        Assert.False(c.AreEqual);
        Assert.Contains("rows with blank nodes: expected 1, actual 0", c.Difference);
    }

    [Fact]
    public void OrderedComparisonKeepsOneMappingAcrossRows()
    {
        var e = T(["x"], [Bn("a")], [Bn("b")], [Bn("a")]);
        Assert.True(ResultSetComparer.AreEquivalent(e, T(["x"], [Bn("1")], [Bn("2")], [Bn("1")]), ResultComparisonOptions.Ordered));
        ResultComparison c = ResultSetComparer.Compare(e, T(["x"], [Bn("1")], [Bn("2")], [Bn("2")]), ResultComparisonOptions.Ordered);
        Assert.False(c.AreEqual);
        Assert.StartsWith("row 3 differs", c.Difference);
    }

    [Fact]
    public void OrderByKeysAllowTiesInAnyOrder()
    {
        Literal one = Literal.Typed("1", Vocabulary.Xsd.Integer), two = Literal.Typed("2", Vocabulary.Xsd.Integer);
        var e = T(["k", "v"], [one, A], [one, B], [two, Bn("x")]);
        var tiesSwapped = T(["v", "k"], [B, one], [A, one], [Bn("y"), two]);
        Assert.False(ResultSetComparer.AreEquivalent(e, tiesSwapped, ResultComparisonOptions.Ordered));
        ResultComparison c = ResultSetComparer.CompareOrderedBy(e, tiesSwapped, ["k"]);
        Assert.True(c.AreEqual, c.Difference);

        var keysOutOfOrder = T(["k", "v"], [two, Bn("y")], [one, A], [one, B]);
        c = ResultSetComparer.CompareOrderedBy(e, keysOutOfOrder, ["k"]);
        Assert.False(c.AreEqual);
        Assert.Equal("order differs at row 1: expected sort keys (?k=\"1\"^^<http://www.w3.org/2001/XMLSchema#integer>), " +
                     "actual (?k=\"2\"^^<http://www.w3.org/2001/XMLSchema#integer>)", c.Difference);

        c = ResultSetComparer.CompareOrderedBy(e, T(["k", "v"], [one, A], [one, B]), ["k"]);
        Assert.StartsWith("expected 3 rows, actual 2", c.Difference);
        Assert.Throws<ArgumentException>(() => ResultSetComparer.CompareOrderedBy(e, e, ["nope"]));
    }

    [Fact]
    public void LiteralsCompareAsTermsNotValues()
    {
        var one = T(["n"], [Literal.Typed("1", Vocabulary.Xsd.Integer)]);
        Assert.False(ResultSetComparer.AreEquivalent(one, T(["n"], [Literal.Typed("01", Vocabulary.Xsd.Integer)])));
        Assert.False(ResultSetComparer.AreEquivalent(one, T(["n"], [Literal.Simple("1")])));
        Assert.True(ResultSetComparer.AreEquivalent(one, T(["n"], [Literal.Simple("1")]), ResultComparisonOptions.CsvValuesOnly));
        Assert.True(ResultSetComparer.AreEquivalent(T(["s"], [Literal.LangString("a", "EN")]), T(["s"], [Literal.LangString("a", "en")])));
    }

    [Fact]
    public void VariablesAndKindsMustAgree()
    {
        ResultComparison c = ResultSetComparer.Compare(T(["x"]), T(["y"]));
        Assert.Equal("variables differ: expected ?x, actual ?y", c.Difference);
        c = ResultSetComparer.Compare(SparqlResult.FromBoolean(true), T(["x"]));
        Assert.Equal("expected boolean true, actual a table of 0 rows (?x)", c.Difference);
        Assert.True(ResultSetComparer.AreEquivalent(SparqlResult.FromBoolean(false), SparqlResult.FromBoolean(false)));
        Assert.False(ResultSetComparer.AreEquivalent(SparqlResult.FromBoolean(false), SparqlResult.FromBoolean(true)));
    }

    [Fact]
    public void RowCountDifferenceIsReported()
    {
        ResultComparison c = ResultSetComparer.Compare(T(["x"], [A]), T(["x"], [A], [A]));
        Assert.Equal("expected 1 rows, actual 2; 1 unexpected row(s), first: (?x=<http://x/a>)", c.Difference);
        c = ResultSetComparer.Compare(T(["x"], [A], [B]), T(["x"], [A]), ResultComparisonOptions.Ordered);
        Assert.Equal("expected 2 rows, actual 1; first missing row: (?x=<http://x/b>)", c.Difference);
    }

    [Fact]
    public void LargeBlankNodeResultsMatchQuickly()
    {
        // A chain of 5,000 rows b_i -> b_{i+1}; the actual side uses other labels and a shuffled order.
        const int n = 5000;
        var e = new List<Term?[]>();
        var a = new List<Term?[]>();
        for (int i = 0; i < n; i++)
        {
            e.Add([Bn("e" + i), Bn("e" + (i + 1))]);
            a.Add([Bn("z" + (n - i)), Bn("z" + (n - i - 1))]);
        }
        new Random(7).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(a));
        var expected = SparqlResult.FromTable(["s", "o"], e);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        ResultComparison c = ResultSetComparer.Compare(expected, SparqlResult.FromTable(["o", "s"], a));
        Assert.True(c.AreEqual, c.Difference);
        Assert.True(watch.ElapsedMilliseconds < 5000, $"{watch.ElapsedMilliseconds} ms");

        // Close the chain into a cycle at one place: no longer isomorphic.
        int at = a.FindIndex(row => row[0]!.Equals(Bn("z1")));
        a[at] = [Bn("z1"), Bn("z" + n)];
        Assert.False(ResultSetComparer.AreEquivalent(expected, SparqlResult.FromTable(["o", "s"], a)));
    }

    [Fact]
    public void ManyInterchangeableBlankNodesMatch()
    {
        var e = new List<Term?[]>();
        var a = new List<Term?[]>();
        for (int i = 0; i < 3000; i++)
        {
            e.Add([Bn("x" + i), A]);
            a.Add([Bn("y" + (i * 7 % 3000)), A]);
        }
        Assert.True(ResultSetComparer.AreEquivalent(SparqlResult.FromTable(["b", "c"], e), SparqlResult.FromTable(["b", "c"], a)));
    }
}
