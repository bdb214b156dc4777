namespace DihNode.Conformance;

/// <summary>
/// A W3C test suite: manifest files in a folder of the shared conformance tree.
/// <see cref="PublicBase"/> is the IRI the folder is published under; manifests are parsed as if read
/// from there, so test IRIs (and EARL reports) name the tests as the W3C does. Null: the folder's
/// file: IRI, for suites whose manifests name their tests with absolute IRIs anyway.
/// </summary>
internal sealed record Suite(string Name, string Folder, IReadOnlyList<string> Manifests, string? PublicBase);

/// <summary>The known suites, by name. New suites (SPARQL, RDF/XML, JSON-LD, SHACL) are added here.</summary>
internal static class Suites
{
    private const string RdfTests = "https://w3c.github.io/rdf-tests/rdf/rdf11/";

    public static readonly IReadOnlyList<Suite> All =
    [
        RdfSyntax("rdf-turtle"),
        RdfSyntax("rdf-trig"),
        RdfSyntax("rdf-n-triples"),
        RdfSyntax("rdf-n-quads"),
        JsonLd("jsonld-expand", "expand"),
        JsonLd("jsonld-toRdf", "toRdf"),
        JsonLd("jsonld-remote-doc", "remote-doc"),
        JsonLd("jsonld-html", "html"),
        JsonLd("jsonld-fromRdf", "fromRdf"),
        JsonLd("jsonld-compact", "compact"),
        JsonLd("jsonld-flatten", "flatten"),
    ];

    public static Suite? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    public static Suite Get(string name) =>
        Find(name) ?? throw new ArgumentException(
            $"Unknown suite '{name}'. Known: {string.Join(", ", All.Select(s => s.Name))}.", nameof(name));

    private static Suite JsonLd(string name, string manifest) =>
        new(name, "jsonld", [manifest + "-manifest.jsonld"], DihNode.Conformance.JsonLd.JsonLdManifest.PublicBase);

    private static Suite RdfSyntax(string name) =>
        new(name, "rdf11/" + name, ["manifest.ttl"], RdfTests + name + "/");
}
