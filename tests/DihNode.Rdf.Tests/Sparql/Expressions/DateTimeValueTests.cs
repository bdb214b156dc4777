using DihNode.Rdf.Sparql.Evaluation.Expressions;

namespace DihNode.Rdf.Tests.Sparql.Expressions;

public sealed class DateTimeValueTests
{
    [Theory]
    [InlineData("2010-06-21T11:28:01Z", "2010-06-21T11:28:01Z")]
    [InlineData("2010-06-21T11:28:01.500-08:00", "2010-06-21T11:28:01.5-08:00")]
    [InlineData("2010-06-21T11:28:01.000", "2010-06-21T11:28:01")]
    [InlineData("2010-12-31T24:00:00Z", "2011-01-01T00:00:00Z")]
    [InlineData("0000-01-01T00:00:00", "0000-01-01T00:00:00")]
    [InlineData("-0044-03-15T12:00:00+14:00", "-0044-03-15T12:00:00+14:00")]
    [InlineData("12345-01-01T00:00:00+00:00", "12345-01-01T00:00:00Z")]
    [InlineData("2000-02-29T00:00:00", "2000-02-29T00:00:00")]
    public void ParsesAndPrintsCanonically(string lexical, string canonical)
    {
        Assert.True(DateTimeValue.TryParse(lexical, false, out var v));
        Assert.Equal(canonical, v.ToCanonicalString());
    }

    [Theory]
    [InlineData("2010-06-21")]
    [InlineData("2010-06-21T11:28")]
    [InlineData("2010-06-21T11:28:01.")]
    [InlineData("2010-06-21T11:28:60")]
    [InlineData("2010-06-21T24:00:01")]
    [InlineData("2010-06-21T11:28:01+14:01")]
    [InlineData("2010-06-21T11:28:01+5:00")]
    [InlineData("2010-06-21T11:28:01 ")]
    [InlineData("1900-02-29T00:00:00")]
    [InlineData("2010-04-31T00:00:00")]
    [InlineData("02010-06-21T00:00:00")]
    [InlineData("210-06-21T00:00:00")]
    [InlineData("2010-6-21T00:00:00")]
    public void RejectsIllFormedDateTimes(string lexical) => Assert.False(DateTimeValue.TryParse(lexical, false, out _));

    [Theory]
    [InlineData("2006-08-23", true)]
    [InlineData("2006-08-23Z", true)]
    [InlineData("2006-08-23-05:00", true)]
    [InlineData("2006-08-23T00:00:00", false)]
    [InlineData("2006-13-23", false)]
    public void ParsesDates(string lexical, bool valid) => Assert.Equal(valid, DateTimeValue.TryParse(lexical, true, out _));

    [Theory]
    [InlineData("2006-08-23T09:00:00+01:00", "2006-08-23T08:00:00Z", 0)]
    [InlineData("2006-08-23T09:00:00", "2006-08-23T09:00:00", 0)]
    [InlineData("2006-08-23T09:00:00", "2006-08-23T22:59:59Z", null)]
    [InlineData("2006-08-23T09:00:00", "2006-08-23T23:00:01Z", -1)]
    [InlineData("2006-08-23T09:00:00", "2006-08-22T18:59:59Z", 1)]
    [InlineData("2006-08-23T09:00:00Z", "2006-08-23T09:00:00", null)]
    [InlineData("1999-12-31T23:59:59.999Z", "2000-01-01T00:00:00Z", -1)]
    public void PartialOrder(string a, string b, int? expected)
    {
        Assert.True(DateTimeValue.TryParse(a, false, out var x));
        Assert.True(DateTimeValue.TryParse(b, false, out var y));
        Assert.Equal(expected, DateTimeValue.Compare(x, y));
    }
}
