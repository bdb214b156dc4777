using DihNode.Rdf.Model;
using static DihNode.Rdf.Tests.Sparql.Expressions.ExpressionHarness;

namespace DihNode.Rdf.Tests.Sparql.Expressions;

public sealed class RegexTests
{
    private const string True = "\"true\"^^xsd:boolean";
    private const string False = "\"false\"^^xsd:boolean";

    [Theory]
    [InlineData("REGEX(\"Alice\", \"^ali\")", False)]
    [InlineData("REGEX(\"Alice\", \"^ali\", \"i\")", True)]
    [InlineData("REGEX(\"Alice\"@en, \"lic\")", True)]
    [InlineData("REGEX(\"Alice\"^^xsd:string, \"e$\")", True)]
    [InlineData("REGEX(\"a\\nb\", \"a.b\")", False)]
    [InlineData("REGEX(\"a\\nb\", \"a.b\", \"s\")", True)]
    [InlineData("REGEX(\"a\\rb\", \"a.b\")", False)]
    [InlineData("REGEX(\"a\\nb\", \"^b$\")", False)]
    [InlineData("REGEX(\"a\\nb\", \"^b$\", \"m\")", True)]
    [InlineData("REGEX(\"a\\nb\", \"^a$\", \"m\")", True)]
    [InlineData("REGEX(\"ab\\n\", \"b$\")", False)]
    [InlineData("REGEX(\"hello world\", \"hello world\", \"x\")", False)]
    [InlineData("REGEX(\"helloworld\", \"hello world\", \"x\")", True)]
    [InlineData("REGEX(\"a b\", \"a[ ]b\", \"x\")", True)]
    [InlineData("REGEX(\"a.b*c\", \".b*\", \"q\")", True)]
    [InlineData("REGEX(\"aXbbc\", \".b*\", \"q\")", False)]
    [InlineData("REGEX(\"A.B\", \"a.b\", \"qi\")", True)]
    [InlineData("REGEX(\"xyz\", \"[a-z-[y]]{3}\")", False)]
    [InlineData("REGEX(\"xaz\", \"[a-z-[y]]{3}\")", True)]
    [InlineData("REGEX(\"name\", \"^\\\\i\\\\c*$\")", True)]
    [InlineData("REGEX(\"1name\", \"^\\\\i\\\\c*$\")", False)]
    [InlineData("REGEX(\"abab\", \"(ab)\\\\1\")", True)]
    [InlineData("REGEX(\"abc\", \"(?:b)\")", True)]
    public void Flags(string expression, string expected) => Assert.Equal(expected, Run(expression));

    [Theory]
    [InlineData("REGEX(\"abc\", \"(\")")]
    [InlineData("REGEX(\"abc\", \"a\", \"g\")")]
    [InlineData("REGEX(\"abc\", \"(?i)a\")")]
    [InlineData("REGEX(\"abc\", \"(?=a)\")")]
    [InlineData("REGEX(\"abc\", \"[]\")")]
    [InlineData("REGEX(1, \"1\")")]
    [InlineData("REGEX(<http://a/>, \"a\")")]
    [InlineData("REGEX(\"abc\", \"a\"@en)")]
    [InlineData("REGEX(\"abc\", 1)")]
    public void Errors(string expression) => Assert.Equal("error", Run(expression));

    [Theory]
    [InlineData("REPLACE(\"abcd\", \"b\", \"Z\")", "\"aZcd\"")]
    [InlineData("REPLACE(\"abab\", \"B\", \"Z\", \"i\")", "\"aZaZ\"")]
    [InlineData("REPLACE(\"abcd\"@en, \"b\", \"Z\")", "\"aZcd\"@en")]
    [InlineData("REPLACE(\"abcd\"^^xsd:string, \"b\", \"Z\")", "\"aZcd\"")]
    [InlineData("REPLACE(\"banana\", \"ana\", \"*\")", "\"b*na\"")]
    [InlineData("REPLACE(\"abracadabra\", \"(ab)|(a)\", \"[1=$1][2=$2]\")", "\"[1=ab][2=]r[1=][2=a]c[1=][2=a]d[1=ab][2=]r[1=][2=a]\"")]
    [InlineData("REPLACE(\"a$b\", \"\\\\$\", \"\\\\$\\\\$\")", "\"a$$b\"")]
    [InlineData("REPLACE(\"abc\", \"b\", \"\\\\\\\\\")", "\"a\\\\c\"")]
    [InlineData("REPLACE(\"a.b.c\", \".\", \"$\", \"q\")", "\"a$b$c\"")]
    [InlineData("REPLACE(\"aAbBaC\", \"a\", \"~/\", \"i\")", "\"~/~/bB~/C\"")]
    [InlineData("REPLACE(\"abc\", \"x*\", \"-\")", "error")]
    [InlineData("REPLACE(\"abc\", \"b\", \"$\")", "error")]
    [InlineData("REPLACE(\"abc\", \"b\", \"\\\\n\")", "error")]
    [InlineData("REPLACE(\"abc\", \"(\", \"x\")", "error")]
    [InlineData("REPLACE(\"abc\", \"b\", \"x\", \"z\")", "error")]
    [InlineData("REPLACE(\"abc\", \"b\", \"x\"@en)", "error")]
    public void Replace(string expression, string expected) => Assert.Equal(expected, Run(expression));

    [Fact]
    public void CatastrophicPatternTimesOutAsAnError()
    {
        var evaluator = NewEvaluator(regexTimeout: TimeSpan.FromMilliseconds(100));
        var row = new MapRow().Bind("s", Literal.Simple(new string('a', 40) + "!"));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Null(evaluator.Evaluate(Parse("REGEX(?s, \"^(a+)+$\")"), row));
        Assert.Null(evaluator.Evaluate(Parse("REPLACE(?s, \"^(a|aa)+$\", \"x\")"), row));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void CompiledPatternsAreCached()
    {
        var evaluator = NewEvaluator();
        var expression = Parse("REGEX(?s, \"^x\", \"i\")");
        Assert.Equal(True, Show(evaluator.Evaluate(expression, new MapRow().Bind("s", Literal.Simple("Xy")))));
        Assert.Equal(False, Show(evaluator.Evaluate(expression, new MapRow().Bind("s", Literal.Simple("yX")))));
        var a = Rdf.Sparql.Evaluation.Expressions.XPathRegex.Get("^x", "i", TimeSpan.FromSeconds(2));
        var b = Rdf.Sparql.Evaluation.Expressions.XPathRegex.Get("^x", "i", TimeSpan.FromSeconds(2));
        Assert.NotNull(a);
        Assert.Same(a, b);
    }
}
