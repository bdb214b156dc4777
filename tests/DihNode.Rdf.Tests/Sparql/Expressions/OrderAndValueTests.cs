using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation.Expressions;
using static DihNode.Rdf.Tests.Sparql.Expressions.ExpressionHarness;

namespace DihNode.Rdf.Tests.Sparql.Expressions;

public sealed class OrderAndValueTests
{
    private static Literal Typed(string lexical, string xsdType) => Literal.Typed(lexical, Iri.Create(Xsd + xsdType));

    [Fact]
    public void OrderByPutsUnboundThenBlankNodesThenIrisThenLiterals()
    {
        Term?[] terms =
        [
            Literal.Simple("a"),
            Iri.Create("http://b/"),
            null,
            new BlankNode("z"),
            Typed("1", "integer"),
            Iri.Create("http://a/"),
            new BlankNode("a"),
        ];
        var sorted = terms.Order(Comparer<Term?>.Create(TermComparer.Order)).ToList();
        Assert.Null(sorted[0]);
        Assert.Equal(new BlankNode("a"), sorted[1]);
        Assert.Equal(new BlankNode("z"), sorted[2]);
        Assert.Equal(Iri.Create("http://a/"), sorted[3]);
        Assert.Equal(Iri.Create("http://b/"), sorted[4]);
        Assert.IsType<Literal>(sorted[5]);
        Assert.IsType<Literal>(sorted[6]);
    }

    [Fact]
    public void NumbersOrderByValueAcrossTypes()
    {
        Term[] terms =
        [
            Typed("10", "integer"), Typed("2.5", "decimal"), Typed("3", "float"), Typed("-1E0", "double"),
            Typed("02", "integer"), Typed("2", "integer"), Typed("100", "byte"),
        ];
        var sorted = terms.Order(Comparer<Term?>.Create(TermComparer.Order)).Select(t => ((Literal)t).LexicalForm).ToList();
        Assert.Equal(["-1E0", "02", "2", "2.5", "3", "10", "100"], sorted);
    }

    [Fact]
    public void StringsOrderByCodePointAndDatesByInstant()
    {
        Term[] strings = [Literal.Simple("b"), Literal.Simple("\U0001F600"), Literal.Simple("\uFFFD"), Literal.Simple("B"), Literal.Simple("a")];
        var sorted = strings.Order(Comparer<Term?>.Create(TermComparer.Order)).Select(t => ((Literal)t).LexicalForm).ToList();
        Assert.Equal(["B", "a", "b", "\uFFFD", "\U0001F600"], sorted);

        Term[] dates =
        [
            Typed("2006-08-23T09:00:00+01:00", "dateTime"), Typed("2006-08-23T07:30:00Z", "dateTime"), Typed("2005-01-01T00:00:00", "dateTime"),
        ];
        var sortedDates = dates.Order(Comparer<Term?>.Create(TermComparer.Order)).Select(t => ((Literal)t).LexicalForm).ToList();
        Assert.Equal(["2005-01-01T00:00:00", "2006-08-23T07:30:00Z", "2006-08-23T09:00:00+01:00"], sortedDates);
    }

    [Fact]
    public void OrderIsTotalAndConsistentOnMixedLiterals()
    {
        Term?[] terms =
        [
            null, Literal.Simple("x"), Literal.LangString("x", "en"), Typed("1", "integer"), Typed("01", "integer"),
            Typed("NaN", "double"), Typed("true", "boolean"), Typed("2006-08-23", "date"), Typed("2006-08-23T00:00:00Z", "dateTime"),
            Typed("abc", "integer"), Literal.Typed("x", Iri.Create("http://t/")), Iri.Create("http://a/"), new BlankNode("b"),
        ];
        foreach (var a in terms)
        {
            Assert.Equal(0, TermComparer.Order(a, a));
            foreach (var b in terms)
            {
                int ab = TermComparer.Order(a, b), ba = TermComparer.Order(b, a);
                Assert.Equal(Math.Sign(ab), -Math.Sign(ba));
                if (!ReferenceEquals(a, b)) Assert.NotEqual(0, ab);
                foreach (var c in terms)
                    if (ab < 0 && TermComparer.Order(b, c) < 0) Assert.True(TermComparer.Order(a, c) < 0);
            }
        }
    }

    [Theory]
    [InlineData("\"\"", false)]
    [InlineData("\"a\"", true)]
    [InlineData("\"\"@en", false)]
    [InlineData("\"a\"@en", true)]
    [InlineData("\"false\"^^xsd:boolean", false)]
    [InlineData("\"true\"^^xsd:boolean", true)]
    [InlineData("\"maybe\"^^xsd:boolean", false)]
    [InlineData("0", false)]
    [InlineData("0.0", false)]
    [InlineData("\"-0.0E0\"^^xsd:double", false)]
    [InlineData("\"NaN\"^^xsd:double", false)]
    [InlineData("\"abc\"^^xsd:integer", false)]
    [InlineData("0.1", true)]
    [InlineData("-1", true)]
    [InlineData("\"INF\"^^xsd:float", true)]
    public void EffectiveBooleanValue(string constant, bool expected)
    {
        var evaluator = NewEvaluator();
        Assert.Equal(expected, evaluator.EffectiveBooleanValue(Parse(constant), new MapRow()));
        Assert.Equal(expected, evaluator.Test(Parse(constant), new MapRow()));
    }

    [Theory]
    [InlineData("<http://a/>")]
    [InlineData("\"2006-08-23\"^^xsd:date")]
    [InlineData("\"x\"^^<http://t/>")]
    [InlineData("?unbound")]
    public void EffectiveBooleanValueErrors(string expression)
    {
        var evaluator = NewEvaluator();
        Assert.Null(evaluator.EffectiveBooleanValue(Parse(expression), new MapRow()));
        Assert.False(evaluator.Test(Parse(expression), new MapRow()));
        Assert.Null(ExpressionEvaluator.EffectiveBooleanValue(new BlankNode("b")));
    }

    [Fact]
    public void SumAndAveragePromote()
    {
        var sum = new AggregateValues.Sum();
        Assert.Equal("\"0\"^^xsd:integer", Show(sum.Result));
        Assert.Equal("\"0\"^^xsd:integer", Show(sum.Average(0)));
        sum.Add(Typed("1", "integer"));
        sum.Add(Typed("2", "int"));
        Assert.Equal("\"3\"^^xsd:integer", Show(sum.Result));
        Assert.Equal("\"1.5\"^^xsd:decimal", Show(sum.Average(2)));
        sum.Add(Typed("0.5", "decimal"));
        Assert.Equal("\"3.5\"^^xsd:decimal", Show(sum.Result));
        sum.Add(Typed("1", "float"));
        Assert.Equal("\"4.5E0\"^^xsd:float", Show(sum.Result));
        sum.Add(Typed("1", "double"));
        Assert.Equal("\"5.5E0\"^^xsd:double", Show(sum.Result));
        sum.Add(Literal.Simple("x"));
        Assert.Null(sum.Result);
        Assert.Null(sum.Average(5));
    }

    [Fact]
    public void MinMaxAndGroupConcat()
    {
        Term?[] values = [Typed("3", "integer"), null, Literal.Simple("a"), Typed("2.5", "decimal"), Iri.Create("http://a/")];
        Term? min = null, max = null;
        foreach (var v in values)
        {
            min = AggregateValues.Min(min, v);
            max = AggregateValues.Max(max, v);
        }
        Assert.Equal(Iri.Create("http://a/"), min);
        Assert.Equal("\"3\"^^xsd:integer", Show(max));

        Assert.Equal("\"1 2\"", Show(AggregateValues.GroupConcat([Literal.LangString("1", "en"), Literal.LangString("2", "en")], " ")));
        Assert.Equal("\"a, 1\"", Show(AggregateValues.GroupConcat([Literal.Simple("a"), Typed("1", "integer")], ", ")));
        Assert.Equal("\"\"", Show(AggregateValues.GroupConcat([], " ")));
        Assert.Null(AggregateValues.GroupConcat([Literal.Simple("a"), Iri.Create("http://a/")], " "));
    }

    [Theory]
    [InlineData(10.0, "1.0E1")]
    [InlineData(0.001, "1.0E-3")]
    [InlineData(123456.789, "1.23456789E5")]
    [InlineData(-1.5e-300, "-1.5E-300")]
    [InlineData(1e21, "1.0E21")]
    [InlineData(0.0, "0.0E0")]
    [InlineData(-0.0, "-0.0E0")]
    public void DoubleCanonicalForm(double value, string expected) =>
        Assert.Equal(expected, NumericValue.DoubleCanonical(value, false));

    [Theory]
    [InlineData("1.50", "1.5")]
    [InlineData("-0.0", "0")]
    [InlineData("+3.000", "3")]
    [InlineData("0.25", "0.25")]
    public void DecimalCanonicalForm(string lexical, string expected)
    {
        Assert.True(NumericValue.TryParseDecimal(lexical, out var v));
        Assert.Equal(expected, v.ToLiteral().LexicalForm);
    }

    [Theory]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("-.5e-3")]
    [InlineData("+INF")]
    public void DoubleLexicalForms(string lexical) => Assert.True(NumericValue.TryParseDouble(lexical, NumericKind.Double, out _));

    [Theory]
    [InlineData("1e")]
    [InlineData("e1")]
    [InlineData("inf")]
    [InlineData(" 1")]
    [InlineData("1.2.3")]
    [InlineData("")]
    public void DoubleLexicalErrors(string lexical) => Assert.False(NumericValue.TryParseDouble(lexical, NumericKind.Double, out _));
}
