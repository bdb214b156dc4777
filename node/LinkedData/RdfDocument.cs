using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Vocab;

namespace DihNode.Node.LinkedData;

/// <summary>
/// Writes a description in one RDF syntax with the profile's prefixes (Turtle, TriG, RDF/XML) or the
/// small JSON-LD context made of them. Triple syntaxes (and JSON-LD) get the statements as one graph;
/// TriG and N-Quads keep each statement in its named graph, so a client can tell the hub's own
/// description (the hubs graph) from the links and labels.
/// </summary>
internal static class RdfDocument
{
    /// <summary>The prefixes written: the profile's, the country authority table and NUTS codes.</summary>
    public static IReadOnlyDictionary<string, string> Prefixes { get; } = BuildPrefixes();

    private static readonly RdfWriterOptions s_options = new() { Prefixes = Prefixes };

    public static byte[] Write(IReadOnlyList<Quad> quads, RdfFormat format) => Document(quads, format).ToArray();

    /// <summary>The document in memory (read it from <see cref="MemoryStream.GetBuffer"/>: no copy is made).</summary>
    public static MemoryStream Document(IReadOnlyList<Quad> quads, RdfFormat format)
    {
        var output = new MemoryStream();
        using (var writer = RdfWriter.Create(output, format, s_options))
        {
            if (format is RdfFormat.TriG or RdfFormat.NQuads)
                foreach (var q in quads) writer.Add(q);
            else
                foreach (var t in quads.Select(q => q.Triple).Distinct()) writer.Add(new Quad(t, null));
            writer.Finish();
        }
        return output;
    }

    /// <summary>The options the dumps use (same prefixes).</summary>
    public static RdfWriterOptions Options => s_options;

    private static Dictionary<string, string> BuildPrefixes()
    {
        var prefixes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (prefix, ns) in Namespaces.Prefixes) prefixes[prefix] = ns;
        prefixes["country"] = Namespaces.CountryAuthority;
        prefixes["nuts"] = Namespaces.NutsCode;
        return prefixes;
    }
}
