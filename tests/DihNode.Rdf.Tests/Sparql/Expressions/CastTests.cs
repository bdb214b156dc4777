using static DihNode.Rdf.Tests.Sparql.Expressions.ExpressionHarness;

namespace DihNode.Rdf.Tests.Sparql.Expressions;

public sealed class CastTests
{
    [Theory]
    [InlineData("xsd:string(<http://a/b>)", "\"http://a/b\"")]
    [InlineData("xsd:string(\"x\")", "\"x\"")]
    [InlineData("xsd:string(\"+33.3300\"^^xsd:decimal)", "\"33.33\"")]
    [InlineData("xsd:string(\"013\"^^xsd:integer)", "\"13\"")]
    [InlineData("xsd:string(1.0e1)", "\"10\"")]
    [InlineData("xsd:string(1.5e7)", "\"1.5E7\"")]
    [InlineData("xsd:string(1.5e-5)", "\"0.000015\"")]
    [InlineData("xsd:string(\"1e-5\"^^xsd:float)", "\"0.00001\"")]
    [InlineData("xsd:string(\"-0.0\"^^xsd:double)", "\"-0\"")]
    [InlineData("xsd:string(\"INF\"^^xsd:double)", "\"INF\"")]
    [InlineData("xsd:string(\"1\"^^xsd:boolean)", "\"true\"")]
    [InlineData("xsd:string(\"2002-10-10T17:00:00Z\"^^xsd:dateTime)", "\"2002-10-10T17:00:00Z\"")]
    [InlineData("xsd:string(\"x\"^^:t)", "\"x\"")]
    [InlineData("xsd:string(\"chat\"@fr)", "\"chat\"")]
    [InlineData("xsd:string(BNODE())", "error")]
    public void ToStringCasts(string expression, string expected) => Assert.Equal(expected, Run(expression));

    [Theory]
    [InlineData("xsd:boolean(\"true\")", "\"true\"^^xsd:boolean")]
    [InlineData("xsd:boolean(\" 0 \")", "\"false\"^^xsd:boolean")]
    [InlineData("xsd:boolean(\"yes\")", "error")]
    [InlineData("xsd:boolean(0.0)", "\"false\"^^xsd:boolean")]
    [InlineData("xsd:boolean(\"NaN\"^^xsd:double)", "\"false\"^^xsd:boolean")]
    [InlineData("xsd:boolean(-3)", "\"true\"^^xsd:boolean")]
    [InlineData("xsd:boolean(<http://a/>)", "error")]
    [InlineData("xsd:boolean(\"2002-10-10T17:00:00Z\"^^xsd:dateTime)", "error")]
    public void ToBoolean(string expression, string expected) => Assert.Equal(expected, Run(expression));

    [Theory]
    [InlineData("xsd:integer(\"13\")", "\"13\"^^xsd:integer")]
    [InlineData("xsd:integer(\"+013\")", "\"13\"^^xsd:integer")]
    [InlineData("xsd:integer(\"1.5\")", "error")]
    [InlineData("xsd:integer(\"abc\")", "error")]
    [InlineData("xsd:integer(2.9)", "\"2\"^^xsd:integer")]
    [InlineData("xsd:integer(-2.9)", "\"-2\"^^xsd:integer")]
    [InlineData("xsd:integer(-1.02E4)", "\"-10200\"^^xsd:integer")]
    [InlineData("xsd:integer(\"INF\"^^xsd:double)", "error")]
    [InlineData("xsd:integer(true)", "\"1\"^^xsd:integer")]
    [InlineData("xsd:integer(\"2002-10-10T17:00:00Z\"^^xsd:dateTime)", "error")]
    [InlineData("xsd:decimal(\"+33.3300\")", "\"33.33\"^^xsd:decimal")]
    [InlineData("xsd:decimal(\"-10.2E3\")", "error")]
    [InlineData("xsd:decimal(13)", "\"13\"^^xsd:decimal")]
    [InlineData("xsd:decimal(-1.02E4)", "\"-10200\"^^xsd:decimal")]
    [InlineData("xsd:decimal(\"NaN\"^^xsd:double)", "error")]
    [InlineData("xsd:decimal(false)", "\"0\"^^xsd:decimal")]
    [InlineData("xsd:float(\"-10.2E3\")", "\"-1.02E4\"^^xsd:float")]
    [InlineData("xsd:float(\"+33.3300\")", "\"3.333E1\"^^xsd:float")]
    [InlineData("xsd:float(\"true\")", "error")]
    [InlineData("xsd:double(\"13\")", "\"1.3E1\"^^xsd:double")]
    [InlineData("xsd:double(\"INF\")", "\"INF\"^^xsd:double")]
    [InlineData("xsd:double(\"1e\")", "error")]
    [InlineData("xsd:double(\"2002-10-10T17:00:00Z\")", "error")]
    [InlineData("xsd:double(true)", "\"1.0E0\"^^xsd:double")]
    [InlineData("xsd:double(0.1)", "\"1.0E-1\"^^xsd:double")]
    [InlineData("xsd:double(<http://a/>)", "error")]
    [InlineData("xsd:byte(\"127\")", "\"127\"^^xsd:byte")]
    [InlineData("xsd:byte(\"128\")", "error")]
    [InlineData("xsd:nonNegativeInteger(-1)", "error")]
    public void ToNumbers(string expression, string expected) => Assert.Equal(expected, Run(expression));

    [Theory]
    [InlineData("xsd:dateTime(\"2002-10-10T17:00:00Z\")", "\"2002-10-10T17:00:00Z\"^^xsd:dateTime")]
    [InlineData("xsd:dateTime(\"2002-10-10T17:00:00.500+01:00\")", "\"2002-10-10T17:00:00.5+01:00\"^^xsd:dateTime")]
    [InlineData("xsd:dateTime(\"2002-10-10\")", "error")]
    [InlineData("xsd:dateTime(\"true\")", "error")]
    [InlineData("xsd:dateTime(\"2002-10-10\"^^xsd:date)", "\"2002-10-10T00:00:00\"^^xsd:dateTime")]
    [InlineData("xsd:dateTime(\"2002-10-10Z\"^^xsd:date)", "\"2002-10-10T00:00:00Z\"^^xsd:dateTime")]
    [InlineData("xsd:date(\"2002-10-10T17:00:00-05:00\"^^xsd:dateTime)", "\"2002-10-10-05:00\"^^xsd:date")]
    [InlineData("xsd:dateTime(12)", "error")]
    [InlineData("xsd:date(\"2002-10-10\")", "\"2002-10-10\"^^xsd:date")]
    public void ToDates(string expression, string expected) => Assert.Equal(expected, Run(expression));

    [Fact]
    public void CastsTakeOneArgument() => Assert.Equal("error", Run("xsd:integer(\"1\", \"2\")"));

    [Fact]
    public void UnsupportedTargetsAreErrors()
    {
        Assert.Equal("error", Run("xsd:gYear(\"2001\")"));
        Assert.Null(Rdf.Sparql.Evaluation.Expressions.XsdCasts.Cast(DihNode.Rdf.Model.Literal.Simple("1"), DihNode.Rdf.Model.Iri.Create("http://example.org/integer")));
    }

    [Fact]
    public void RegexTimeoutMustBePositive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Rdf.Sparql.Evaluation.Expressions.ExpressionEvaluator(regexTimeout: TimeSpan.Zero));
}
