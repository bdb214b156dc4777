using DihNode.Rdf.Io.RdfXml;
using DihNode.Rdf.Io.Text;

namespace DihNode.Rdf.Io;

/// <summary>The one front end to every RDF parser: choose by <see cref="RdfFormat"/>, push into a sink.</summary>
public static class RdfParser
{
    /// <summary>
    /// Streams <paramref name="input"/> (UTF-8, an optional byte order mark) into <paramref name="sink"/>,
    /// statement by statement. N-Triples, N-Quads, Turtle, TriG, RDF/XML and JSON-LD (read whole, then deserialized;
    /// remote contexts only through <see cref="RdfParserOptions.JsonLdDocumentLoader"/>) are read.
    /// </summary>
    /// <exception cref="ArgumentException">The options' base IRI is not absolute.</exception>
    /// <exception cref="RdfSyntaxException">The input is malformed; the message names line and column.
    /// The sink may already hold the statements read before the error.</exception>
    public static void Parse(Stream input, RdfFormat format, IQuadSink sink, RdfParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sink);
        options ??= new RdfParserOptions();
        if (options.BaseIri is not null && !IriResolver.HasScheme(options.BaseIri))
            throw new ArgumentException($"The base IRI <{options.BaseIri}> is not absolute.", nameof(options));
        if (format == RdfFormat.RdfXml)
        {
            new RdfXmlParser(input, sink, options).Parse();
            return;
        }
        if (format == RdfFormat.JsonLd)
        {
            JsonLd.JsonLdRdfReader.Parse(input, sink, options);
            return;
        }
        TextParser parser = format switch
        {
            RdfFormat.NTriples => new NQuadsParser(input, sink, options, quads: false),
            RdfFormat.NQuads => new NQuadsParser(input, sink, options, quads: true),
            RdfFormat.Turtle => new TurtleParser(input, sink, options, trig: false),
            RdfFormat.TriG => new TurtleParser(input, sink, options, trig: true),
            _ => throw new NotSupportedException($"No parser for {format} yet."),
        };
        parser.Parse();
    }

    /// <summary>Parses a document held in memory.</summary>
    public static void Parse(ReadOnlyMemory<byte> utf8, RdfFormat format, IQuadSink sink, RdfParserOptions? options = null)
    {
        using var stream = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(utf8, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(utf8.ToArray(), writable: false);
        Parse(stream, format, sink, options);
    }
}
