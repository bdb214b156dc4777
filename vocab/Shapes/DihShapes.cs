using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Vocab.Profile;

namespace DihNode.Vocab.Shapes;

/// <summary>
/// The SHACL shapes of the DIH application profile (<c>Shapes/dih-shapes.ttl</c>, embedded in this
/// assembly so the node needs no file beside it). The file writes the IRIs the node mints (concept
/// schemes) relative to the default base IRI; <see cref="Load"/> moves them under the node's base, so
/// the shapes check data imported with any <c>--base-iri</c>. Validate the whole store with them: a
/// hub's country, region, topics and source are checked against the reference graphs.
/// </summary>
public static class DihShapes
{
    /// <summary>The logical name of the embedded Turtle file.</summary>
    public const string ResourceName = "DihNode.Vocab.Shapes.dih-shapes.ttl";

    /// <summary>The namespace of the shapes themselves (<c>dihsh:HubShape</c>, ...).</summary>
    public const string Namespace = "https://w3id.org/dihnode/shapes#";

    /// <summary>The Turtle text of the shapes, as written (IRIs under the default base).</summary>
    public static string Turtle()
    {
        using var stream = OpenResource();
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The shapes graph for data minted under <paramref name="iris"/>' base IRI.</summary>
    public static IReadOnlyList<Quad> Load(ProfileIris iris)
    {
        ArgumentNullException.ThrowIfNull(iris);
        var quads = new List<Quad>();
        using (var stream = OpenResource())
            RdfParser.Parse(stream, RdfFormat.Turtle, new ListSink(quads), new RdfParserOptions { SourceName = "dih-shapes.ttl" });
        string from = ProfileIris.DefaultBase + "/";
        string to = iris.Base + "/";
        if (from == to) return quads;
        for (int i = 0; i < quads.Count; i++)
        {
            var q = quads[i];
            quads[i] = new Quad((NamedOrBlankNode)Rebase(q.Subject, from, to), q.Predicate, Rebase(q.Object, from, to), null);
        }
        return quads;
    }

    private static Term Rebase(Term term, string from, string to) =>
        term is Iri iri && iri.Value.StartsWith(from, StringComparison.Ordinal) ? Iri.FromTrusted(to + iri.Value[from.Length..]) : term;

    private static Stream OpenResource() =>
        typeof(DihShapes).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"resource {ResourceName} is missing from {typeof(DihShapes).Assembly.GetName().Name}");

    private sealed class ListSink(List<Quad> into) : IQuadSink
    {
        public void Add(in Quad quad) => into.Add(quad);
    }
}
