using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Rdf.Store;
using StoreQuadPattern = DihNode.Rdf.Store.QuadPattern;

namespace DihNode.Rdf.Sparql.Update;

/// <summary>Graph management (SPARQL 1.1 Update §3.2): CLEAR, DROP, CREATE, COPY, MOVE, ADD.</summary>
internal sealed partial class UpdateRunner
{
    /// <summary>
    /// CLEAR and DROP (§3.2.2, §3.2.3): the same here, as the store keeps no empty graphs. A named
    /// graph that holds no quad does not exist: clearing it fails (a no-op under SILENT).
    /// </summary>
    private void Clear(GraphTarget target)
    {
        StoreQuadPattern pattern = target.Kind switch
        {
            GraphTargetKind.Default => StoreQuadPattern.InDefaultGraph(),
            GraphTargetKind.Named => StoreQuadPattern.InNamedGraphs(),
            GraphTargetKind.All => StoreQuadPattern.InAllGraphs(),
            _ => StoreQuadPattern.InGraph(ExistingGraph(target.Iri!)),
        };
        Removed += _tx.RemoveAll(in pattern);
    }

    /// <summary>CREATE (§3.2.1): fails when the graph exists (holds a quad); otherwise there is nothing to record.</summary>
    private void Create(CreateOperation op)
    {
        if (GraphExists(op.Graph, out _)) throw new OperationFailure($"graph <{op.Graph.Value}> already exists");
    }

    /// <summary>
    /// ADD, MOVE, COPY (§3.2.4–3.2.6): the source's triples go into the destination (emptied first by
    /// MOVE and COPY; MOVE then drops the source). Source and destination the same: nothing happens.
    /// A named source that does not exist is a failure.
    /// </summary>
    private void Transfer(TransferOperation op)
    {
        if (op.From.Kind == op.To.Kind && (op.From.Kind == GraphTargetKind.Default || op.From.Iri == op.To.Iri)) return;
        int from = op.From.Kind == GraphTargetKind.Default ? TermIds.DefaultGraph : ExistingGraph(op.From.Iri!);
        var triples = _tx.Find(StoreQuadPattern.InGraph(from)).ToList();
        int to = op.To.Kind == GraphTargetKind.Default ? TermIds.DefaultGraph : _tx.GetOrAddId(op.To.Iri!);
        if (op.Kind != TransferKind.Add) Removed += _tx.RemoveAll(StoreQuadPattern.InGraph(to));
        foreach (var t in triples)
        {
            if (_tx.Add(new EncodedQuad(t.S, t.P, t.O, to))) Added++;
        }
        if (op.Kind == TransferKind.Move) Removed += _tx.RemoveAll(StoreQuadPattern.InGraph(from));
    }

    private bool GraphExists(Iri graph, out int id) =>
        _tx.TryGetId(graph, out id) && _tx.Count(StoreQuadPattern.InGraph(id)) > 0;

    private int ExistingGraph(Iri graph) =>
        GraphExists(graph, out int id) ? id : throw new OperationFailure($"graph <{graph.Value}> does not exist (holds no triple)");
}
