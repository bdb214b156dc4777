namespace DihNode.Rdf.Io;

/// <summary>The one front end to every RDF parser: choose by <see cref="RdfFormat"/>, push into a sink.</summary>
public static class RdfParser
{
    /// <summary>Streams <paramref name="input"/> (UTF-8) into <paramref name="sink"/>.</summary>
    /// <exception cref="RdfSyntaxException">The input is malformed; the message names line and column.</exception>
    public static void Parse(Stream input, RdfFormat format, IQuadSink sink, RdfParserOptions? options = null) =>
        throw new NotSupportedException($"No parser for {format} yet.");
}
