using static DihNode.Rdf.Tests.Sparql.Expressions.ExpressionHarness;

namespace DihNode.Rdf.Tests.Sparql.Expressions;

public sealed class NumericAndDateFunctionTests
{
    [Theory]
    [InlineData("ABS(-2)", "\"2\"^^xsd:integer")]
    [InlineData("ABS(-1.6)", "\"1.6\"^^xsd:decimal")]
    [InlineData("ABS(\"-1.5\"^^xsd:float)", "\"1.5E0\"^^xsd:float")]
    [InlineData("ABS(-2.5e0)", "\"2.5E0\"^^xsd:double")]
    [InlineData("ABS(\"-3\"^^xsd:short)", "\"3\"^^xsd:integer")]
    [InlineData("CEIL(1.1)", "\"2\"^^xsd:decimal")]
    [InlineData("CEIL(-1.6)", "\"-1\"^^xsd:decimal")]
    [InlineData("CEIL(-2)", "\"-2\"^^xsd:integer")]
    [InlineData("CEIL(1.1e0)", "\"2.0E0\"^^xsd:double")]
    [InlineData("FLOOR(1.1)", "\"1\"^^xsd:decimal")]
    [InlineData("FLOOR(-1.6)", "\"-2\"^^xsd:decimal")]
    [InlineData("FLOOR(-1.6e0)", "\"-2.0E0\"^^xsd:double")]
    [InlineData("ROUND(2.5)", "\"3\"^^xsd:decimal")]
    [InlineData("ROUND(-2.5)", "\"-2\"^^xsd:decimal")]
    [InlineData("ROUND(-2.51)", "\"-3\"^^xsd:decimal")]
    [InlineData("ROUND(1.1)", "\"1\"^^xsd:decimal")]
    [InlineData("ROUND(-1.6)", "\"-2\"^^xsd:decimal")]
    [InlineData("ROUND(2.5e0)", "\"3.0E0\"^^xsd:double")]
    [InlineData("ROUND(-2.5e0)", "\"-2.0E0\"^^xsd:double")]
    [InlineData("ROUND(\"NaN\"^^xsd:double)", "\"NaN\"^^xsd:double")]
    [InlineData("ROUND(7)", "\"7\"^^xsd:integer")]
    [InlineData("ROUND(\"7\")", "error")]
    [InlineData("ABS(\"x\"^^xsd:integer)", "error")]
    public void Numerics(string expression, string expected) => Assert.Equal(expected, Run(expression));

    [Theory]
    [InlineData("YEAR(\"2010-12-21T15:38:02-08:00\"^^xsd:dateTime)", "\"2010\"^^xsd:integer")]
    [InlineData("MONTH(\"2010-12-21T15:38:02-08:00\"^^xsd:dateTime)", "\"12\"^^xsd:integer")]
    [InlineData("DAY(\"2010-12-21T15:38:02-08:00\"^^xsd:dateTime)", "\"21\"^^xsd:integer")]
    [InlineData("HOURS(\"2010-12-21T15:38:02-08:00\"^^xsd:dateTime)", "\"15\"^^xsd:integer")]
    [InlineData("MINUTES(\"2010-12-21T15:38:02-08:00\"^^xsd:dateTime)", "\"38\"^^xsd:integer")]
    [InlineData("SECONDS(\"2010-12-21T15:38:02-08:00\"^^xsd:dateTime)", "\"2\"^^xsd:decimal")]
    [InlineData("SECONDS(\"2011-01-10T14:45:13.815-05:00\"^^xsd:dateTime)", "\"13.815\"^^xsd:decimal")]
    [InlineData("TIMEZONE(\"2010-12-21T15:38:02-08:00\"^^xsd:dateTime)", "\"-PT8H\"^^xsd:dayTimeDuration")]
    [InlineData("TIMEZONE(\"2010-12-21T15:38:02Z\"^^xsd:dateTime)", "\"PT0S\"^^xsd:dayTimeDuration")]
    [InlineData("TIMEZONE(\"2010-12-21T15:38:02+05:30\"^^xsd:dateTime)", "\"PT5H30M\"^^xsd:dayTimeDuration")]
    [InlineData("TIMEZONE(\"2010-12-21T15:38:02\"^^xsd:dateTime)", "error")]
    [InlineData("TZ(\"2010-12-21T15:38:02-08:00\"^^xsd:dateTime)", "\"-08:00\"")]
    [InlineData("TZ(\"2010-12-21T15:38:02Z\"^^xsd:dateTime)", "\"Z\"")]
    [InlineData("TZ(\"2010-12-21T15:38:02\"^^xsd:dateTime)", "\"\"")]
    [InlineData("YEAR(\"-0044-03-15T00:00:00\"^^xsd:dateTime)", "\"-44\"^^xsd:integer")]
    [InlineData("YEAR(\"2010-12-21\"^^xsd:date)", "\"2010\"^^xsd:integer")]
    [InlineData("HOURS(\"2010-12-21\"^^xsd:date)", "error")]
    [InlineData("YEAR(\"2010-13-21T00:00:00\"^^xsd:dateTime)", "error")]
    [InlineData("YEAR(\"2010-12-21T15:38:02\")", "error")]
    public void DateParts(string expression, string expected) => Assert.Equal(expected, Run(expression));
}
