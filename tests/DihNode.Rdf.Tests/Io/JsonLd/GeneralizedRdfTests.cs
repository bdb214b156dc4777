using System.Text.Json.Nodes;
using DihNode.Rdf.Io;
using DihNode.Rdf.Io.JsonLd;
using DihNode.Rdf.Io.JsonLd.ToRdf;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Tests.Io.JsonLd;

/// <summary>produceGeneralizedRdf: blank-node predicates reach only a generalized sink.</summary>
public class GeneralizedRdfTests
{
    private const string Document = """
        {"@context": {"@vocab": "_:"}, "@id": "http://example.org/n", "b1": "one", "b2": {"@id": "http://example.org/m"}, "http://example.org/p": 1}
        """;

    private sealed class Sink : IGeneralizedQuadSink
    {
        public readonly List<Quad> Quads = [];
        public readonly List<(NamedOrBlankNode S, BlankNode P, Term O)> Generalized = [];
        public void Add(in Quad quad) => Quads.Add(quad);
        public void AddGeneralized(NamedOrBlankNode subject, BlankNode predicate, Term @object, NamedOrBlankNode? graph) =>
            Generalized.Add((subject, predicate, @object));
    }

    [Fact]
    public void BlankNodePredicatesGoToTheGeneralizedSink()
    {
        var sink = new Sink();
        JsonLdProcessor.ToRdf(JsonNode.Parse(Document), sink, new JsonLdOptions { ProduceGeneralizedRdf = true });
        Assert.Single(sink.Quads);
        Assert.Equal(2, sink.Generalized.Count);
        Assert.Contains(sink.Generalized, g => g.O is Literal { LexicalForm: "one" });
        Assert.Contains(sink.Generalized, g => g.O is Iri { Value: "http://example.org/m" });
        Assert.NotEqual(sink.Generalized[0].P, sink.Generalized[1].P);
    }

    [Fact]
    public void WithoutTheOptionTheyAreDropped()
    {
        var sink = new Sink();
        JsonLdProcessor.ToRdf(JsonNode.Parse(Document), sink, new JsonLdOptions());
        Assert.Single(sink.Quads);
        Assert.Empty(sink.Generalized);
    }

    [Fact]
    public void APlainSinkNeverSeesThem()
    {
        var quads = new List<Quad>();
        JsonLdProcessor.ToRdf(JsonNode.Parse(Document), new ListSink(quads), new JsonLdOptions { ProduceGeneralizedRdf = true });
        Assert.Equal("http://example.org/p", Assert.Single(quads).Predicate.Value);
    }

    private sealed class ListSink(List<Quad> quads) : IQuadSink
    {
        public void Add(in Quad quad) => quads.Add(quad);
    }
}
