using System.Text;
using DihNode.Vocab.Csv;

namespace DihNode.Node.Tests.Vocab;

public sealed class CsvReaderTests
{
    private static List<CsvRecord> Read(string text, int maxField = 1 << 20) =>
        new CsvReader { SourceName = "t.csv", MaxFieldLength = maxField }.Read(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void ReadsQuotedFieldsWithCommasQuotesAndLineBreaks()
    {
        var records = Read("a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"line1\nline2\",\n3,,last");
        Assert.Equal(4, records.Count);
        Assert.Equal(["1", "x, y", "say \"hi\""], records[1].Fields);
        Assert.Equal(["2", "line1\nline2", ""], records[2].Fields);
        Assert.Equal(3, records[2].Line);
        Assert.Equal(5, records[3].Line); // the quoted line break moved the next record down
        Assert.Equal(4, records[3].Row);
        Assert.Equal(["3", "", "last"], records[3].Fields);
    }

    [Fact]
    public void SkipsTheUtf8ByteOrderMark()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("name\nÉcole")).ToArray();
        var records = new CsvReader().Read(bytes);
        Assert.Equal("name", records[0].Fields[0]);
        Assert.Equal("École", records[1].Fields[0]);
    }

    [Fact]
    public void AQuoteLeftOpenIsAnErrorAtTheOpeningQuote()
    {
        var e = Assert.Throws<CsvFormatException>(() => Read("a,b\n1,2\n3,\"never closed\n4,5\n"));
        Assert.Equal(3, e.Row);
        Assert.Equal(3, e.Line);
        Assert.Equal(3, e.Column);
        Assert.Contains("still open at the end", e.Message);
        Assert.StartsWith("t.csv:3:3:", e.Message);
    }

    [Fact]
    public void AStrayQuoteIsAnError()
    {
        var e = Assert.Throws<CsvFormatException>(() => Read("a,b\n1,ab\"c\n"));
        Assert.Equal((2, 2, 5), (e.Row, e.Line, e.Column));
        e = Assert.Throws<CsvFormatException>(() => Read("a,b\n1,\"ab\"c\n"));
        Assert.Equal((2, 2, 7), (e.Row, e.Line, e.Column));
        Assert.Contains("after the closing quote", e.Problem);
    }

    [Fact]
    public void Latin1TextIsReportedAsWrongEncodingWithItsPosition()
    {
        var bytes = Encoding.Latin1.GetBytes("name,city\nHub,München\n");
        var e = Assert.Throws<CsvFormatException>(() => new CsvReader().Read(bytes));
        Assert.Equal(2, e.Line);
        Assert.Equal(6, e.Column);
        Assert.Contains("not UTF-8", e.Problem);
        Assert.Contains("0xFC", e.Problem);
    }

    [Fact]
    public void Utf16IsRefused()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("a,b\n")).ToArray();
        Assert.Contains("UTF-16", Assert.Throws<CsvFormatException>(() => new CsvReader().Read(bytes)).Problem);
        Assert.Contains("NUL", Assert.Throws<CsvFormatException>(() => new CsvReader().Read(Encoding.Unicode.GetBytes("a,b\n"))).Problem);
    }

    [Fact]
    public void ATooLongFieldMarksItsRecordAndReadingGoesOn()
    {
        var records = Read("a,b\n1,\"" + new string('x', 50) + "\"\n2,ok\n", maxField: 20);
        Assert.Equal(3, records.Count);
        Assert.Contains("longer than 20", records[1].Problem);
        Assert.Equal(1, records[1].ProblemField);
        Assert.Null(records[2].Problem);
        Assert.Equal(["2", "ok"], records[2].Fields);
    }

    [Fact]
    public void ALoneCarriageReturnIsAnError()
    {
        var e = Assert.Throws<CsvFormatException>(() => Read("a,b\r1,2\n"));
        Assert.Equal(1, e.Line);
    }
}
