namespace DihNode.Rdf.Io.JsonLd.FromRdf;

/// <summary>
/// How literals that carry a base direction are read back from RDF
/// (JSON-LD 1.1 API, https://www.w3.org/TR/json-ld11-api/#dom-jsonldoptions-rdfdirection).
/// </summary>
internal enum RdfDirectionMode
{
    /// <summary>No special handling: i18n datatypes stay datatypes, compound literals stay nodes.</summary>
    None,

    /// <summary>Datatypes <c>https://www.w3.org/ns/i18n#{language}_{direction}</c> become <c>@language</c> and <c>@direction</c>.</summary>
    I18nDatatype,

    /// <summary>Blank nodes with <c>rdf:value</c>, <c>rdf:language</c>, <c>rdf:direction</c> become value objects.</summary>
    CompoundLiteral,
}

/// <summary>
/// The options of the Serialize RDF as JSON-LD algorithm
/// (https://www.w3.org/TR/json-ld11-api/#serialize-rdf-as-json-ld-algorithm).
/// </summary>
internal sealed record FromRdfOptions
{
    /// <summary>Nodes, graphs and properties in code point order (deterministic output).</summary>
    public bool Ordered { get; init; }

    /// <summary>xsd:boolean, xsd:integer and xsd:double literals become JSON booleans and numbers.</summary>
    public bool UseNativeTypes { get; init; }

    /// <summary>Keep rdf:type as a property instead of turning it into <c>@type</c>.</summary>
    public bool UseRdfType { get; init; }

    /// <summary>
    /// Like <see cref="UseNativeTypes"/>, but only where reading the JSON back gives the same literal:
    /// xsd:integer in canonical form (within a long) and xsd:boolean "true" / "false". For writers.
    /// </summary>
    public bool UseLosslessNativeTypes { get; init; }

    /// <summary>
    /// rdf:JSON literals become <c>@json</c> values (the algorithm's rule). Writers turn this off to keep
    /// the lexical form exactly (and to accept ill-typed JSON literals, which are still valid RDF).
    /// </summary>
    public bool JsonLiteralsAsJson { get; init; } = true;

    public RdfDirectionMode RdfDirection { get; init; }

    /// <summary>"json-ld-1.0" turns off JSON-LD 1.1 features (rdf:JSON literals as <c>@json</c>).</summary>
    public string ProcessingMode { get; init; } = "json-ld-1.1";
}
