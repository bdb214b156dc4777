using DihNode.Rdf.Io;
using DihNode.Rdf.Model;

namespace DihNode.Federation.Tests;

/// <summary>
/// The DCAT-AP 3.0.1 shapes of the shared folder (<c>dcat-ap/3.0.1/shacl</c>: <c>dcat-ap-SHACL.ttl</c> and
/// <c>ranges.ttl</c>) as one graph, without the five <c>sh:property</c> triples that name property shapes
/// neither file defines (the same treatment as the node tests' catalogue validation).
/// </summary>
internal static class DcatApShapes
{
    private static readonly Lazy<(List<Quad> Quads, int Dropped)> s_shapes = new(Load);

    public static IReadOnlyList<Quad> Quads => s_shapes.Value.Quads;

    public static int Dropped => s_shapes.Value.Dropped;

    private static (List<Quad>, int) Load()
    {
        string folder = Path.Combine(TestNode.DataDirectory, "..", "dcat-ap", "3.0.1", "shacl");
        var all = new List<Quad>();
        foreach (string file in new[] { "dcat-ap-SHACL.ttl", "ranges.ttl" })
        {
            string path = Path.Combine(folder, file);
            using var stream = File.OpenRead(path);
            RdfParser.Parse(stream, RdfFormat.Turtle, new Sink(all), new RdfParserOptions { SourceName = path });
        }
        var withPath = all.Where(q => q.Predicate.Value == "http://www.w3.org/ns/shacl#path").Select(q => q.Subject).ToHashSet();
        var kept = all.Where(q => q.Predicate.Value != "http://www.w3.org/ns/shacl#property" || withPath.Contains((NamedOrBlankNode)q.Object)).ToList();
        return (kept, all.Count - kept.Count);
    }

    private sealed class Sink(List<Quad> into) : IQuadSink
    {
        public void Add(in Quad quad) => into.Add(quad);
    }
}
