using DihNode.Rdf.Model;

namespace DihNode.Conformance.Manifests;

/// <summary>
/// Reads a suite's manifests with our own Turtle parser and lists their entries in order, following
/// mf:include into sub-manifests (W3C test manifest vocabulary,
/// https://www.w3.org/2001/sw/DataAccess/tests/test-manifest).
/// </summary>
internal static class ManifestLoader
{
    /// <summary>All entries of <paramref name="suite"/> under the conformance folder <paramref name="conformanceRoot"/>.</summary>
    public static List<TestEntry> Load(Suite suite, string conformanceRoot)
    {
        string folder = Path.Combine(conformanceRoot, suite.Folder);
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Suite folder {folder} not found.");
        var locator = suite.PublicBase is null ? DocumentLocator.ForFiles(folder) : new DocumentLocator(suite.PublicBase, folder);
        var entries = new List<TestEntry>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        foreach (string manifest in suite.Manifests)
            if (JsonLd.JsonLdManifest.Handles(manifest)) JsonLd.JsonLdManifest.Load(folder, manifest, entries);
            else LoadManifest(locator.IriOf(Path.Combine(folder, manifest)), locator, entries, visited);
        return entries;
    }

    private static void LoadManifest(string iri, DocumentLocator locator, List<TestEntry> entries, HashSet<string> visited)
    {
        if (!visited.Add(iri)) return;
        string path = locator.PathOf(iri);
        var graph = ManifestGraph.Load(path, iri);
        var node = Iri.FromTrusted(iri);
        string? assumedBase = (graph.Object(node, Mf.AssumedTestBase) as Iri)?.Value;
        var manifest = new LoadedManifest(node, path, graph, assumedBase, locator);

        foreach (var list in graph.Objects(node, Mf.Include))
            // mf:include is a list of manifests, or (as in the SHACL suite) one manifest IRI per triple.
            foreach (var included in list is Iri single && graph.Object(single, Vocabulary.Rdf.First) is null && !single.Equals(Vocabulary.Rdf.Nil) ? [single] : graph.List(list))
            {
                if (included is not Iri includedIri) throw new InvalidDataException($"{path}: mf:include member {included} is not an IRI");
                LoadManifest(includedIri.Value, locator, entries, visited);
            }

        int position = 0;
        foreach (var list in graph.Objects(node, Mf.Entries))
            foreach (var entry in graph.List(list))
                entries.Add(ReadEntry(manifest, entry, ++position));
    }

    /// <summary>
    /// Reads one entry. A blank-node entry has no IRI of its own; it is named by its position in the
    /// manifest ("manifest#entry3"), which, unlike a parser's blank-node label, is the same on every run.
    /// </summary>
    private static TestEntry ReadEntry(LoadedManifest manifest, Term node, int position)
    {
        var graph = manifest.Graph;
        string id = node switch
        {
            Iri iri => iri.Value,
            BlankNode => manifest.Iri.Value + "#entry" + position,
            _ => throw new InvalidDataException($"{manifest.Path}: manifest entry {node} is neither IRI nor blank node"),
        };
        return new TestEntry(
            id,
            node,
            graph.Text(node, Mf.Name) ?? graph.Text(node, Rdfs.Label) ?? id,
            graph.Objects(node, Vocabulary.Rdf.Type).OfType<Iri>().ToList(),
            graph.Object(node, Mf.Action),
            graph.Object(node, Mf.Result),
            (graph.Object(node, Rdft.Approval) ?? graph.Object(node, Dawgt.Approval)) as Iri,
            graph.Text(node, Rdfs.Comment),
            manifest);
    }
}
