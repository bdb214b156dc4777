using System.Globalization;
using System.Text;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Tests.Io;

/// <summary>
/// The chain Turtle → RDF/XML → JSON-LD → N-Triples, each step parsed by our parser and written by our
/// writer, ends isomorphic (<see cref="Isomorphism"/>) to the Turtle it started from: on the shared
/// example hubs and on a catalogue shaped like the benchmark's (organisations with language-tagged
/// names, typed dates, blank-node addresses, concepts).
/// </summary>
public class RoundTripChainTests
{
    private sealed class Collect : IQuadSink
    {
        public readonly List<Quad> Quads = [];
        public void Add(in Quad quad) => Quads.Add(quad);
    }

    private static List<Quad> Parse(byte[] bytes, RdfFormat format, string source)
    {
        var sink = new Collect();
        try
        {
            RdfParser.Parse(new MemoryStream(bytes), format, sink, new RdfParserOptions { SourceName = source });
        }
        catch (RdfSyntaxException e)
        {
            Assert.Fail($"{source} does not parse as {format}: {e.Message}");
        }
        return sink.Quads;
    }

    private static byte[] Write(IEnumerable<Quad> quads, RdfFormat format)
    {
        using var output = new MemoryStream();
        RdfWriter.Write(output, format, quads);
        return output.ToArray();
    }

    /// <summary>Runs the chain on Turtle bytes and returns (what the Turtle says, what N-Triples says at the end).</summary>
    private static (List<Quad> Start, List<Quad> End) Chain(byte[] turtle)
    {
        var start = Parse(turtle, RdfFormat.Turtle, "start.ttl");
        var fromXml = Parse(Write(start, RdfFormat.RdfXml), RdfFormat.RdfXml, "step.rdf");
        var fromJsonLd = Parse(Write(fromXml, RdfFormat.JsonLd), RdfFormat.JsonLd, "step.jsonld");
        var end = Parse(Write(fromJsonLd, RdfFormat.NTriples), RdfFormat.NTriples, "end.nt");
        return (start, end);
    }

    private static void AssertChainIsomorphic(byte[] turtle, int atLeast)
    {
        var (start, end) = Chain(turtle);
        Assert.True(start.Count >= atLeast, $"only {start.Count} triples in the source");
        Assert.Equal(start.Count, end.Count);
        string? difference = Isomorphism.DescribeDifference(start, end);
        Assert.True(difference is null, difference);
    }

    [Fact]
    public void ExampleHubs()
    {
        string path = Path.Combine(WriteTestHelper.SharedRoot(), "tools", "examples", "hubs.ttl");
        AssertChainIsomorphic(File.ReadAllBytes(path), atLeast: 20);
    }

    [Fact]
    public void GeneratedCatalogue()
    {
        AssertChainIsomorphic(Encoding.UTF8.GetBytes(CatalogueTurtle.Generate(organisations: 400)), atLeast: 4000);
    }

    [Fact]
    public void TheChainNoticesALostTriple()
    {
        // The check itself must be able to fail: drop one address triple and the datasets differ.
        var (start, end) = Chain(Encoding.UTF8.GetBytes(CatalogueTurtle.Generate(organisations: 3)));
        int address = end.FindIndex(q => q.Subject is BlankNode);
        Assert.True(address >= 0);
        end.RemoveAt(address);
        Assert.NotNull(Isomorphism.DescribeDifference(start, end));
    }
}
