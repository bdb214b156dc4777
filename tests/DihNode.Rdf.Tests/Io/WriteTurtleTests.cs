using DihNode.Rdf.Io;
using DihNode.Rdf.Io.Text;
using DihNode.Rdf.Model;
using static DihNode.Rdf.Tests.Io.WriteTestHelper;

namespace DihNode.Rdf.Tests.Io;

public class WriteTurtleTests
{
    private static readonly Iri First = Vocabulary.Rdf.First, Rest = Vocabulary.Rdf.Rest, Nil = Vocabulary.Rdf.Nil;

    [Fact]
    public void GroupsBySubjectWithTypeFirst()
    {
        string text = Write(RdfFormat.Turtle,
        [
            T("s", "q", "o3"),
            T("s", "p", "o2"),
            T("s", "p", "o1"),
            T("s", "p", "o1"),
            new Quad(I("s"), Vocabulary.Rdf.Type, I("C"), null),
            T("a", "p", "o"),
        ], ExPrefix);
        Assert.Equal(
            """
            @prefix ex: <http://example.org/> .

            ex:a ex:p ex:o .

            ex:s a ex:C ;
                ex:p ex:o1, ex:o2 ;
                ex:q ex:o3 .

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void WritesLiteralsInTheirShortestSafeForm()
    {
        Literal Typed(string lex, Iri dt) => Literal.Typed(lex, dt);
        string text = Write(RdfFormat.Turtle,
        [
            T(I("s"), "p", Typed("1", Vocabulary.Xsd.Integer)),
            T(I("s"), "p", Typed(" 1", Vocabulary.Xsd.Integer)),
            T(I("s"), "p", Typed("-1.5", Vocabulary.Xsd.Decimal)),
            T(I("s"), "p", Typed("1.", Vocabulary.Xsd.Decimal)),
            T(I("s"), "p", Typed("1e3", Vocabulary.Xsd.Double)),
            T(I("s"), "p", Typed("NaN", Vocabulary.Xsd.Double)),
            T(I("s"), "p", Typed("true", Vocabulary.Xsd.Boolean)),
            T(I("s"), "p", Typed("2020-01-01", Vocabulary.Xsd.Date)),
            T(I("s"), "p", Literal.Simple("a\n\"b\"\r")),
            T(I("s"), "p", Literal.LangString("chat", "fr")),
        ], ExPrefix);
        Assert.Equal(
            "@prefix ex: <http://example.org/> .\n" +
            "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\n" +
            "ex:s ex:p \" 1\"^^xsd:integer, -1.5, 1, \"1.\"^^xsd:decimal, 1e3, \"2020-01-01\"^^xsd:date, \"NaN\"^^xsd:double, " +
            "\"\"\"a\n\\\"b\\\"\\r\"\"\", \"chat\"@fr, true .\n",
            text);
    }

    [Theory]
    [InlineData("1.5", "decimal", true)]
    [InlineData(".5", "decimal", true)]
    [InlineData("+.5", "decimal", true)]
    [InlineData("5.", "decimal", false)]
    [InlineData("5", "decimal", false)]
    [InlineData("1.5", "integer", false)]
    [InlineData("007", "integer", true)]
    [InlineData("+7", "integer", true)]
    [InlineData("-", "integer", false)]
    [InlineData("1E+3", "double", true)]
    [InlineData(".1e0", "double", true)]
    [InlineData("1.e0", "double", true)]
    [InlineData(".e0", "double", false)]
    [InlineData("1e", "double", false)]
    [InlineData("1.0", "double", false)]
    [InlineData("INF", "double", false)]
    [InlineData("true", "boolean", true)]
    [InlineData("1", "boolean", false)]
    [InlineData("TRUE", "boolean", false)]
    public void BareNumbersOnlyWhenTheGrammarMatches(string lex, string datatype, bool bare) =>
        Assert.Equal(bare, TurtleTermWriter.IsBareForm(lex, Iri.FromTrusted(Vocabulary.Xsd.Namespace + datatype)));

    [Theory]
    [InlineData("abc", "abc")]
    [InlineData("", "")]
    [InlineData("a.b", "a.b")]
    [InlineData("a.", "a\\.")]
    [InlineData("-a", "\\-a")]
    [InlineData("a-", "a-")]
    [InlineData("1a", "1a")]
    [InlineData("a:b", "a:b")]
    [InlineData("a/b#c?d", "a\\/b\\#c\\?d")]
    [InlineData("a%20b", "a%20b")]
    [InlineData("caf\u00E9", "caf\u00E9")]
    [InlineData("a b", null)]
    [InlineData("a%zz", null)]
    [InlineData("a%2", null)]
    [InlineData("a~b", "a\\~b")]
    [InlineData("_x", "_x")]
    public void LocalNamesAreEscapedOrRefused(string local, string? expected) =>
        Assert.Equal(expected, TurtleTermWriter.EscapeLocalName(local));

    [Fact]
    public void FallsBackToFullIrisAndDeclaresRdfOnlyWhenUsed()
    {
        string text = Write(RdfFormat.Turtle,
        [
            new Quad(I("a b"), Vocabulary.Rdf.Type, I("x/y"), null),
            new Quad(I("s"), Iri.FromTrusted(Vocabulary.Rdf.Namespace + "value"), I("o."), null),
        ], ExPrefix);
        Assert.Equal(
            "@prefix ex: <http://example.org/> .\n" +
            "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n\n" +
            "<http://example.org/a\\u0020b> a ex:x\\/y .\n\n" +
            "ex:s rdf:value ex:o\\. .\n",
            text);
    }

    [Fact]
    public void NestsBlankNodesUsedOnce()
    {
        string text = Write(RdfFormat.Turtle,
        [
            T(I("s"), "p", B("b1")),
            T(B("b1"), "q", I("o")),
            T(B("b1"), "r", B("b2")),
            T(B("b2"), "t", Literal.Simple("x")),
            T(I("s"), "e", B("b3")),
            T(B("z"), "p", I("o")),
        ], ExPrefix);
        Assert.Equal(
            """
            @prefix ex: <http://example.org/> .

            ex:s ex:e [] ;
                ex:p [
                    ex:q ex:o ;
                    ex:r [ ex:t "x" ]
                ] .

            [] ex:p ex:o .

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void WritesWellFormedListsAsCollections()
    {
        string text = Write(RdfFormat.Turtle,
        [
            T(I("s"), "list", B("l1")),
            new Quad(B("l1"), First, Literal.Typed("1", Vocabulary.Xsd.Integer), null),
            new Quad(B("l1"), Rest, B("l2"), null),
            new Quad(B("l2"), First, B("e"), null),
            new Quad(B("l2"), Rest, B("l3"), null),
            new Quad(B("l3"), First, Literal.Simple("three"), null),
            new Quad(B("l3"), Rest, Nil, null),
            T(B("e"), "p", I("o")),
            T(I("s"), "empty", Nil),
            // Not a list: the cell has a third triple.
            T(I("t"), "list", B("m1")),
            new Quad(B("m1"), First, I("x"), null),
            new Quad(B("m1"), Rest, Nil, null),
            T(B("m1"), "extra", I("y")),
        ], ExPrefix);
        Assert.Equal(
            """
            @prefix ex: <http://example.org/> .
            @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .

            ex:s ex:empty () ;
                ex:list ( 1 [ ex:p ex:o ] "three" ) .

            ex:t ex:list [
                    ex:extra ex:y ;
                    rdf:first ex:x ;
                    rdf:rest ()
                ] .

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void KeepsLabelsForSharedNodesAndCycles()
    {
        string text = Write(RdfFormat.Turtle,
        [
            T(B("a"), "p", B("b")),
            T(B("b"), "p", B("a")),
            T(B("b"), "p", B("c")),
            T(B("c"), "q", Literal.Simple("y")),
            T(I("s"), "p", B("d")),
            T(I("t"), "p", B("d")),
            T(B("d"), "q", Literal.Simple("x")),
            T(B("self"), "p", B("self")),
        ], ExPrefix);
        Assert.Equal(
            """
            @prefix ex: <http://example.org/> .

            ex:s ex:p _:d .

            ex:t ex:p _:d .

            _:a ex:p _:b .

            _:b ex:p _:a, [ ex:q "y" ] .

            _:d ex:q "x" .

            _:self ex:p _:self .

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void DeepChainsStopNestingAtTheLimit()
    {
        var quads = new List<Quad> { T(I("s"), "p", B("n0")) };
        for (int i = 0; i < 200; i++) quads.Add(T(B("n" + i), "p", B("n" + (i + 1))));
        string text = Write(RdfFormat.Turtle, quads, ExPrefix);
        int deepest = 0, depth = 0;
        foreach (char c in text)
        {
            if (c == '[') deepest = Math.Max(deepest, ++depth);
            else if (c == ']') depth--;
        }
        Assert.Equal(TurtleInliningWriter.MaxDepth, deepest);
        Assert.Contains("_:n" + TurtleInliningWriter.MaxDepth + " ex:p", text);
    }

    [Fact]
    public void WritesTriGGraphsAfterTheDefaultGraph()
    {
        string text = Write(RdfFormat.TriG,
        [
            T(I("a"), "b", I("c"), B("g")),
            T(I("s"), "p", B("x"), I("g")),
            T(B("x"), "q", I("o"), I("g")),
            T(I("t"), "p", B("shared"), I("g")),
            T(B("shared"), "q", I("o")),
            T(I("s"), "p", I("o")),
        ], ExPrefix);
        Assert.Equal(
            """
            @prefix ex: <http://example.org/> .

            ex:s ex:p ex:o .

            _:shared ex:q ex:o .

            ex:g {
                ex:s ex:p [ ex:q ex:o ] .

                ex:t ex:p _:shared .
            }

            _:g {
                ex:a ex:b ex:c .
            }

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void TurtleRefusesNamedGraphs()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Write(RdfFormat.Turtle, [T(I("s"), "p", I("o"), I("g"))]));
        Assert.Contains("Turtle cannot hold named graphs", ex.Message);
    }

    [Fact]
    public void WritesIrisRelativeToTheBase()
    {
        string text = Write(RdfFormat.Turtle,
        [
            T(I("dir/doc"), "dir/doc#me", I("dir/a/b")),
            T(I("dir/doc"), "dir/doc#me", I("other")),
            T(I("dir/doc"), "dir/doc#me", Iri.FromTrusted(Ex + "dir/x:y")),
            T(I("dir/doc"), "dir/doc#me", I("dir/../z")),
        ], new RdfWriterOptions { BaseIri = Ex + "dir/doc" });
        Assert.Equal(
            "@base <http://example.org/dir/doc> .\n\n" +
            "<> <#me> <http://example.org/dir/../z>, <a/b>, <http://example.org/dir/x:y>, <http://example.org/other> .\n",
            text);
    }

    [Fact]
    public void KeepsPrefixesTheSourceDeclared()
    {
        using var ms = new MemoryStream();
        using (var w = RdfWriter.Create(ms, RdfFormat.Turtle, new RdfWriterOptions
               { Prefixes = new Dictionary<string, string> { ["ex"] = Ex } }))
        {
            w.OnPrefix("ex", "http://ignored.example/");
            w.OnPrefix("other", "http://other.example/");
            w.Add(new Quad(I("s"), I("p"), Iri.FromTrusted("http://other.example/o"), null));
            w.Finish();
        }
        Assert.Equal(
            "@prefix ex: <http://example.org/> .\n@prefix other: <http://other.example/> .\n\nex:s ex:p other:o .\n",
            System.Text.Encoding.UTF8.GetString(ms.ToArray()));
    }

    [Fact]
    public void DisposingWithoutFinishWritesNothing()
    {
        using var ms = new MemoryStream();
        using (var w = RdfWriter.Create(ms, RdfFormat.Turtle)) w.Add(T("s", "p", "o"));
        Assert.Equal(0, ms.Length);
        var finished = RdfWriter.Create(ms, RdfFormat.TriG);
        finished.Finish();
        Assert.Throws<InvalidOperationException>(() => finished.Add(T("s", "p", "o")));
    }

    [Fact]
    public void RefusesIllegalPrefixNames() =>
        Assert.Throws<ArgumentException>(() =>
            RdfWriter.Create(new MemoryStream(), RdfFormat.Turtle,
                new RdfWriterOptions { Prefixes = new Dictionary<string, string> { ["1x"] = Ex } }));

    [Fact]
    public void EmptyInputWritesOnlyDeclarations()
    {
        Assert.Equal("", Write(RdfFormat.Turtle, []));
        Assert.Equal("@prefix ex: <http://example.org/> .\n", Write(RdfFormat.TriG, [], ExPrefix));
    }
}
