using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Results;

namespace DihNode.Rdf.Tests.Sparql.Results;

public class ResultSetVocabularyReaderTests
{
    private const string Rs = ResultSetVocabularyReader.Namespace;

    private static Iri P(string local) => Iri.Create(Rs + local);

    private static Quad Q(NamedOrBlankNode s, Iri p, Term o) => new(s, p, o, null);

    [Fact]
    public void ReadsSolutionsInIndexOrder()
    {
        var set = new BlankNode("rs");
        var quads = new List<Quad>
        {
            Q(set, Vocabulary.Rdf.Type, P("ResultSet")),
            Q(set, P("resultVariable"), Literal.Simple("name")),
            Q(set, P("resultVariable"), Literal.Simple("x")),
        };
        string[] names = ["Eve", "Alice", "Bob"];
        int[] index = [3, 1, 2];
        for (int i = 0; i < 3; i++)
        {
            var sol = new BlankNode("s" + i);
            var bind = new BlankNode("b" + i);
            quads.Add(Q(set, P("solution"), sol));
            quads.Add(Q(sol, P("index"), Literal.Typed(index[i].ToString(), Vocabulary.Xsd.Integer)));
            quads.Add(Q(sol, P("binding"), bind));
            quads.Add(Q(bind, P("variable"), Literal.Simple("name")));
            quads.Add(Q(bind, P("value"), Literal.Simple(names[i])));
        }
        Assert.True(ResultSetVocabularyReader.Contains(quads));
        SparqlResult r = ResultSetVocabularyReader.Read(quads);
        Assert.Equal(["name", "x"], r.Variables);
        Assert.Equal(["Alice", "Bob", "Eve"], r.Rows.Select(row => ((Literal)row[0]!).LexicalForm));
        Assert.All(r.Rows, row => Assert.Null(row[1]));
    }

    [Fact]
    public void BlankNodeValuesAndUndeclaredVariablesAreKept()
    {
        var set = Iri.Create("http://example.org/results");
        var sol = new BlankNode("s");
        var b1 = new BlankNode("b1");
        var b2 = new BlankNode("b2");
        var quads = new[]
        {
            Q(set, P("resultVariable"), Literal.Simple("a")),
            Q(set, P("solution"), sol),
            Q(sol, P("binding"), b1), Q(b1, P("variable"), Literal.Simple("a")), Q(b1, P("value"), new BlankNode("v")),
            Q(sol, P("binding"), b2), Q(b2, P("variable"), Literal.Simple("z")), Q(b2, P("value"), Iri.Create("http://x/")),
        };
        SparqlResult r = ResultSetVocabularyReader.Read(quads);
        Assert.Equal(["a", "z"], r.Variables);
        Assert.Equal(new BlankNode("v"), r.Rows[0][0]);
        Assert.Equal(Iri.Create("http://x/"), r.Rows[0][1]);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void ReadsBooleans(string lexical, bool expected)
    {
        var set = new BlankNode("rs");
        var quads = new[] { Q(set, Vocabulary.Rdf.Type, P("ResultSet")), Q(set, P("boolean"), Literal.Typed(lexical, Vocabulary.Xsd.Boolean)) };
        Assert.Equal(expected, ResultSetVocabularyReader.Read(quads).Boolean);
    }

    [Fact]
    public void EmptyResultSetHasNoRows()
    {
        var set = new BlankNode("rs");
        var quads = new[] { Q(set, Vocabulary.Rdf.Type, P("ResultSet")), Q(set, P("resultVariable"), Literal.Simple("x")) };
        SparqlResult r = ResultSetVocabularyReader.Read(quads);
        Assert.Equal(["x"], r.Variables);
        Assert.Empty(r.Rows);
    }

    [Fact]
    public void MalformedResultSetsAreFormatErrors()
    {
        var set = new BlankNode("rs");
        var sol = new BlankNode("s");
        var bind = new BlankNode("b");
        Assert.Throws<SparqlResultsSyntaxException>(() => ResultSetVocabularyReader.Read([]));
        var e = Assert.Throws<SparqlResultsSyntaxException>(() => ResultSetVocabularyReader.Read(
        [
            Q(set, P("solution"), sol), Q(sol, P("binding"), bind), Q(bind, P("variable"), Literal.Simple("x")),
        ]));
        Assert.Contains("without rs:value", e.Message);
        Assert.Equal("_:b", e.Path);
        e = Assert.Throws<SparqlResultsSyntaxException>(() => ResultSetVocabularyReader.Read(
        [
            Q(set, P("resultVariable"), Iri.Create("http://x/")),
        ]));
        Assert.Contains("variable name", e.Message);
    }
}
