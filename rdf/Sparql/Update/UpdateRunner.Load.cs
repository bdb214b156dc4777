using System.Globalization;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Sparql.Update;

internal sealed partial class UpdateRunner
{
    /// <summary>
    /// LOAD (§3.1.4): reads the document only when <see cref="LoadSources"/> allows its IRI, parses it
    /// whole (so a document that fails half way adds nothing), then adds its triples to the default
    /// graph, or to the INTO graph. Quads of named graphs in a dataset document (TriG, N-Quads) keep
    /// their graph. Blank nodes are new nodes. Every failure is the operation's (a no-op under SILENT).
    /// </summary>
    private void Load(LoadOperation op)
    {
        var quads = new List<Quad>();
        using (var document = LoadSources.Open(op.Source, _options))
        {
            var options = new RdfParserOptions
            {
                BaseIri = op.Source.Value,
                SourceName = document.Name,
                BlankNodePrefix = _freshPrefix + "l" + (_fresh++).ToString(CultureInfo.InvariantCulture) + "_",
            };
            try
            {
                RdfParser.Parse(document.Stream, document.Format, new ListSink(quads, op.Into), options);
            }
            catch (RdfSyntaxException e)
            {
                throw new OperationFailure($"LOAD <{op.Source.Value}>: {e.Message}", e);
            }
            catch (Exception e) when (e is IOException or NotSupportedException or InvalidDataException)
            {
                throw new OperationFailure($"LOAD <{op.Source.Value}>: {e.Message}", e);
            }
        }
        CheckLimits();
        Added += _tx.Load(sink =>
        {
            foreach (var q in quads) sink.Add(in q);
        });
    }

    /// <summary>Collects a parser's quads, moving default-graph triples into the INTO graph when there is one.</summary>
    private sealed class ListSink(List<Quad> quads, Iri? into) : IQuadSink
    {
        public void Add(in Quad quad) =>
            quads.Add(quad.Graph is null && into is not null ? new Quad(quad.Subject, quad.Predicate, quad.Object, into) : quad);
    }
}
