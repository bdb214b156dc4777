using DihNode.Rdf.Model;
using DihNode.Rdf.Store;

namespace DihNode.Rdf.Shacl;

/// <summary>
/// Validates a data graph against a shapes graph (W3C SHACL, https://www.w3.org/TR/shacl/): SHACL
/// Core (§2–§4) and SHACL-SPARQL (§5 sh:sparql constraints, §6 SPARQL-based constraint components).
/// Quads of all graphs of each input are merged into one graph.
/// </summary>
public static class ShaclValidator
{
    /// <summary>Validates <paramref name="data"/> against <paramref name="shapes"/>.</summary>
    /// <exception cref="ShaclException">The shapes graph is ill-formed or a SHACL-SPARQL query is refused (a failure, §3.6.1).</exception>
    public static ValidationReport Validate(IEnumerable<Quad> data, IEnumerable<Quad> shapes, ShaclOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shapes);
        var engine = new ShaclEngine(new ShaclGraph(data), new ShaclGraph(shapes), options ?? ShaclOptions.Default);
        return new ValidationReport(engine.Run());
    }

    /// <summary>Validates the quads of a store (all its graphs) against <paramref name="shapes"/>.</summary>
    public static ValidationReport Validate(IQuadStore data, IEnumerable<Quad> shapes, ShaclOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Validate(StoreQuads(data), shapes, options);
    }

    private static IEnumerable<Quad> StoreQuads(IQuadStore store)
    {
        var list = new List<Quad>();
        foreach (var q in store.Find(QuadPattern.InAllGraphs()))
            list.Add(new Quad((NamedOrBlankNode)store.GetTerm(q.S), (Iri)store.GetTerm(q.P), store.GetTerm(q.O), null));
        return list;
    }
}
