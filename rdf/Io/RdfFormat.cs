using DihNode.Rdf.Io.Conneg;

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

/// <summary>
/// The registry of RDF syntaxes: media types (the registered one first, then aliases seen in the
/// wild), file extensions (the usual one first) and short names, each way round, plus content
/// negotiation over formats (<see cref="Negotiate"/>; the general function is <see cref="ContentNegotiation"/>).
/// </summary>
public static class RdfFormats
{
    private sealed record Entry(RdfFormat Format, string[] MediaTypes, string[] Extensions, string[] Names);

    private static readonly Entry[] s_entries =
    [
        new(RdfFormat.NTriples, ["application/n-triples"], [".nt", ".ntriples"], ["nt", "ntriples", "n-triples"]),
        new(RdfFormat.NQuads, ["application/n-quads"], [".nq", ".nquads"], ["nq", "nquads", "n-quads"]),
        new(RdfFormat.Turtle, ["text/turtle", "application/x-turtle"], [".ttl", ".turtle"], ["ttl", "turtle"]),
        new(RdfFormat.TriG, ["application/trig", "application/x-trig"], [".trig"], ["trig"]),
        new(RdfFormat.RdfXml, ["application/rdf+xml"], [".rdf", ".owl", ".xml"], ["rdf", "rdfxml", "rdf/xml", "xml"]),
        new(RdfFormat.JsonLd, ["application/ld+json"], [".jsonld"], ["jsonld", "json-ld"]),
    ];

    /// <summary>Every format, in declaration order.</summary>
    public static IReadOnlyList<RdfFormat> All { get; } = Array.ConvertAll(s_entries, e => e.Format);

    private static Entry EntryOf(RdfFormat format) =>
        (uint)format < (uint)s_entries.Length ? s_entries[(int)format] : throw new ArgumentOutOfRangeException(nameof(format));

    /// <summary>The registered media type ("text/turtle").</summary>
    public static string MediaType(this RdfFormat format) => EntryOf(format).MediaTypes[0];

    /// <summary>All media types read as this format, the registered one first.</summary>
    public static IReadOnlyList<string> MediaTypes(this RdfFormat format) => EntryOf(format).MediaTypes;

    /// <summary>The usual file extension, with its dot (".ttl").</summary>
    public static string FileExtension(this RdfFormat format) => EntryOf(format).Extensions[0];

    /// <summary>All file extensions read as this format, with their dots, the usual one first.</summary>
    public static IReadOnlyList<string> FileExtensions(this RdfFormat format) => EntryOf(format).Extensions;

    /// <summary>True when the syntax can hold named graphs.</summary>
    public static bool SupportsDatasets(this RdfFormat format) =>
        format is RdfFormat.NQuads or RdfFormat.TriG or RdfFormat.JsonLd;

    /// <summary>The format of a file name's extension (case-insensitive), or null.</summary>
    public static RdfFormat? FromFileName(string path) => FromExtension(Path.GetExtension(path));

    /// <summary>The format of a file extension, with or without its dot (case-insensitive), or null.</summary>
    public static RdfFormat? FromExtension(string extension)
    {
        if (extension.Length == 0) return null;
        string dotted = extension[0] == '.' ? extension : "." + extension;
        foreach (var e in s_entries)
            foreach (string x in e.Extensions)
                if (string.Equals(x, dotted, StringComparison.OrdinalIgnoreCase)) return e.Format;
        return null;
    }

    /// <summary>
    /// The format of a media type such as a Content-Type value ("text/turtle; charset=utf-8"):
    /// parameters are ignored, case is not significant. Null for unknown or malformed types.
    /// </summary>
    public static RdfFormat? FromMediaType(string mediaType)
    {
        if (!Conneg.MediaType.TryParse(mediaType.Trim(), out var parsed) || parsed!.IsRange) return null;
        string essence = parsed.Essence;
        foreach (var e in s_entries)
            foreach (string m in e.MediaTypes)
                if (m == essence) return e.Format;
        return null;
    }

    /// <summary>The format named by a short name ("nt", "turtle", ...) or a media type, or null.</summary>
    public static RdfFormat? FromName(string name)
    {
        string key = name.Trim().ToLowerInvariant();
        foreach (var e in s_entries)
            if (Array.IndexOf(e.Names, key) >= 0) return e.Format;
        return key.Contains('/') ? FromMediaType(key) : null;
    }

    /// <summary>
    /// The format among <paramref name="formats"/> (in the server's order of preference) that the
    /// Accept header <paramref name="accept"/> prefers, by <see cref="ContentNegotiation.Choose"/> over
    /// each format's media types (aliases included); null when none is acceptable (answer 406).
    /// </summary>
    public static RdfFormat? Negotiate(string? accept, IEnumerable<RdfFormat> formats)
    {
        var offered = new List<string>();
        var formatOf = new List<RdfFormat>();
        foreach (var format in formats)
        {
            foreach (string m in format.MediaTypes())
            {
                offered.Add(m);
                formatOf.Add(format);
            }
        }
        string? chosen = ContentNegotiation.Choose(accept, offered);
        return chosen is null ? null : formatOf[offered.IndexOf(chosen)];
    }
}
