namespace DihNode.Rdf.Io;

/// <summary>How a parser reads one document.</summary>
public sealed class RdfParserOptions
{
    /// <summary>The document's base IRI for resolving relative IRIs (RFC 3986 §5).</summary>
    public string? BaseIri { get; init; }

    /// <summary>A name for the input (a file name), put in front of error messages.</summary>
    public string? SourceName { get; init; }

    /// <summary>Deepest nesting of blank-node property lists, collections, graphs (or XML/JSON) allowed.</summary>
    public int MaxNestingDepth { get; init; } = 128;

    /// <summary>
    /// Prefix for labels of blank nodes made while parsing, so that two documents loaded into one
    /// dataset never share a blank node by accident. Null: a fresh prefix per document.
    /// </summary>
    public string? BlankNodePrefix { get; init; }

    /// <summary>
    /// JSON-LD: where remote contexts come from. Null: nowhere (no network), so a document naming a
    /// remote context fails with "loading remote context failed".
    /// </summary>
    public JsonLd.Loading.IJsonLdDocumentLoader? JsonLdDocumentLoader { get; init; }
}
