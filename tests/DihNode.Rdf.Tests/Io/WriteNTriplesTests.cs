using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using static DihNode.Rdf.Tests.Io.WriteTestHelper;

namespace DihNode.Rdf.Tests.Io;

public class WriteNTriplesTests
{
    [Fact]
    public void WritesOneCanonicalLinePerTriple()
    {
        string text = Write(RdfFormat.NTriples,
        [
            T("s", "p", "o"),
            T(B("b1"), "p", Literal.Simple("plain")),
            T(I("s"), "p", Literal.LangString("chat", "FR")),
            T(I("s"), "p", Literal.Typed("1", Vocabulary.Xsd.Integer)),
        ]);
        Assert.Equal(
            "<http://example.org/s> <http://example.org/p> <http://example.org/o> .\n" +
            "_:b1 <http://example.org/p> \"plain\" .\n" +
            "<http://example.org/s> <http://example.org/p> \"chat\"@fr .\n" +
            "<http://example.org/s> <http://example.org/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n",
            text);
    }

    [Fact]
    public void EscapesStringsCanonically()
    {
        string text = Write(RdfFormat.NTriples, [T(I("s"), "p", Literal.Simple("a\"b\\c\nd\re\tf\u0001g\u007Fh\u00E9\U0001F600"))]);
        Assert.Equal("<http://example.org/s> <http://example.org/p> \"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u007Fh\u00E9\U0001F600\" .\n", text);
    }

    [Fact]
    public void EscapesCharactersIriRefForbids()
    {
        string text = Write(RdfFormat.NTriples, [T(I("s"), "p", Iri.FromTrusted("http://example.org/a b<c>\u00E9"))]);
        Assert.Equal("<http://example.org/s> <http://example.org/p> <http://example.org/a\\u0020b\\u003Cc\\u003E\u00E9> .\n", text);
    }

    [Fact]
    public void RenamesBlankNodeLabelsThatAreNotLegal()
    {
        string text = Write(RdfFormat.NTriples,
            [T(B("a b"), "p", B("ok.")), T(B("a b"), "p", B("fine-1")), T(B("_x0"), "p", B("a b"))]);
        Assert.Equal(
            "_:_x0 <http://example.org/p> _:_x1 .\n" +
            "_:_x0 <http://example.org/p> _:fine-1 .\n" +
            "_:_x2 <http://example.org/p> _:_x0 .\n",
            text);
    }

    [Fact]
    public void NTriplesRefusesNamedGraphs()
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            Write(RdfFormat.NTriples, [T(I("s"), "p", I("o"), I("g"))]));
        Assert.Contains("N-Triples cannot hold named graphs", ex.Message);
    }

    [Fact]
    public void NQuadsWritesTheGraphLast()
    {
        string text = Write(RdfFormat.NQuads, [T(I("s"), "p", I("o"), I("g")), T(I("s"), "p", I("o")), T(I("s"), "p", I("o"), B("g"))]);
        Assert.Equal(
            "<http://example.org/s> <http://example.org/p> <http://example.org/o> <http://example.org/g> .\n" +
            "<http://example.org/s> <http://example.org/p> <http://example.org/o> .\n" +
            "<http://example.org/s> <http://example.org/p> <http://example.org/o> _:g .\n",
            text);
    }

    [Fact]
    public void LeavesTheStreamOpen()
    {
        using var ms = new MemoryStream();
        RdfWriter.Write(ms, RdfFormat.NTriples, [T("s", "p", "o")]);
        Assert.True(ms.CanWrite);
        Assert.True(ms.Length > 0);
        // Every RdfFormat has a writer now; a value outside the enum has none.
        Assert.Throws<NotSupportedException>(() => RdfWriter.Create(ms, (RdfFormat)99));
    }
}
