using System.Text;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Store;

namespace DihNode.Rdf.Tests.Store;

/// <summary>Loading real parser output: the atomic load a node does when it imports a file.</summary>
public class DatasetParsingTests
{
    private const string Good = """
        @prefix ex: <http://example.org/> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        ex:hub1 a ex:Hub ; ex:name "Hub één"@nl , "Hub one"@en ; ex:founded "2019-05-01"^^xsd:date ;
            ex:address [ ex:city "Gent" ] .
        ex:hub2 a ex:Hub ; ex:name "Hub two" .
        """;

    private static void Parse(IQuadSink sink, string turtle, RdfFormat format = RdfFormat.Turtle) =>
        RdfParser.Parse(Encoding.UTF8.GetBytes(turtle), format, sink);

    [Fact]
    public void LoadsParsedTurtle()
    {
        var dataset = new MemoryDataset();
        Assert.Equal(8, dataset.Load(sink => Parse(sink, Good)));
        Assert.True(dataset.TryGetId(Iri.Create("http://example.org/Hub"), out int hub));
        Assert.True(dataset.TryGetId(Vocabulary.Rdf.Type, out int type));
        Assert.Equal(2, dataset.Count(QuadPattern.InDefaultGraph(p: type, o: hub)));
        Assert.True(dataset.Contains(new Quad(Iri.Create("http://example.org/hub1"), Iri.Create("http://example.org/name"), Literal.LangString("Hub één", "nl"), null)));
        Assert.True(dataset.Contains(new Quad(Iri.Create("http://example.org/hub1"), Iri.Create("http://example.org/founded"), Literal.Typed("2019-05-01", Vocabulary.Xsd.Date), null)));
    }

    [Fact]
    public void ASyntaxErrorLateInTheFileLoadsNothing()
    {
        var dataset = new MemoryDataset();
        dataset.Load(sink => Parse(sink, Good));
        var before = dataset.Quads().ToHashSet();
        string bad = """
            @prefix ex: <http://example.org/> .
            ex:hub3 a ex:Hub ; ex:name "Hub three" .
            ex:hub4 a ex:Hub ; ex:name "Hub four" .
            ex:hub5 ex:name "unterminated .
            """;
        var error = Assert.Throws<RdfSyntaxException>(() => dataset.Load(sink => Parse(sink, bad)));
        Assert.Equal(4, error.Line);
        Assert.Equal(before.Count, dataset.QuadCount);
        Assert.True(before.SetEquals(dataset.Quads()));
        Assert.False(dataset.Contains(new Quad(Iri.Create("http://example.org/hub3"), Vocabulary.Rdf.Type, Iri.Create("http://example.org/Hub"), null)));
    }

    [Fact]
    public void LoadsNamedGraphsFromTriG()
    {
        var dataset = new MemoryDataset();
        dataset.Load(sink => Parse(sink, """
            @prefix ex: <http://example.org/> .
            ex:a ex:p ex:b .
            ex:g1 { ex:a ex:p ex:c . ex:a ex:q ex:d }
            GRAPH ex:g2 { ex:a ex:p ex:c }
            """, RdfFormat.TriG));
        Assert.Equal(4, dataset.QuadCount);
        Assert.Equal(1, dataset.DefaultGraphCount);
        Assert.Equal([Iri.Create("http://example.org/g1"), Iri.Create("http://example.org/g2")], dataset.GraphNames().OrderBy(g => g.ToString()).ToList());
        Assert.True(dataset.TryGetId(Iri.Create("http://example.org/c"), out int c));
        Assert.Equal(2, dataset.Count(QuadPattern.InNamedGraphs(o: c)));
        Assert.Equal(0, dataset.Count(QuadPattern.InDefaultGraph(o: c)));
    }
}
