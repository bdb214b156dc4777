using DihNode.Rdf.Model;

namespace DihNode.Rdf.Tests.Model;

public class TermTests
{
    [Fact]
    public void SimpleLiteralIsXsdString()
    {
        var a = Literal.Simple("x");
        var b = Literal.Typed("x", Vocabulary.Xsd.String);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a.IsSimple);
        Assert.Equal("\"x\"", b.ToString());
    }

    [Fact]
    public void LanguageTagsCompareCaseInsensitively()
    {
        Assert.Equal(Literal.LangString("chat", "EN-gb"), Literal.LangString("chat", "en-GB"));
        Assert.NotEqual<Term>(Literal.LangString("chat", "en"), Literal.Simple("chat"));
        Assert.Throws<ArgumentException>(() => Literal.Typed("chat", Vocabulary.Rdf.LangString));
    }

    [Fact]
    public void TermsOfDifferentKindsDiffer()
    {
        Assert.NotEqual<Term>(Iri.Create("http://a/b"), new BlankNode("http://a/b"));
        Assert.NotEqual<Term>(Literal.Simple("1"), Literal.Typed("1", Vocabulary.Xsd.Integer));
    }

    [Theory]
    [InlineData("http://example.org/a b")]
    [InlineData("relative/path")]
    [InlineData("http://example.org/<x>")]
    [InlineData("")]
    public void InvalidIrisAreRefused(string value) => Assert.Throws<FormatException>(() => Iri.Create(value));

    [Fact]
    public void LiteralToStringEscapes() =>
        Assert.Equal("\"a\\\"b\\nc\"@en", Literal.LangString("a\"b\nc", "en").ToString());
}
