using DihNode.Rdf.Model;

namespace DihNode.Conformance.Manifests;

/// <summary>One manifest document as loaded: its IRI, file, quads and (for RDF suites) mf:assumedTestBase.</summary>
internal sealed record LoadedManifest(Iri Iri, string Path, ManifestGraph Graph, string? AssumedTestBase, DocumentLocator Locator);

/// <summary>
/// One entry of a manifest's mf:entries. <see cref="Id"/> is the test IRI (a blank-node entry gets
/// the manifest IRI with its position as fragment, "#entry3"). Handlers that need more properties (SPARQL's
/// qt:query, qt:data ...) read them from <see cref="Manifest"/>'s graph at <see cref="Node"/>.
/// </summary>
internal sealed record TestEntry(
    string Id,
    Term Node,
    string Name,
    IReadOnlyList<Iri> Types,
    Term? Action,
    Term? Result,
    Iri? Approval,
    string? Comment,
    LoadedManifest Manifest)
{
    public override string ToString() => Id;
}
