using DihNode.Rdf.Model;

namespace DihNode.Vocab.Catalog;

/// <summary>The serialisations the node offers its data in, each a <c>dcat:Distribution</c> of every dataset.</summary>
public enum DumpFormat
{
    Turtle,
    NTriples,
    RdfXml,
    JsonLd,
    TriG,
    Csv,
}

/// <summary>
/// What DCAT-AP wants to know of a <see cref="DumpFormat"/>: its <c>dct:format</c> in the EU file-type
/// table, its <c>dcat:mediaType</c> in the IANA register, the usual file extension and a label.
/// </summary>
public static class DumpFormats
{
    private sealed record Entry(string FileType, string MediaType, string Extension, string Label);

    private static readonly Entry[] s_entries =
    [
        new("RDF_TURTLE", "text/turtle", "ttl", "Turtle"),
        new("RDF_N_TRIPLES", "application/n-triples", "nt", "N-Triples"),
        new("RDF_XML", "application/rdf+xml", "rdf", "RDF/XML"),
        new("JSON_LD", "application/ld+json", "jsonld", "JSON-LD"),
        new("RDF_TRIG", "application/trig", "trig", "TriG"),
        new("CSV", "text/csv", "csv", "CSV"),
    ];

    /// <summary>Every format, in declaration order.</summary>
    public static IReadOnlyList<DumpFormat> All { get; } = Enum.GetValues<DumpFormat>();

    private static Entry Of(DumpFormat format) =>
        (uint)format < (uint)s_entries.Length ? s_entries[(int)format] : throw new ArgumentOutOfRangeException(nameof(format));

    /// <summary>The EU file-type authority IRI (<c>…/file-type/RDF_TURTLE</c>).</summary>
    public static Iri FileType(this DumpFormat format) => Iri.FromTrusted(DcatAp.FileType + Of(format).FileType);

    /// <summary>The IANA media type IRI (<c>…/media-types/text/turtle</c>).</summary>
    public static Iri MediaTypeIri(this DumpFormat format) => Iri.FromTrusted(DcatAp.MediaTypes + Of(format).MediaType);

    public static string MediaType(this DumpFormat format) => Of(format).MediaType;

    /// <summary>The file extension without the dot.</summary>
    public static string Extension(this DumpFormat format) => Of(format).Extension;

    public static string Label(this DumpFormat format) => Of(format).Label;
}
