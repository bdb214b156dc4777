using DihNode.Rdf.Io;
using DihNode.Rdf.Io.Conneg;

namespace DihNode.Rdf.Tests.Io.Conneg;

/// <summary>Accept-header negotiation by RFC 9110 §12.5.1, and the format registry built on it.</summary>
public class ContentNegotiationTests
{
    private static readonly string[] Rdf = ["text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json"];

    [Theory]
    [InlineData(null, "text/turtle")]                                              // no header: anything, the server's first
    [InlineData("", "text/turtle")]
    [InlineData("*/*", "text/turtle")]
    [InlineData("application/rdf+xml", "application/rdf+xml")]
    [InlineData("APPLICATION/RDF+XML", "application/rdf+xml")]                      // case-insensitive
    [InlineData("application/rdf+xml;q=0.5, application/n-triples;q=0.8", "application/n-triples")]
    [InlineData("application/*", "application/n-triples")]                          // a tie among the range: server order
    [InlineData("text/*;q=0.1, application/ld+json", "application/ld+json")]
    [InlineData("*/*;q=0.1, application/rdf+xml;q=0.2", "application/rdf+xml")]
    [InlineData("application/rdf+xml;q=0.9, application/n-triples;q=0.9", "application/n-triples")] // tie: server order
    [InlineData("text/turtle;q=0, */*", "application/n-triples")]                  // q=0 refuses even under */*
    [InlineData("*/*, text/turtle;q=0", "application/n-triples")]                  // order of ranges does not matter
    [InlineData("application/*;q=0.3, application/rdf+xml;q=0.9, */*;q=0.1", "application/rdf+xml")]
    [InlineData("application/*;q=0.9, application/rdf+xml;q=0.2", "application/n-triples")] // the more specific range lowers rdf+xml
    [InlineData("text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8", "text/turtle")] // a browser
    [InlineData("text/turtle;q=1.000, application/rdf+xml;q=1", "text/turtle")]
    [InlineData("bogus, application/rdf+xml", "application/rdf+xml")]              // a bad element is skipped
    [InlineData("text/turtle;q=2, application/rdf+xml;q=0.5", "application/rdf+xml")] // invalid q drops the element
    [InlineData("text/turtle;q=0.1234, application/rdf+xml;q=0.5", "application/rdf+xml")] // more than 3 decimals
    [InlineData("text/turtle;charset=\"UTF-8\";q=0.7, application/rdf+xml;q=0.5", "application/rdf+xml")] // the offer lacks charset
    [InlineData("text/turtle;charset=\"UTF-8\";q=0.7, application/rdf+xml;q=0.5, text/turtle;q=0.6", "text/turtle")]
    public void ChoosesTheBestOffer(string? accept, string expected) =>
        Assert.Equal(expected, ContentNegotiation.Choose(accept, Rdf));

    [Theory]
    [InlineData("text/html")]
    [InlineData("text/turtle;q=0, application/*;q=0, */*;q=0")]
    [InlineData("image/*")]
    [InlineData("text/turtle;version=2")]                                            // a parameter the offer lacks
    public void NoAcceptableOfferGivesNull(string accept) =>
        Assert.Null(ContentNegotiation.Choose(accept, Rdf));

    [Fact]
    public void ParametersMakeARangeMoreSpecific()
    {
        string[] offered = ["text/html;level=1", "text/html;level=2", "text/plain"];
        // The example of RFC 7231 §5.3.2 (the same rules as RFC 9110 §12.5.1).
        const string accept = "text/*;q=0.3, text/html;q=0.7, text/html;level=1, text/html;level=2;q=0.4, */*;q=0.5";
        var ranges = AcceptHeader.Parse(accept);
        Assert.Equal(1.0, ContentNegotiation.QualityOf(ranges, MediaType.Parse("text/html;level=1")));
        Assert.Equal(0.7, ContentNegotiation.QualityOf(ranges, MediaType.Parse("text/html")), 3);
        Assert.Equal(0.3, ContentNegotiation.QualityOf(ranges, MediaType.Parse("text/plain")), 3);
        Assert.Equal(0.5, ContentNegotiation.QualityOf(ranges, MediaType.Parse("image/jpeg")), 3);
        Assert.Equal(0.4, ContentNegotiation.QualityOf(ranges, MediaType.Parse("text/html;level=2")), 3);
        Assert.Equal(0.7, ContentNegotiation.QualityOf(ranges, MediaType.Parse("text/html;level=3")), 3);
        Assert.Equal("text/html;level=1", ContentNegotiation.Choose(accept, offered));
    }

    [Fact]
    public void OffersWithParametersMatchPlainRanges()
    {
        string[] offered = ["text/html; charset=utf-8", "application/sparql-results+json"];
        Assert.Equal("application/sparql-results+json", ContentNegotiation.Choose("application/sparql-results+json, text/html;q=0.5", offered));
        Assert.Equal("text/html; charset=utf-8", ContentNegotiation.Choose("text/html;charset=UTF-8", offered));
    }

    [Fact]
    public void ParsesRangesQuotedCommasAndExtensions()
    {
        var ranges = AcceptHeader.Parse("text/plain; x=\"a,b\"; q=0.5; ext=\"c,d\" , , */*;q=0");
        Assert.Equal(2, ranges.Count);
        Assert.Equal("text/plain", ranges[0].Range.Essence);
        Assert.Equal("a,b", ranges[0].Range.Parameter("x"));
        Assert.Equal(0.5, ranges[0].Quality);
        Assert.True(ranges[1].Range.IsRange);
        Assert.Equal(0, ranges[1].Quality);
    }

    [Theory]
    [InlineData("*/html")]
    [InlineData("text")]
    [InlineData("text/")]
    [InlineData("text/plain; charset")]
    [InlineData("text/plain; x=\"open")]
    public void RejectsMalformedMediaTypes(string text)
    {
        Assert.False(MediaType.TryParse(text, out _));
        Assert.Throws<FormatException>(() => MediaType.Parse(text));
    }

    [Fact]
    public void RegistryMapsMediaTypesExtensionsAndFormats()
    {
        foreach (var format in RdfFormats.All)
        {
            Assert.Equal(format, RdfFormats.FromMediaType(format.MediaType()));
            Assert.Equal(format, RdfFormats.FromFileName("data" + format.FileExtension().ToUpperInvariant()));
            Assert.Equal(format, RdfFormats.FromExtension(format.FileExtension().TrimStart('.')));
            Assert.Equal(format.MediaType(), format.MediaTypes()[0]);
        }
        Assert.Equal(RdfFormat.Turtle, RdfFormats.FromMediaType("Text/Turtle; charset=utf-8"));
        Assert.Equal(RdfFormat.RdfXml, RdfFormats.FromName("application/rdf+xml;charset=utf-8"));
        Assert.Equal(RdfFormat.RdfXml, RdfFormats.FromName("rdfxml"));
        Assert.Null(RdfFormats.FromMediaType("text/*"));
        Assert.Null(RdfFormats.FromMediaType("text/html"));
        Assert.Null(RdfFormats.FromExtension(".txt"));
    }

    [Fact]
    public void NegotiatesAmongFormats()
    {
        RdfFormat[] formats = [RdfFormat.Turtle, RdfFormat.RdfXml, RdfFormat.NTriples];
        Assert.Equal(RdfFormat.Turtle, RdfFormats.Negotiate(null, formats));
        Assert.Equal(RdfFormat.RdfXml, RdfFormats.Negotiate("application/rdf+xml, text/turtle;q=0.5", formats));
        Assert.Equal(RdfFormat.Turtle, RdfFormats.Negotiate("application/x-turtle", formats));
        Assert.Null(RdfFormats.Negotiate("application/ld+json", formats));
    }
}
