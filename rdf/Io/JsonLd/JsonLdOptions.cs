using System.Text.Json.Nodes;
using DihNode.Rdf.Io.JsonLd.Loading;

namespace DihNode.Rdf.Io.JsonLd;

/// <summary>
/// The JsonLdOptions of JSON-LD 1.1 API §9.2 (https://www.w3.org/TR/json-ld11-api/#the-jsonldoptions-type),
/// plus the bounds that keep hostile input from exhausting the process.
/// </summary>
public sealed class JsonLdOptions
{
    /// <summary>Processing mode "json-ld-1.1" (the default; the one this processor implements).</summary>
    public const string JsonLd11 = "json-ld-1.1";

    /// <summary>Processing mode "json-ld-1.0".</summary>
    public const string JsonLd10 = "json-ld-1.0";

    /// <summary>The base IRI of the document; overrides the document's own URL.</summary>
    public string? Base { get; set; }

    /// <summary>Compaction: replace arrays of one element by that element.</summary>
    public bool CompactArrays { get; set; } = true;

    /// <summary>Compaction: make IRIs relative to the base.</summary>
    public bool CompactToRelative { get; set; } = true;

    /// <summary>
    /// Loads remote documents and contexts. The default, <see cref="DocumentLoaders.None"/>, loads nothing:
    /// every remote context fails with "loading remote context failed".
    /// </summary>
    public IJsonLdDocumentLoader DocumentLoader { get; set; } = DocumentLoaders.None;

    /// <summary>A context to apply before the document's own (a map, an array, or an IRI string).</summary>
    public JsonNode? ExpandContext { get; set; }

    /// <summary>
    /// HTML input: read every JSON-LD script element, not only the first. Null: the method's default,
    /// true for toRdf() and flatten() (JSON-LD 1.1 §7.3 extracts all scripts; w3c/json-ld-api#603),
    /// false for the others.
    /// </summary>
    public bool? ExtractAllScripts { get; set; }

    /// <summary>Framing: expansion keeps framing keywords.</summary>
    public bool FrameExpansion { get; set; }

    /// <summary>Process map entries in code-point order (for reproducible output).</summary>
    public bool Ordered { get; set; }

    /// <summary>"json-ld-1.1" (default) or "json-ld-1.0".</summary>
    public string ProcessingMode { get; set; } = JsonLd11;

    /// <summary>
    /// toRdf: also emit triples whose predicate is a blank node (generalized RDF). <see cref="DihNode.Rdf.Model.Quad"/> cannot
    /// hold one, so only a sink that implements the internal generalized-quad interface receives them; others never see them.
    /// </summary>
    public bool ProduceGeneralizedRdf { get; set; }

    /// <summary>toRdf/fromRdf: null, "i18n-datatype" or "compound-literal" (§8.6 base direction handling).</summary>
    public string? RdfDirection { get; set; }

    /// <summary>fromRdf: convert xsd:boolean, xsd:integer, xsd:double literals to JSON natives.</summary>
    public bool UseNativeTypes { get; set; }

    /// <summary>fromRdf: keep rdf:type as a property rather than @type.</summary>
    public bool UseRdfType { get; set; }

    /// <summary>
    /// Most contexts (remote or scoped) processed within one another before "context overflow".
    /// Bounds cyclic and runaway context inclusion.
    /// </summary>
    public int MaxContextDepth { get; set; } = 64;

    /// <summary>Deepest JSON nesting accepted by the reader and by expansion.</summary>
    public int MaxNestingDepth { get; set; } = 512;

    /// <summary>True when <see cref="ProcessingMode"/> is json-ld-1.0.</summary>
    internal bool IsJsonLd10 => ProcessingMode == JsonLd10;

    /// <summary>A shallow copy, for changing one option without touching the caller's object.</summary>
    public JsonLdOptions Clone() => (JsonLdOptions)MemberwiseClone();
}
