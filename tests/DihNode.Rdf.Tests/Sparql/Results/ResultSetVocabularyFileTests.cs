using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Results;

namespace DihNode.Rdf.Tests.Sparql.Results;

/// <summary>The SPARQL 1.0 expected results written in the DAWG result-set vocabulary (Turtle files) all read.</summary>
public class ResultSetVocabularyFileTests
{
    private sealed class ListSink : IQuadSink
    {
        public List<Quad> Quads { get; } = [];

        public void Add(in Quad quad) => Quads.Add(quad);
    }

    public static IEnumerable<object[]> TurtleResultFiles() =>
        SharedFiles.ResultFiles(".ttl").Where(f =>
            File.ReadAllText(Path.Combine(SharedFiles.Conformance, (string)f[0])).Contains(ResultSetVocabularyReader.Namespace, StringComparison.Ordinal)
            && !((string)f[0]).EndsWith("manifest.ttl", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(TurtleResultFiles))]
    public void TurtleResultSetReads(string file)
    {
        string path = Path.Combine(SharedFiles.Conformance, file);
        var sink = new ListSink();
        using (FileStream stream = File.OpenRead(path))
            RdfParser.Parse(stream, RdfFormat.Turtle, sink, new RdfParserOptions { BaseIri = new Uri(path).AbsoluteUri });
        Assert.True(ResultSetVocabularyReader.Contains(sink.Quads));
        SparqlResult r = ResultSetVocabularyReader.Read(sink.Quads, Path.GetFileName(path));
        if (!r.IsBoolean)
        {
            // Every row is as wide as the variable list, and every variable is bound somewhere or declared.
            Assert.All(r.Rows, row => Assert.Equal(r.Variables.Count, row.Length));
            // A written-then-read copy compares equal, blank nodes included.
            SparqlResult back = SparqlResultReader.ReadString(SparqlResultWriter.WriteToString(r, SparqlResultFormat.Json), SparqlResultFormat.Json);
            ResultComparison c = ResultSetComparer.Compare(r, back);
            Assert.True(c.AreEqual, c.Difference);
        }
    }

    [Fact]
    public void ThereAreManyOfThem() => Assert.True(TurtleResultFiles().Count() > 100, TurtleResultFiles().Count().ToString());

    [Fact]
    public void KnownFileHasKnownContent()
    {
        string path = Path.Combine(SharedFiles.Conformance, "sparql10", "optional-filter", "expr-4-result.ttl");
        SparqlResult r = ResultSetVocabularyReader.ReadFile(path);
        Assert.Equal(["title", "price"], r.Variables);
        Assert.Equal(3, r.Rows.Count);
        Assert.Contains(r.Rows, row => Literal.Simple("TITLE 3").Equals(row[0]) && row[1] is null);
    }
}
