using System.Text;
using DihNode.Rdf.Sparql.Results;

namespace DihNode.Rdf.Tests.Sparql.Results;

/// <summary>
/// Truncated and corrupted documents in every format: the readers may accept some of them (a
/// corrupted letter inside a literal is still a literal) but must never throw anything except
/// <see cref="SparqlResultsSyntaxException"/>.
/// </summary>
public class MalformedInputTests
{
    [Theory]
    [InlineData(SparqlResultFormat.Json)]
    [InlineData(SparqlResultFormat.Xml)]
    [InlineData(SparqlResultFormat.Csv)]
    [InlineData(SparqlResultFormat.Tsv)]
    public void CorruptedDocumentsOnlyGiveSyntaxErrors(SparqlResultFormat format)
    {
        byte[] good = Encoding.UTF8.GetBytes(SparqlResultWriter.WriteToString(Samples.Awkward(), format));
        byte[] replacements = "\"'<>&{}[],:\t\n\r\\x?_@^.#;\0"u8.ToArray().Concat(new byte[] { 0xFF, 0xC3, 0x80 }).ToArray();
        var random = new Random(format.GetHashCode() + 17);
        int rejected = 0, accepted = 0;
        for (int i = 0; i < 1500; i++)
        {
            byte[] bad = (byte[])good.Clone();
            int mutations = 1 + random.Next(3);
            for (int m = 0; m < mutations; m++) bad[random.Next(bad.Length)] = replacements[random.Next(replacements.Length)];
            if (random.Next(4) == 0) bad = bad[..random.Next(bad.Length)];
            try
            {
                SparqlResultReader.Read(new MemoryStream(bad), format);
                accepted++;
            }
            catch (SparqlResultsSyntaxException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Problem));
                Assert.True(e.Path is not null || e.Line >= 1, e.Message);
                rejected++;
            }
        }
        Assert.True(rejected > 500, $"only {rejected} of 1500 corrupted documents rejected ({accepted} accepted)");
    }
}
