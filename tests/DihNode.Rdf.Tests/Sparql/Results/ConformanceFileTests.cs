using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Results;

namespace DihNode.Rdf.Tests.Sparql.Results;

/// <summary>Every expected-result file of the SPARQL 1.0 and 1.1 suites in a result format reads without error.</summary>
public class ConformanceFileTests
{
    public static IEnumerable<object[]> Srx() => SharedFiles.ResultFiles(".srx");

    public static IEnumerable<object[]> Others() => SharedFiles.ResultFiles(".srj", ".tsv", ".csv");

    [Theory]
    [MemberData(nameof(Srx))]
    public void XmlResultReads(string file) => ReadAndRoundTrip(file);

    [Theory]
    [MemberData(nameof(Others))]
    public void JsonCsvTsvResultReads(string file) => ReadAndRoundTrip(file);

    [Fact]
    public void TheSuitesHoldTheExpectedNumberOfFiles()
    {
        Assert.True(Srx().Count() >= 400, "srx files: " + Srx().Count());
        Assert.Equal(12, Others().Count());
    }

    [Theory]
    [InlineData("csvtsv01")]
    [InlineData("csvtsv02")]
    public void CsvAndTsvOfTheSameQueryAgree(string name)
    {
        string dir = Path.Combine(SharedFiles.Conformance, "sparql11", "csv-tsv-res");
        SparqlResult tsv = SparqlResultReader.ReadFile(Path.Combine(dir, name + ".tsv"));
        SparqlResult csv = SparqlResultReader.ReadFile(Path.Combine(dir, name + ".csv"));
        ResultComparison c = ResultSetComparer.Compare(tsv, csv, ResultComparisonOptions.CsvValuesOnly);
        Assert.True(c.AreEqual, c.Difference);
        Assert.False(ResultSetComparer.AreEquivalent(tsv, csv));
    }

    [Fact]
    public void TsvTermsAreTyped()
    {
        SparqlResult r = SparqlResultReader.ReadFile(Path.Combine(SharedFiles.Conformance, "sparql11", "csv-tsv-res", "csvtsv03.tsv"));
        Assert.Equal(["s", "p", "o"], r.Variables);
        Assert.Equal(7, r.Rows.Count);
        Assert.Equal(Literal.Simple("1"), r.Rows[0][2]);
        Assert.Equal(Literal.Typed("2.2", Vocabulary.Xsd.Decimal), r.Rows[1][2]);
        Assert.Equal(Literal.Typed("-3", Iri.Create("http://www.w3.org/2001/XMLSchema#negativeInteger")), r.Rows[2][2]);
        Assert.Equal(Literal.Typed("1.0e6", Vocabulary.Xsd.Double), r.Rows[5][2]);
    }

    [Fact]
    public void JsonResultWithDatatypeFirstReads()
    {
        SparqlResult r = SparqlResultReader.ReadFile(Path.Combine(SharedFiles.Conformance, "sparql11", "json-res", "jsonres02.srj"));
        Assert.Equal(["s", "p", "o", "p2", "o2"], r.Variables);
        Assert.Equal(Literal.Typed("4", Vocabulary.Xsd.Integer), r.Get(3, "o"));
        Assert.Null(r.Get(1, "p2"));
    }

    private static void ReadAndRoundTrip(string file)
    {
        string path = Path.Combine(SharedFiles.Conformance, file);
        SparqlResult r = SparqlResultReader.ReadFile(path);
        SparqlResultFormat format = SparqlResultFormats.FromFileName(path)!.Value;
        string written = SparqlResultWriter.WriteToString(r, format);
        SparqlResult back = SparqlResultReader.ReadString(written, format);
        ResultComparisonOptions options = ResultComparisonOptions.Ordered
            | (format == SparqlResultFormat.Csv ? ResultComparisonOptions.CsvValuesOnly : 0);
        ResultComparison c = ResultSetComparer.Compare(r, back, options);
        Assert.True(c.AreEqual, c.Difference);
    }
}
