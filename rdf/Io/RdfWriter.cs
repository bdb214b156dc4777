using DihNode.Rdf.Model;

namespace DihNode.Rdf.Io;

/// <summary>The one front end to every RDF writer.</summary>
public static class RdfWriter
{
    /// <summary>A writer of <paramref name="format"/> onto <paramref name="output"/> (UTF-8, no BOM).</summary>
    public static IRdfWriter Create(Stream output, RdfFormat format, RdfWriterOptions? options = null) =>
        throw new NotSupportedException($"No writer for {format} yet.");

    /// <summary>Writes all <paramref name="quads"/> as one document.</summary>
    public static void Write(Stream output, RdfFormat format, IEnumerable<Quad> quads, RdfWriterOptions? options = null)
    {
        using var writer = Create(output, format, options);
        foreach (var q in quads) writer.Add(q);
        writer.Finish();
    }
}
