using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Syntax;

/// <summary>A quad pattern in an update template or data block; <see cref="Graph"/> null is the default graph.</summary>
public sealed record QuadPattern(Term Subject, Term Predicate, Term Obj, Term? Graph)
{
    public override string ToString() => Graph is null ? $"{Subject} {Predicate} {Obj}" : $"GRAPH {Graph} {{ {Subject} {Predicate} {Obj} }}";
}

/// <summary>What a graph management operation acts on (Update §3.2: GraphRef, GraphRefAll).</summary>
public enum GraphTargetKind : byte { Graph, Default, Named, All }

/// <summary>A graph target; <see cref="Iri"/> is set for <see cref="GraphTargetKind.Graph"/>.</summary>
public sealed record GraphTarget(GraphTargetKind Kind, Iri? Iri = null)
{
    public static readonly GraphTarget DefaultGraph = new(GraphTargetKind.Default);
}

/// <summary>One operation of an update request (SPARQL 1.1 Update §3).</summary>
public abstract record UpdateOperation
{
    public string? BaseIri { get; init; }
    public IReadOnlyDictionary<string, string> Prefixes { get; init; } = new Dictionary<string, string>();
}

/// <summary><c>INSERT DATA { … }</c>: ground quads.</summary>
public sealed record InsertDataOperation(IReadOnlyList<QuadPattern> Quads) : UpdateOperation;

/// <summary><c>DELETE DATA { … }</c>: ground quads without blank nodes.</summary>
public sealed record DeleteDataOperation(IReadOnlyList<QuadPattern> Quads) : UpdateOperation;

/// <summary><c>DELETE WHERE { … }</c>.</summary>
public sealed record DeleteWhereOperation(IReadOnlyList<QuadPattern> Quads) : UpdateOperation;

/// <summary><c>[WITH g] DELETE { … } INSERT { … } USING … WHERE { … }</c>.</summary>
public sealed record ModifyOperation(
    Iri? With,
    IReadOnlyList<QuadPattern>? Delete,
    IReadOnlyList<QuadPattern>? Insert,
    IReadOnlyList<Iri> Using,
    IReadOnlyList<Iri> UsingNamed,
    GroupGraphPattern Where) : UpdateOperation
{
    /// <summary>The WHERE clause as algebra (§18.2).</summary>
    public Op WhereAlgebra() => AlgebraBuilder.Translate(Where);
}

/// <summary><c>LOAD [SILENT] iri [INTO GRAPH g]</c>.</summary>
public sealed record LoadOperation(bool Silent, Iri Source, Iri? Into) : UpdateOperation;

/// <summary><c>CLEAR [SILENT] target</c>.</summary>
public sealed record ClearOperation(bool Silent, GraphTarget Target) : UpdateOperation;

/// <summary><c>DROP [SILENT] target</c>.</summary>
public sealed record DropOperation(bool Silent, GraphTarget Target) : UpdateOperation;

/// <summary><c>CREATE [SILENT] GRAPH g</c>.</summary>
public sealed record CreateOperation(bool Silent, Iri Graph) : UpdateOperation;

/// <summary>The three graph-to-graph operations.</summary>
public enum TransferKind : byte { Add, Move, Copy }

/// <summary><c>ADD | MOVE | COPY [SILENT] from TO to</c>.</summary>
public sealed record TransferOperation(TransferKind Kind, bool Silent, GraphTarget From, GraphTarget To) : UpdateOperation;

/// <summary>A whole update request: operations in order.</summary>
public sealed record UpdateRequest(IReadOnlyList<UpdateOperation> Operations);
