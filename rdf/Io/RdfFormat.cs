namespace DihNode.Rdf.Io;

/// <summary>The concrete RDF syntaxes DihNode reads and writes.</summary>
public enum RdfFormat
{
    NTriples,
    NQuads,
    Turtle,
    TriG,
    RdfXml,
    JsonLd,
}

/// <summary>Media types and file extensions of each <see cref="RdfFormat"/>.</summary>
public static class RdfFormats
{
    public static string MediaType(this RdfFormat format) => format switch
    {
        RdfFormat.NTriples => "application/n-triples",
        RdfFormat.NQuads => "application/n-quads",
        RdfFormat.Turtle => "text/turtle",
        RdfFormat.TriG => "application/trig",
        RdfFormat.RdfXml => "application/rdf+xml",
        RdfFormat.JsonLd => "application/ld+json",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static string FileExtension(this RdfFormat format) => format switch
    {
        RdfFormat.NTriples => ".nt",
        RdfFormat.NQuads => ".nq",
        RdfFormat.Turtle => ".ttl",
        RdfFormat.TriG => ".trig",
        RdfFormat.RdfXml => ".rdf",
        RdfFormat.JsonLd => ".jsonld",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>True when the syntax can hold named graphs.</summary>
    public static bool SupportsDatasets(this RdfFormat format) =>
        format is RdfFormat.NQuads or RdfFormat.TriG or RdfFormat.JsonLd;

    /// <summary>The format of a file name's extension (case-insensitive), or null.</summary>
    public static RdfFormat? FromFileName(string path) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".nt" or ".ntriples" => RdfFormat.NTriples,
            ".nq" or ".nquads" => RdfFormat.NQuads,
            ".ttl" or ".turtle" => RdfFormat.Turtle,
            ".trig" => RdfFormat.TriG,
            ".rdf" or ".owl" or ".xml" => RdfFormat.RdfXml,
            ".jsonld" => RdfFormat.JsonLd,
            _ => null,
        };

    /// <summary>The format named by a short name ("nt", "turtle", ...) or a media type, or null.</summary>
    public static RdfFormat? FromName(string name) =>
        name.Trim().ToLowerInvariant() switch
        {
            "nt" or "ntriples" or "n-triples" or "application/n-triples" => RdfFormat.NTriples,
            "nq" or "nquads" or "n-quads" or "application/n-quads" => RdfFormat.NQuads,
            "ttl" or "turtle" or "text/turtle" => RdfFormat.Turtle,
            "trig" or "application/trig" => RdfFormat.TriG,
            "rdf" or "rdfxml" or "rdf/xml" or "xml" or "application/rdf+xml" => RdfFormat.RdfXml,
            "jsonld" or "json-ld" or "application/ld+json" => RdfFormat.JsonLd,
            _ => null,
        };
}
