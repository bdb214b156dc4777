using DihNode.Rdf.Io.RdfXml;
using DihNode.Rdf.Io.Text;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Io;

/// <summary>The one front end to every RDF writer.</summary>
public static class RdfWriter
{
    /// <summary>
    /// A writer of <paramref name="format"/> onto <paramref name="output"/> (UTF-8, no BOM, "\n" line ends).
    /// The stream stays open. N-Triples and N-Quads stream; Turtle, TriG, RDF/XML and JSON-LD (compacted
    /// with <see cref="RdfWriterOptions.JsonLdContext"/>) buffer until <see cref="IRdfWriter.Finish"/>.
    /// Triple-only formats refuse quads in named graphs.
    /// </summary>
    public static IRdfWriter Create(Stream output, RdfFormat format, RdfWriterOptions? options = null) => format switch
    {
        RdfFormat.NTriples => new NTriplesWriter(output, quads: false),
        RdfFormat.NQuads => new NTriplesWriter(output, quads: true),
        RdfFormat.Turtle => new TurtleWriter(output, trig: false, options),
        RdfFormat.TriG => new TurtleWriter(output, trig: true, options),
        RdfFormat.RdfXml => new RdfXmlWriter(output, options),
        RdfFormat.JsonLd => new JsonLd.Writing.JsonLdWriter(output, options),
        _ => throw new NotSupportedException($"No writer for {format} yet."),
    };

    /// <summary>
    /// The text buffer of the writers' <see cref="StreamWriter"/>s, in chars. A StreamWriter allocates it
    /// and an encoder buffer of three bytes a char; at 4,096 chars both stay small (8 KB and 12 KB), where
    /// 65,536 put 128 KB + 192 KB on the large object heap for every document, however short: a 4 KB hub
    /// page cost two large allocations, which only a full (gen2) collection frees. Larger buffers do not
    /// write faster: the text is encoded in chunks either way and the output stream buffers on its own.
    /// </summary>
    internal const int TextBufferChars = 1 << 12;

    /// <summary>A UTF-8 (no BOM), "\n"-line text writer over <paramref name="output"/> with the small buffer, leaving it open.</summary>
    internal static StreamWriter Text(Stream output) =>
        new(output, s_utf8, TextBufferChars, leaveOpen: true) { NewLine = "\n" };

    private static readonly System.Text.UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes all <paramref name="quads"/> as one document.</summary>
    public static void Write(Stream output, RdfFormat format, IEnumerable<Quad> quads, RdfWriterOptions? options = null)
    {
        using var writer = Create(output, format, options);
        foreach (var q in quads) writer.Add(q);
        writer.Finish();
    }
}
