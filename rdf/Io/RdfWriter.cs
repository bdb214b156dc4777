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

    /// <summary>Writes all <paramref name="quads"/> as one document.</summary>
    public static void Write(Stream output, RdfFormat format, IEnumerable<Quad> quads, RdfWriterOptions? options = null)
    {
        using var writer = Create(output, format, options);
        foreach (var q in quads) writer.Add(q);
        writer.Finish();
    }
}
