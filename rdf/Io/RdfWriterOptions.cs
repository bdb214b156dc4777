namespace DihNode.Rdf.Io;

/// <summary>How a writer lays out its output.</summary>
public sealed class RdfWriterOptions
{
    /// <summary>Prefixes to declare and use (prefix -> namespace IRI), for Turtle and TriG (and RDF/XML, JSON-LD later).</summary>
    public IReadOnlyDictionary<string, string>? Prefixes { get; init; }

    /// <summary>A base IRI to declare and write IRIs relative to, where the syntax allows.</summary>
    public string? BaseIri { get; init; }

    /// <summary>
    /// JSON-LD: the context to compact with, as JSON text (a context, or a document with an
    /// <c>@context</c> entry). Null: a context made of <see cref="Prefixes"/> and <see cref="BaseIri"/>.
    /// </summary>
    public string? JsonLdContext { get; init; }

    /// <summary>
    /// JSON-LD: a URL to write as <c>@context</c> instead of the context itself (which still drives
    /// the compaction), for documents that reference a published context.
    /// </summary>
    public string? JsonLdContextUrl { get; init; }
}
