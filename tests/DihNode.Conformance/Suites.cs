namespace DihNode.Conformance;

/// <summary>
/// A W3C test suite: manifest files in a folder of the shared conformance tree.
/// <see cref="PublicBase"/> is the IRI the folder is published under; manifests are parsed as if read
/// from there, so test IRIs (and EARL reports) name the tests as the W3C does. Null: the folder's
/// file: IRI, for suites whose manifests name their tests with absolute IRIs anyway.
/// <see cref="InDefaultRun"/> false keeps a suite out of the console's default list (it runs only when
/// named) until it passes.
/// </summary>
internal sealed record Suite(string Name, string Folder, IReadOnlyList<string> Manifests, string? PublicBase, bool InDefaultRun = true);

/// <summary>The known suites, by name. New suites (SPARQL, RDF/XML, JSON-LD, SHACL) are added here.</summary>
internal static class Suites
{
    private const string RdfTests = "https://w3c.github.io/rdf-tests/rdf/rdf11/";

    /// <summary>Where the DAWG published the SPARQL 1.0 suite ("data-r2"); its test IRIs live there.</summary>
    private const string Sparql10Tests = "http://www.w3.org/2001/sw/DataAccess/tests/data-r2/";

    /// <summary>Where the SPARQL working group published the SPARQL 1.1 suite; its test IRIs live there.</summary>
    private const string Sparql11Tests = "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/";

    public static readonly IReadOnlyList<Suite> All =
    [
        RdfSyntax("rdf-turtle"),
        RdfSyntax("rdf-trig"),
        RdfSyntax("rdf-n-triples"),
        RdfSyntax("rdf-n-quads"),
        RdfSyntax("rdf-xml"),
        new("sparql10", "sparql10", ["manifest-syntax.ttl", "manifest-evaluation.ttl"], Sparql10Tests),
        // The query manifest plus the federation syntax tests (SERVICE syntax).
        new("sparql11-query", "sparql11", ["manifest-sparql11-query.ttl", "syntax-fed/manifest.ttl"], Sparql11Tests),
        // Federated query evaluation: each qt:serviceData endpoint is a node on loopback reached
        // through the federation's Query rpc (Running/SparqlServiceTests).
        new("sparql11-service", "sparql11", ["service/manifest.ttl"], Sparql11Tests),
        new("sparql11-results", "sparql11", ["csv-tsv-res/manifest.ttl", "json-res/manifest.ttl"], Sparql11Tests),
        // Update syntax and update evaluation (UpdateEvaluationTest: the store after the request).
        new("sparql11-update", "sparql11", ["manifest-sparql11-update.ttl"], Sparql11Tests),
        // The HTTP suites: each test's requests go to a fresh node server on 127.0.0.1 (Running/TestNode).
        new("sparql11-protocol", "sparql11", ["protocol/manifest.ttl"], Sparql11Tests),
        new("sparql11-gsp", "sparql11", ["graph-store-protocol/manifest.ttl"], Sparql11Tests),
        new("sparql11-service-description", "sparql11", ["service-description/manifest.ttl"], Sparql11Tests),
        JsonLd("jsonld-expand", "expand"),
        JsonLd("jsonld-toRdf", "toRdf"),
        JsonLd("jsonld-remote-doc", "remote-doc"),
        JsonLd("jsonld-html", "html"),
        JsonLd("jsonld-fromRdf", "fromRdf"),
        JsonLd("jsonld-compact", "compact"),
        JsonLd("jsonld-flatten", "flatten"),
        new("shacl-core", "shacl", ["core/manifest.ttl"], null),
        new("shacl-sparql", "shacl", ["sparql/manifest.ttl"], null),
    ];

    public static Suite? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    public static Suite Get(string name) =>
        Find(name) ?? throw new ArgumentException(
            $"Unknown suite '{name}'. Known: {string.Join(", ", All.Select(s => s.Name))}.", nameof(name));

    private static Suite JsonLd(string name, string manifest, bool inDefaultRun = true) =>
        new(name, "jsonld", [manifest + "-manifest.jsonld"], DihNode.Conformance.JsonLd.JsonLdManifest.PublicBase, inDefaultRun);

    private static Suite RdfSyntax(string name) =>
        new(name, "rdf11/" + name, ["manifest.ttl"], RdfTests + name + "/");
}
