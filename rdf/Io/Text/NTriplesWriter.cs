using System.Diagnostics.CodeAnalysis;
using System.Text;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Io.Text;

/// <summary>
/// Streams N-Triples (https://www.w3.org/TR/n-triples/) or N-Quads (https://www.w3.org/TR/n-quads/):
/// each statement is written as it arrives, one per line, in canonical form (single spaces,
/// canonical escapes, "\n" line ends). N-Triples cannot hold named graphs, so a quad in one is
/// refused with an <see cref="InvalidOperationException"/> rather than silently dropped or merged.
/// </summary>
internal sealed class NTriplesWriter : IRdfWriter
{
    private readonly StreamWriter _out;
    private readonly bool _quads;
    private readonly NTriplesBlankNodeLabelWriter _labels = new();
    private bool _finished;

    public NTriplesWriter(Stream output, bool quads)
    {
        _out = RdfWriter.Text(output);
        _quads = quads;
    }

    public void Add(in Quad quad)
    {
        if (_finished) ThrowFinished();
        if (quad.Graph is not null && !_quads) ThrowNamedGraph("N-Triples", quad, "N-Quads or TriG");
        WriteTerm(quad.Subject);
        _out.Write(' ');
        NTriplesTermWriter.WriteIri(_out, quad.Predicate.Value);
        _out.Write(' ');
        WriteTerm(quad.Object);
        if (quad.Graph is not null)
        {
            _out.Write(' ');
            WriteTerm(quad.Graph);
        }
        _out.Write(" .\n");
    }

    private void WriteTerm(Term term)
    {
        switch (term)
        {
            case Iri iri: NTriplesTermWriter.WriteIri(_out, iri.Value); break;
            case BlankNode b: _labels.Write(_out, b); break;
            case Literal l: NTriplesTermWriter.WriteLiteral(_out, l); break;
            default: throw new ArgumentException($"{term} is not an RDF term.", nameof(term));
        }
    }

    public void Finish()
    {
        if (_finished) return;
        _finished = true;
        _out.Flush();
    }

    /// <summary>Flushes what was already written; nothing more.</summary>
    public void Dispose() => _out.Dispose();

    [DoesNotReturn]
    internal static void ThrowFinished() => throw new InvalidOperationException("The writer is finished.");

    /// <summary>A triple-only syntax was given a quad in a named graph.</summary>
    [DoesNotReturn]
    internal static void ThrowNamedGraph(string syntax, in Quad quad, string instead) =>
        throw new InvalidOperationException(
            $"{syntax} cannot hold named graphs: the triple {quad.Triple} is in graph {quad.Graph}; write {instead} instead.");
}
