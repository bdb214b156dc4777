using DihNode.Rdf.Sparql.Results;

namespace DihNode.Rdf.Tests.Sparql.Results;

public class RoundTripTests
{
    public static TheoryData<SparqlResultFormat, bool> Formats() => new()
    {
        { SparqlResultFormat.Json, true }, { SparqlResultFormat.Json, false },
        { SparqlResultFormat.Xml, true }, { SparqlResultFormat.Xml, false },
        { SparqlResultFormat.Csv, false }, { SparqlResultFormat.Tsv, false },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void SmallResultSurvives(SparqlResultFormat format, bool indented) => RoundTrip(Samples.Small(), format, indented);

    [Theory]
    [MemberData(nameof(Formats))]
    public void AwkwardTermsSurvive(SparqlResultFormat format, bool indented) => RoundTrip(Samples.Awkward(), format, indented);

    [Theory]
    [MemberData(nameof(Formats))]
    public void EmptyTablesSurvive(SparqlResultFormat format, bool indented)
    {
        RoundTrip(SparqlResult.FromTable(["a", "b"], []), format, indented);
        RoundTrip(SparqlResult.FromTable(["a"], [[null], [null]]), format, indented);
    }

    [Theory]
    [InlineData(SparqlResultFormat.Json)]
    [InlineData(SparqlResultFormat.Xml)]
    public void BooleansSurvive(SparqlResultFormat format)
    {
        foreach (bool b in new[] { true, false })
        {
            SparqlResult back = SparqlResultReader.ReadString(
                SparqlResultWriter.WriteToString(SparqlResult.FromBoolean(b), format), format);
            Assert.Equal(b, back.Boolean);
        }
    }

    [Fact]
    public void CsvKeepsOnlyStrings()
    {
        SparqlResult back = SparqlResultReader.ReadString(
            SparqlResultWriter.WriteToString(Samples.Small(), SparqlResultFormat.Csv), SparqlResultFormat.Csv);
        // The language tag and the datatype are gone: an exact comparison must fail, a CSV one pass.
        Assert.False(ResultSetComparer.AreEquivalent(Samples.Small(), back));
        Assert.True(ResultSetComparer.AreEquivalent(Samples.Small(), back, ResultComparisonOptions.CsvValuesOnly));
    }

    private static void RoundTrip(SparqlResult original, SparqlResultFormat format, bool indented)
    {
        string text = SparqlResultWriter.WriteToString(original, format, new SparqlResultWriterOptions { Indented = indented });
        SparqlResult back = SparqlResultReader.ReadString(text, format);
        Assert.Equal(original.Variables, back.Variables);
        ResultComparisonOptions options = ResultComparisonOptions.Ordered
            | (format == SparqlResultFormat.Csv ? ResultComparisonOptions.CsvValuesOnly : 0);
        ResultComparison c = ResultSetComparer.Compare(original, back, options);
        Assert.True(c.AreEqual, c.Difference + "\n" + text);
        if (format != SparqlResultFormat.Csv)
        {
            // Lossless formats give back the very same terms and labels.
            for (int i = 0; i < original.Rows.Count; i++) Assert.Equal(original.Rows[i], back.Rows[i]);
        }
    }
}
