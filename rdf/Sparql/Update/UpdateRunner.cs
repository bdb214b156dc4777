using System.Diagnostics;
using System.Globalization;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Rdf.Store;

namespace DihNode.Rdf.Sparql.Update;

/// <summary>
/// The operations of one update request inside its transaction (SPARQL 1.1 Update §3). Each
/// operation is applied to the transaction as it runs, so the next one sees its effects.
/// </summary>
internal sealed partial class UpdateRunner
{
    private readonly IStoreTransaction _tx;
    private readonly UpdateOptions _options;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    // Labels no stored blank node has by chance: a random prefix per request, then a counter.
    private readonly string _freshPrefix = "u" + Random.Shared.NextInt64().ToString("x16", CultureInfo.InvariantCulture) + "x";
    private readonly DateTimeOffset _now;
    private long _fresh;

    public UpdateRunner(IStoreTransaction transaction, UpdateOptions options)
    {
        _tx = transaction;
        _options = options;
        _now = options.Now ?? DateTimeOffset.UtcNow;
    }

    public long Removed { get; private set; }

    public long Added { get; private set; }

    /// <summary>Throws when the request was cancelled or ran out of time.</summary>
    public void CheckLimits()
    {
        _options.CancellationToken.ThrowIfCancellationRequested();
        if (_options.Timeout is { } limit && _clock.Elapsed > limit) throw new QueryTimeoutException(limit);
    }

    /// <summary>What is left of the request's time, for the WHERE clause's own limit.</summary>
    private TimeSpan? Remaining =>
        _options.Timeout is { } limit ? (limit - _clock.Elapsed is var left && left > TimeSpan.Zero ? left : TimeSpan.FromTicks(1)) : null;

    /// <summary>Runs operation <paramref name="index"/>; a failure is a no-op under SILENT, else it ends the request.</summary>
    public void Run(UpdateOperation operation, int index)
    {
        try
        {
            switch (operation)
            {
                case InsertDataOperation op: InsertData(op); break;
                case DeleteDataOperation op: DeleteData(op); break;
                case DeleteWhereOperation op: DeleteWhere(op); break;
                case ModifyOperation op: Modify(op); break;
                case LoadOperation op: Load(op); break;
                case ClearOperation op: Clear(op.Target); break;
                case DropOperation op: Clear(op.Target); break;
                case CreateOperation op: Create(op); break;
                case TransferOperation op: Transfer(op); break;
                default: throw new NotSupportedException($"Unknown update operation {operation.GetType().Name}.");
            }
        }
        catch (OperationFailure failure)
        {
            if (IsSilent(operation)) return;
            throw new UpdateExecutionException(failure.Message, index, failure.InnerException);
        }
    }

    private static bool IsSilent(UpdateOperation operation) => operation switch
    {
        LoadOperation op => op.Silent,
        ClearOperation op => op.Silent,
        DropOperation op => op.Silent,
        CreateOperation op => op.Silent,
        TransferOperation op => op.Silent,
        _ => false,
    };

    /// <summary>
    /// INSERT DATA (§3.1.1): the quads as written; its blank nodes are new nodes, one per label,
    /// distinct from every node already in the store.
    /// </summary>
    private void InsertData(InsertDataOperation op)
    {
        var fresh = new Dictionary<string, BlankNode>(StringComparer.Ordinal);
        foreach (var q in op.Quads)
        {
            CheckLimits();
            if (Ground(q.Subject, fresh) is not NamedOrBlankNode s || q.Predicate is not Iri p || Ground(q.Obj, fresh) is not { } o) continue;
            if (q.Graph is not (null or Iri)) continue;
            AddQuad(s, p, o, (Iri?)q.Graph);
        }
    }

    /// <summary>DELETE DATA (§3.1.2): the quads as written; those the store does not hold are ignored.</summary>
    private void DeleteData(DeleteDataOperation op)
    {
        foreach (var q in op.Quads)
        {
            CheckLimits();
            if (TryEncode(q.Subject, q.Predicate, q.Obj, q.Graph, out var quad) && _tx.Remove(in quad)) Removed++;
        }
    }

    /// <summary>A term of a data block or an instantiated template with blank nodes made fresh.</summary>
    private Term? Ground(Term term, Dictionary<string, BlankNode> fresh)
    {
        if (term is Variable) return null;
        if (term is not BlankNode b) return term;
        if (!fresh.TryGetValue(b.Label, out var node))
            fresh[b.Label] = node = new BlankNode(_freshPrefix + (_fresh++).ToString(CultureInfo.InvariantCulture));
        return node;
    }

    private void AddQuad(NamedOrBlankNode s, Iri p, Term o, Iri? g)
    {
        var quad = new EncodedQuad(_tx.GetOrAddId(s), _tx.GetOrAddId(p), _tx.GetOrAddId(o),
            g is null ? TermIds.DefaultGraph : _tx.GetOrAddId(g));
        if (_tx.Add(in quad)) Added++;
    }

    /// <summary>The stored quad for these terms; false when a term is unknown to the store (so no quad holds it) or ill-formed.</summary>
    private bool TryEncode(Term s, Term p, Term o, Term? g, out EncodedQuad quad)
    {
        quad = default;
        int gid = TermIds.DefaultGraph;
        if (s is not NamedOrBlankNode || p is not Iri || g is not (null or Iri)) return false;
        if (!_tx.TryGetId(s, out int sid) || !_tx.TryGetId(p, out int pid) || !_tx.TryGetId(o, out int oid)
            || (g is not null && !_tx.TryGetId(g, out gid)))
            return false;
        quad = new EncodedQuad(sid, pid, oid, gid);
        return true;
    }

    /// <summary>The query options for a WHERE clause: the request's limits and environment, and a dataset.</summary>
    private QueryOptions WhereOptions(IReadOnlyList<Iri>? defaultGraphs, IReadOnlyList<Iri>? namedGraphs) => new()
    {
        CancellationToken = _options.CancellationToken,
        Timeout = Remaining,
        BaseIri = _options.BaseIri,
        Now = _now, // one NOW() for the whole request
        ServiceHandler = _options.ServiceHandler,
        DefaultGraphs = defaultGraphs,
        NamedGraphs = namedGraphs,
        UnionDefaultGraph = _options.UnionDefaultGraph,
    };
}
