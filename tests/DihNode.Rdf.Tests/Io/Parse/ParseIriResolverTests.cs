using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using static DihNode.Rdf.Tests.Io.Parsing.ParseSupport;

namespace DihNode.Rdf.Tests.Io.Parsing;

/// <summary>The examples of RFC 3986 §5.4, normal and abnormal, with base http://a/b/c/d;p?q.</summary>
public class ParseIriResolverTests
{
    private const string Base = "http://a/b/c/d;p?q";

    [Theory]
    [InlineData("g:h", "g:h")]
    [InlineData("g", "http://a/b/c/g")]
    [InlineData("./g", "http://a/b/c/g")]
    [InlineData("g/", "http://a/b/c/g/")]
    [InlineData("/g", "http://a/g")]
    [InlineData("//g", "http://g")]
    [InlineData("?y", "http://a/b/c/d;p?y")]
    [InlineData("g?y", "http://a/b/c/g?y")]
    [InlineData("#s", "http://a/b/c/d;p?q#s")]
    [InlineData("g#s", "http://a/b/c/g#s")]
    [InlineData("g?y#s", "http://a/b/c/g?y#s")]
    [InlineData(";x", "http://a/b/c/;x")]
    [InlineData("g;x", "http://a/b/c/g;x")]
    [InlineData("g;x?y#s", "http://a/b/c/g;x?y#s")]
    [InlineData("", "http://a/b/c/d;p?q")]
    [InlineData(".", "http://a/b/c/")]
    [InlineData("./", "http://a/b/c/")]
    [InlineData("..", "http://a/b/")]
    [InlineData("../", "http://a/b/")]
    [InlineData("../g", "http://a/b/g")]
    [InlineData("../..", "http://a/")]
    [InlineData("../../", "http://a/")]
    [InlineData("../../g", "http://a/g")]
    [InlineData("../../../g", "http://a/g")]
    [InlineData("../../../../g", "http://a/g")]
    [InlineData("/./g", "http://a/g")]
    [InlineData("/../g", "http://a/g")]
    [InlineData("g.", "http://a/b/c/g.")]
    [InlineData(".g", "http://a/b/c/.g")]
    [InlineData("g..", "http://a/b/c/g..")]
    [InlineData("..g", "http://a/b/c/..g")]
    [InlineData("./../g", "http://a/b/g")]
    [InlineData("./g/.", "http://a/b/c/g/")]
    [InlineData("g/./h", "http://a/b/c/g/h")]
    [InlineData("g/../h", "http://a/b/c/h")]
    [InlineData("g;x=1/./y", "http://a/b/c/g;x=1/y")]
    [InlineData("g;x=1/../y", "http://a/b/c/y")]
    [InlineData("g?y/./x", "http://a/b/c/g?y/./x")]
    [InlineData("g?y/../x", "http://a/b/c/g?y/../x")]
    [InlineData("g#s/./x", "http://a/b/c/g#s/./x")]
    [InlineData("g#s/../x", "http://a/b/c/g#s/../x")]
    [InlineData("http:g", "http:g")]
    public void Resolves_the_rfc_examples(string reference, string expected) =>
        Assert.Equal(expected, IriResolver.Resolve(Base, reference));

    [Theory]
    [InlineData("/a/b/c/./../../g", "/a/g")]
    [InlineData("mid/content=5/../6", "mid/6")]
    [InlineData("/..", "/")]
    [InlineData("a/..", "/")]
    public void Removes_dot_segments(string path, string expected) =>
        Assert.Equal(expected, IriResolver.RemoveDotSegments(path));

    [Fact]
    public void Merges_with_an_empty_base_path()
    {
        Assert.Equal("http://a/g", IriResolver.Resolve("http://a", "g"));
        Assert.Equal("http://a?q", IriResolver.Resolve("http://a?q", ""));
    }

    [Fact]
    public void Turtle_resolves_against_the_option_then_each_base_directive()
    {
        var sink = new ParseCollector();
        using var input = new MemoryStream("""
            <s> <p> <o> .
            @base <http://other.org/x/y> .
            <s> <p> <../o> .
            BASE <sub/>
            <s> <p> <#frag> .
            """u8.ToArray());
        RdfParser.Parse(input, RdfFormat.Turtle, sink, new RdfParserOptions { BaseIri = "http://example.org/dir/doc" });

        Assert.Equal(["http://example.org/dir/s", "http://other.org/x/s", "http://other.org/x/sub/s"],
            sink.Quads.Select(q => ((Iri)q.Subject).Value));
        Assert.Equal("http://other.org/o", ((Iri)sink.Quads[1].Object).Value);
        Assert.Equal("http://other.org/x/sub/#frag", ((Iri)sink.Quads[2].Object).Value);
        Assert.Equal(["http://other.org/x/y", "http://other.org/x/sub/"], sink.Bases);
    }

    [Fact]
    public void Turtle_refuses_a_relative_iri_without_a_base()
    {
        var e = Error("<http://example.org/s> <p> <o> .", RdfFormat.Turtle);
        Assert.Equal("relative IRI <p> and no base IRI to resolve it against", e.Problem);
        Assert.Equal(24, e.Column);
    }

    [Fact]
    public void Prefix_namespaces_resolve_against_the_base()
    {
        var quads = Parse("@prefix x: <ns#> . x:s x:p x:o .", RdfFormat.Turtle, new RdfParserOptions { BaseIri = Ex + "doc" });
        Assert.Equal(Ex + "ns#s", ((Iri)quads[0].Subject).Value);
    }

    [Fact]
    public void A_relative_base_option_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Parse("<s> <p> <o> .", RdfFormat.Turtle, new RdfParserOptions { BaseIri = "dir/doc" }));
        Assert.Contains("dir/doc", e.Message);
    }
}
