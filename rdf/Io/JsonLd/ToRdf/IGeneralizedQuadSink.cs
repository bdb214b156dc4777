using DihNode.Rdf.Model;

namespace DihNode.Rdf.Io.JsonLd.ToRdf;

/// <summary>
/// A sink that also takes generalized RDF statements, whose predicate is a blank node: what a JSON-LD
/// property mapped to a blank node identifier becomes when produceGeneralizedRdf is set (JSON-LD 1.1
/// API §9.2.3, https://www.w3.org/TR/json-ld11-api/#dom-jsonldoptions-producegeneralizedrdf; RDF 1.1
/// Concepts §7, generalized RDF). <see cref="Quad"/> cannot hold such a statement, so it has its own
/// method; a plain <see cref="IQuadSink"/> never sees one (the statement is dropped, as without the option).
/// </summary>
internal interface IGeneralizedQuadSink : IQuadSink
{
    void AddGeneralized(NamedOrBlankNode subject, BlankNode predicate, Term @object, NamedOrBlankNode? graph);
}
