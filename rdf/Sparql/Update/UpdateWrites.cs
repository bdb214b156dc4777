using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Sparql.Update;

/// <summary>What kind of graph an operation may write (see <see cref="GraphWrite"/>).</summary>
public enum GraphWriteKind : byte
{
    /// <summary>One named graph, known before the update runs (<see cref="GraphWrite.Graph"/>).</summary>
    Graph,

    /// <summary>The default graph.</summary>
    DefaultGraph,

    /// <summary>Every named graph of the store (<c>CLEAR NAMED</c>, <c>DROP ALL</c>, …).</summary>
    NamedGraphs,

    /// <summary>
    /// A graph a template names by a variable (<c>GRAPH ?g { … }</c>): known only per solution of WHERE, so a caller
    /// that limits the graphs written checks these while the update runs (a store whose write transaction refuses the
    /// quad, which rolls the whole request back) rather than from this list.
    /// </summary>
    VariableGraph,
}

/// <summary>
/// One graph an operation of an update request may change: operation <see cref="OperationIndex"/> (0-based,
/// <see cref="Operation"/> its keyword) adds to or removes from it.
/// </summary>
public sealed record GraphWrite(int OperationIndex, string Operation, GraphWriteKind Kind, Iri? Graph = null, Variable? Variable = null)
{
    /// <summary>The graph as a message names it: <c>graph &lt;g&gt;</c>, <c>the default graph</c>, <c>every named graph</c>, <c>GRAPH ?g</c>.</summary>
    public string Describe() => Kind switch
    {
        GraphWriteKind.Graph => $"graph <{Graph!.Value}>",
        GraphWriteKind.DefaultGraph => "the default graph",
        GraphWriteKind.NamedGraphs => "every named graph",
        _ => $"a graph named by the variable {Variable} (GRAPH {Variable} in a template)",
    };

    public override string ToString() => $"{Operation} (operation {OperationIndex + 1}): {Describe()}";
}

/// <summary>
/// The graphs an update request may write, found from its text alone before anything runs, so a caller can
/// decide whether a request is allowed as a whole (SPARQL 1.1 Update §3). Per operation:
/// INSERT DATA / DELETE DATA and DELETE WHERE: the graph of each quad (none: the default graph);
/// DELETE/INSERT: the graph of each template quad, a quad without GRAPH in the WITH graph, else the default
/// graph (§3.1.3: WITH applies to the templates even when USING overrides it for WHERE); USING and USING NAMED
/// only read, so they write nothing; LOAD: the INTO graph, else the default graph; CLEAR / DROP: their target
/// (NAMED: every named graph; ALL: those and the default graph); CREATE: its graph; ADD and COPY: the
/// destination; MOVE: the destination and the source (which it empties). A template's <c>GRAPH ?var</c> is
/// reported as <see cref="GraphWriteKind.VariableGraph"/>: its graphs depend on the data, so the list says only
/// which operations have such templates, and the caller checks their quads as the update writes them.
/// The list is a superset of what the request changes: an operation that turns out a no-op (a SILENT failure,
/// a MOVE onto itself, a WHERE without solutions) is still listed.
/// </summary>
public static class UpdateWrites
{
    /// <summary>Every graph each operation of <paramref name="request"/> may write, in operation order, each at most once per operation.</summary>
    public static IReadOnlyList<GraphWrite> Of(UpdateRequest request)
    {
        var writes = new List<GraphWrite>();
        for (int i = 0; i < request.Operations.Count; i++)
        {
            var seen = new HashSet<GraphWrite>();
            foreach (GraphWrite w in Of(request.Operations[i], i))
                if (seen.Add(w)) writes.Add(w);
        }
        return writes;
    }

    private static IEnumerable<GraphWrite> Of(UpdateOperation operation, int index) => operation switch
    {
        InsertDataOperation op => Quads(op.Quads, null, index, "INSERT DATA"),
        DeleteDataOperation op => Quads(op.Quads, null, index, "DELETE DATA"),
        DeleteWhereOperation op => Quads(op.Quads, null, index, "DELETE WHERE"),
        ModifyOperation op => Quads([.. op.Delete ?? [], .. op.Insert ?? []], op.With, index,
            op.Delete is null ? "INSERT" : op.Insert is null ? "DELETE" : "DELETE/INSERT"),
        LoadOperation op => [op.Into is { } into ? Named(index, "LOAD", into) : new GraphWrite(index, "LOAD", GraphWriteKind.DefaultGraph)],
        ClearOperation op => Target(op.Target, index, "CLEAR"),
        DropOperation op => Target(op.Target, index, "DROP"),
        CreateOperation op => [Named(index, "CREATE", op.Graph)],
        TransferOperation { Kind: TransferKind.Move } op => [.. Target(op.To, index, "MOVE"), .. Target(op.From, index, "MOVE")],
        TransferOperation op => Target(op.To, index, op.Kind == TransferKind.Add ? "ADD" : "COPY"),
        _ => throw new NotSupportedException($"Unknown update operation {operation.GetType().Name}."),
    };

    private static GraphWrite Named(int index, string operation, Iri graph) => new(index, operation, GraphWriteKind.Graph, graph);

    private static IEnumerable<GraphWrite> Quads(IEnumerable<QuadPattern> quads, Iri? with, int index, string operation)
    {
        foreach (QuadPattern q in quads)
            yield return q.Graph switch
            {
                null when with is not null => Named(index, operation, with),
                null => new GraphWrite(index, operation, GraphWriteKind.DefaultGraph),
                Iri g => Named(index, operation, g),
                Variable v => new GraphWrite(index, operation, GraphWriteKind.VariableGraph, Variable: v),
                // The grammar allows only an IRI or a variable after GRAPH; anything else is refused as unknowable.
                _ => new GraphWrite(index, operation, GraphWriteKind.VariableGraph),
            };
    }

    private static IEnumerable<GraphWrite> Target(GraphTarget target, int index, string operation)
    {
        switch (target.Kind)
        {
            case GraphTargetKind.Graph: yield return Named(index, operation, target.Iri!); break;
            case GraphTargetKind.Default: yield return new GraphWrite(index, operation, GraphWriteKind.DefaultGraph); break;
            case GraphTargetKind.Named: yield return new GraphWrite(index, operation, GraphWriteKind.NamedGraphs); break;
            default:
                yield return new GraphWrite(index, operation, GraphWriteKind.NamedGraphs);
                yield return new GraphWrite(index, operation, GraphWriteKind.DefaultGraph);
                break;
        }
    }
}
