namespace DihNode.Rdf.Io;

/// <summary>How a writer lays out its output.</summary>
public sealed class RdfWriterOptions
{
    /// <summary>Prefixes to declare and use (prefix -> namespace IRI), for Turtle and TriG (and RDF/XML, JSON-LD later).</summary>
    public IReadOnlyDictionary<string, string>? Prefixes { get; init; }

    /// <summary>A base IRI to declare and write IRIs relative to, where the syntax allows.</summary>
    public string? BaseIri { get; init; }
}
