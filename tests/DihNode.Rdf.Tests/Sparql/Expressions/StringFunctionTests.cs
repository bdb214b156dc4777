using static DihNode.Rdf.Tests.Sparql.Expressions.ExpressionHarness;

namespace DihNode.Rdf.Tests.Sparql.Expressions;

public sealed class StringFunctionTests
{
    [Theory]
    [InlineData("STRLEN(\"chat\")", "\"4\"^^xsd:integer")]
    [InlineData("STRLEN(\"chat\"@en)", "\"4\"^^xsd:integer")]
    [InlineData("STRLEN(\"\")", "\"0\"^^xsd:integer")]
    [InlineData("STRLEN(\"a\\U0001F600b\")", "\"3\"^^xsd:integer")]
    [InlineData("STRLEN(1)", "error")]
    [InlineData("STRLEN(<http://a/>)", "error")]
    [InlineData("UCASE(\"foo\"@en)", "\"FOO\"@en")]
    [InlineData("UCASE(\"foo\"^^xsd:string)", "\"FOO\"")]
    [InlineData("LCASE(\"BAR\")", "\"bar\"")]
    [InlineData("LCASE(\"x\"^^:t)", "error")]
    [InlineData("UCASE(\"\U00010428\")", "\"\U00010400\"")]
    [InlineData("LCASE(\"\U00010400\u00C9\")", "\"\U00010428\u00E9\"")]
    public void LengthAndCase(string expression, string expected) => Assert.Equal(expected, Run(expression));

    [Theory]
    [InlineData("SUBSTR(\"foobar\", 4)", "\"bar\"")]
    [InlineData("SUBSTR(\"foobar\", 4, 1)", "\"b\"")]
    [InlineData("SUBSTR(\"foobar\"@en, 1, 3)", "\"foo\"@en")]
    [InlineData("SUBSTR(\"foobar\", 0, 2)", "\"f\"")]
    [InlineData("SUBSTR(\"foobar\", -5, 10)", "\"foob\"")]
    [InlineData("SUBSTR(\"foobar\", 1.5, 2.6)", "\"oob\"")]
    [InlineData("SUBSTR(\"foobar\", 10)", "\"\"")]
    [InlineData("SUBSTR(\"foobar\", 2, -1)", "\"\"")]
    [InlineData("SUBSTR(\"a\\U0001F600bc\", 2, 2)", "\"\U0001F600b\"")]
    [InlineData("SUBSTR(\"foobar\", \"2\")", "error")]
    [InlineData("SUBSTR(1234, 2)", "error")]
    public void Substr(string expression, string expected) => Assert.Equal(expected, Run(expression));

    [Theory]
    [InlineData("CONTAINS(\"foobar\", \"bar\")", "\"true\"^^xsd:boolean")]
    [InlineData("CONTAINS(\"foobar\"@en, \"bar\")", "\"true\"^^xsd:boolean")]
    [InlineData("CONTAINS(\"foobar\"@en, \"bar\"@en)", "\"true\"^^xsd:boolean")]
    [InlineData("CONTAINS(\"foobar\"@en, \"bar\"@fr)", "error")]
    [InlineData("CONTAINS(\"foobar\", \"bar\"@en)", "error")]
    [InlineData("CONTAINS(\"foobar\", 1)", "error")]
    [InlineData("STRSTARTS(\"foobar\", \"foo\")", "\"true\"^^xsd:boolean")]
    [InlineData("STRSTARTS(\"foobar\", \"\")", "\"true\"^^xsd:boolean")]
    [InlineData("STRENDS(\"foobar\"^^xsd:string, \"bar\")", "\"true\"^^xsd:boolean")]
    [InlineData("STRENDS(\"foobar\", \"foo\")", "\"false\"^^xsd:boolean")]
    [InlineData("STRBEFORE(\"abc\", \"b\")", "\"a\"")]
    [InlineData("STRBEFORE(\"abc\"@en, \"bc\")", "\"a\"@en")]
    [InlineData("STRBEFORE(\"abc\"@en, \"b\"@cy)", "error")]
    [InlineData("STRBEFORE(\"abc\"^^xsd:string, \"\")", "\"\"")]
    [InlineData("STRBEFORE(\"abc\"@en, \"\")", "\"\"@en")]
    [InlineData("STRBEFORE(\"abc\"@en, \"z\")", "\"\"")]
    [InlineData("STRAFTER(\"abc\", \"b\")", "\"c\"")]
    [InlineData("STRAFTER(\"abc\"@en, \"ab\")", "\"c\"@en")]
    [InlineData("STRAFTER(\"abc\"@en, \"\")", "\"abc\"@en")]
    [InlineData("STRAFTER(\"abc\", \"xyz\")", "\"\"")]
    [InlineData("STRAFTER(\"abc\", 1)", "error")]
    public void Containment(string expression, string expected) => Assert.Equal(expected, Run(expression));

    [Theory]
    [InlineData("CONCAT(\"foo\", \"bar\")", "\"foobar\"")]
    [InlineData("CONCAT(\"foo\"@en, \"bar\"@en)", "\"foobar\"@en")]
    [InlineData("CONCAT(\"foo\"@en, \"bar\"@fr)", "\"foobar\"")]
    [InlineData("CONCAT(\"foo\"^^xsd:string, \"bar\")", "\"foobar\"")]
    [InlineData("CONCAT(\"foo\"@en, \"bar\")", "\"foobar\"")]
    [InlineData("CONCAT(\"foo\"@en)", "\"foo\"@en")]
    [InlineData("CONCAT()", "\"\"")]
    [InlineData("CONCAT(\"a\", 1)", "error")]
    [InlineData("CONCAT(\"a\", ?unbound)", "error")]
    public void Concat(string expression, string expected) => Assert.Equal(expected, Run(expression));

    [Theory]
    [InlineData("ENCODE_FOR_URI(\"Los Angeles\")", "\"Los%20Angeles\"")]
    [InlineData("ENCODE_FOR_URI(\"Los Angeles\"@en)", "\"Los%20Angeles\"")]
    [InlineData("ENCODE_FOR_URI(\"a-b_c.d~e/f?g=h%\")", "\"a-b_c.d~e%2Ff%3Fg%3Dh%25\"")]
    [InlineData("ENCODE_FOR_URI(\"食\")", "\"%E9%A3%9F\"")]
    [InlineData("ENCODE_FOR_URI(<http://a/>)", "error")]
    public void EncodeForUri(string expression, string expected) => Assert.Equal(expected, Run(expression));

    [Theory]
    [InlineData("STRLANG(\"chat\", \"fr\")", "\"chat\"@fr")]
    [InlineData("STRLANG(\"chat\"^^xsd:string, \"en-US\")", "\"chat\"@en-us")]
    [InlineData("STRLANG(\"chat\"@en, \"fr\")", "error")]
    [InlineData("STRLANG(\"chat\", \"\")", "error")]
    [InlineData("STRLANG(\"chat\", \"not a tag\")", "error")]
    [InlineData("STRLANG(1, \"fr\")", "error")]
    [InlineData("STRDT(\"123\", xsd:integer)", "\"123\"^^xsd:integer")]
    [InlineData("STRDT(\"iiii\", <http://example/romanNumeral>)", "\"iiii\"^^<http://example/romanNumeral>")]
    [InlineData("STRDT(\"abc\", xsd:string)", "\"abc\"")]
    [InlineData("STRDT(\"abc\"@en, xsd:string)", "error")]
    [InlineData("STRDT(\"abc\", \"xsd:string\")", "error")]
    [InlineData("STRDT(\"abc\", <http://www.w3.org/1999/02/22-rdf-syntax-ns#langString>)", "error")]
    public void StrLangAndStrDt(string expression, string expected) => Assert.Equal(expected, Run(expression));

    [Theory]
    [InlineData("LANGMATCHES(\"en\", \"en\")", true)]
    [InlineData("LANGMATCHES(\"en-US\", \"en\")", true)]
    [InlineData("LANGMATCHES(\"EN-us\", \"en-US\")", true)]
    [InlineData("LANGMATCHES(\"en\", \"en-US\")", false)]
    [InlineData("LANGMATCHES(\"english\", \"en\")", false)]
    [InlineData("LANGMATCHES(\"fr\", \"*\")", true)]
    [InlineData("LANGMATCHES(\"\", \"*\")", false)]
    [InlineData("LANGMATCHES(\"\", \"\")", false)]
    [InlineData("LANGMATCHES(LANG(\"chat\"@de-DE), \"de\")", true)]
    public void LangMatches(string expression, bool expected) =>
        Assert.Equal(expected ? "\"true\"^^xsd:boolean" : "\"false\"^^xsd:boolean", Run(expression));

    [Fact]
    public void LangMatchesNeedsSimpleLiterals() => Assert.Equal("error", Run("LANGMATCHES(\"en\"@en, \"en\")"));
}
