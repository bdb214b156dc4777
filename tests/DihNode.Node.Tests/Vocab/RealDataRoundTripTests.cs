using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Store;
using DihNode.Vocab.Import;
using static DihNode.Node.Tests.Vocab.VocabTestData;

namespace DihNode.Node.Tests.Vocab;

/// <summary>
/// The real EDIH catalogue, imported, travels Turtle -> RDF/XML -> JSON-LD -> N-Triples and comes
/// back isomorphic: every syntax DihNode publishes carries the hub data without loss.
/// </summary>
public sealed class RealDataRoundTripTests
{
    [Fact]
    public void EdihHubsSurviveEverySyntax()
    {
        using var store = new MemoryDataset();
        var report = HubImporter.Import(store, Path.Combine(DataDirectory, "dih", "edih-catalogue-2025.csv"), HubInputFormat.Edih2025, Reference, strict: true);
        Assert.Equal(457, report.Imported);
        var hubs = HubsGraph(store).Select(t => new Quad(t)).ToList();
        Assert.True(hubs.Count > 457 * 10, $"only {hubs.Count} triples");

        var current = hubs;
        foreach (var format in new[] { RdfFormat.Turtle, RdfFormat.RdfXml, RdfFormat.JsonLd, RdfFormat.NTriples })
            current = Reparse(current, format);

        Assert.True(Isomorphism.AreIsomorphic(hubs, current), Isomorphism.DescribeDifference(hubs, current, 10));
    }

    private static List<Quad> Reparse(List<Quad> quads, RdfFormat format)
    {
        using var buffer = new MemoryStream();
        RdfWriter.Write(buffer, format, quads);
        buffer.Position = 0;
        var sink = new ListSink();
        RdfParser.Parse(buffer, format, sink, new RdfParserOptions { BaseIri = "http://example.org/roundtrip/" });
        return sink.Quads;
    }

    private sealed class ListSink : IQuadSink
    {
        public List<Quad> Quads { get; } = [];
        public void Add(in Quad quad) => Quads.Add(quad);
    }
}
