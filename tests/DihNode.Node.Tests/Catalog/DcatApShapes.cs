using DihNode.Node.Tests.Cli;
using DihNode.Node.Tests.Shapes;
using DihNode.Rdf.Model;

namespace DihNode.Node.Tests.Catalog;

/// <summary>
/// The DCAT-AP 3.0.1 shapes from the shared folder: <c>shacl/dcat-ap-SHACL.ttl</c> plus <c>shacl/ranges.ttl</c>,
/// as one graph. The published pair names five property shapes with <c>sh:property</c> that neither file
/// defines (no <c>sh:path</c>; e.g. <c>dcat:DatasetShape/95c69c99…</c>). Jena refuses such a shapes graph
/// ("Missing property shape") and our validator passes over them; both get the graph without those
/// five dangling triples, so they validate against the same constraints.
/// </summary>
internal static class DcatApShapes
{
    private static readonly Lazy<(List<Quad> Quads, int Dropped)> s_shapes = new(Load);

    public static string Folder => Path.Combine(CliTestHost.SharedRoot(), "dcat-ap", "3.0.1", "shacl");

    public static IReadOnlyList<Quad> Quads => s_shapes.Value.Quads;

    /// <summary>The dangling sh:property triples left out.</summary>
    public static int Dropped => s_shapes.Value.Dropped;

    private static (List<Quad>, int) Load()
    {
        var all = ShaclTestKit.Read(Path.Combine(Folder, "dcat-ap-SHACL.ttl"));
        all.AddRange(ShaclTestKit.Read(Path.Combine(Folder, "ranges.ttl")));
        var withPath = all.Where(q => q.Predicate.Value == "http://www.w3.org/ns/shacl#path").Select(q => q.Subject).ToHashSet();
        var kept = all.Where(q => q.Predicate.Value != "http://www.w3.org/ns/shacl#property" || withPath.Contains((NamedOrBlankNode)q.Object)).ToList();
        return (kept, all.Count - kept.Count);
    }

    /// <summary>The shapes as one N-Triples file in <paramref name="directory"/>, for Jena.</summary>
    public static string WriteFile(string directory)
    {
        string path = Path.Combine(directory, "dcat-ap-3.0.1.nt");
        if (!File.Exists(path)) ShaclTestKit.Write(path, Quads);
        return path;
    }
}
