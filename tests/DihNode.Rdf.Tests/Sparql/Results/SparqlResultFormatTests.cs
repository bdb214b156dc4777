using DihNode.Rdf.Sparql.Results;

namespace DihNode.Rdf.Tests.Sparql.Results;

public class SparqlResultFormatTests
{
    [Theory]
    [InlineData(SparqlResultFormat.Json, "application/sparql-results+json", ".srj", true)]
    [InlineData(SparqlResultFormat.Xml, "application/sparql-results+xml", ".srx", true)]
    [InlineData(SparqlResultFormat.Csv, "text/csv", ".csv", false)]
    [InlineData(SparqlResultFormat.Tsv, "text/tab-separated-values", ".tsv", false)]
    public void FormatsHaveMediaTypesAndExtensions(SparqlResultFormat format, string mediaType, string extension, bool boolean)
    {
        Assert.Equal(mediaType, format.MediaType());
        Assert.Equal(extension, format.FileExtension());
        Assert.Equal(boolean, format.SupportsBoolean());
        Assert.Equal(format, SparqlResultFormats.FromName(mediaType));
        Assert.Equal(format, SparqlResultFormats.FromName(mediaType.ToUpperInvariant() + "; charset=utf-8"));
        Assert.Equal(format, SparqlResultFormats.FromFileName("dir/result" + extension.ToUpperInvariant()));
    }

    [Fact]
    public void UnknownNamesGiveNull()
    {
        Assert.Null(SparqlResultFormats.FromName("text/turtle"));
        Assert.Null(SparqlResultFormats.FromFileName("x.ttl"));
        Assert.False(SparqlResultFormat.Csv.IsLossless());
        Assert.True(SparqlResultFormat.Tsv.IsLossless());
    }
}
