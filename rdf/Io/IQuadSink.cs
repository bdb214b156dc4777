using DihNode.Rdf.Model;

namespace DihNode.Rdf.Io;

/// <summary>
/// Receives what a parser reads, one statement at a time, so that loading never needs an
/// intermediate graph. Triple-only syntaxes deliver quads with a null graph.
/// </summary>
public interface IQuadSink
{
    void Add(in Quad quad);

    /// <summary>A prefix declaration (Turtle/TriG), so writers and round trips can reuse it. Optional.</summary>
    void OnPrefix(string prefix, string namespaceIri) { }

    /// <summary>A base IRI declaration. Optional.</summary>
    void OnBase(string baseIri) { }
}
