using DihNode.Federation;
using DihNode.Federation.Protocol;
using DihNode.Federation.Query;
using DihNode.Federation.Serving;
using DihNode.Node.Hosting;
using DihNode.Node.Registry;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Rdf.Store;
using QuadPattern = DihNode.Rdf.Store.QuadPattern;
using DihNode.Vocab.Profile;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DihNode.Node.Federation;

/// <summary>
/// What this node publishes to its peers (<see cref="IFederationSource"/>), read from its registry: its own
/// hubs only (a copy of another peer's hubs is never re-published), each as the profile's description.
/// </summary>
internal sealed class NodeFederationSource : IFederationSource
{
    private readonly NodeStore _store;
    private readonly NodeOptions _node;
    private readonly FederationOptions _federation;
    private readonly PeerStates _peers;
    private readonly PeerServiceHandler? _services;
    private readonly ILogger? _log;
    private long _queries;
    private long _queriesCancelled;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public NodeFederationSource(NodeStore store, NodeOptions node, FederationOptions federation, PeerStates peers, IServiceHandler? services = null, ILogger<NodeFederationSource>? log = null)
    {
        _log = log;
        _services = services as PeerServiceHandler;
        _store = store;
        _node = node;
        _federation = federation;
        _peers = peers;
        store.Registry.Committed += _ => Interlocked.Exchange(ref _changed, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public long LastSequence => _store.Registry.LastSequence;

    /// <summary>Query calls peers made of this node, and how many of them their caller cancelled or its deadline stopped (the work stopped).</summary>
    public long QueriesStarted => Interlocked.Read(ref _queries);

    public long QueriesCancelled => Interlocked.Read(ref _queriesCancelled);

    public long FirstRetainedSequence => _store.Registry.FirstRetainedSequence;

    public IReadOnlyList<PeerState> Peers => [.. _peers.All.Select(p => new PeerState
    {
        Name = p.Name,
        AppliedSequence = p.Applied ?? 0,
        Stale = p.Stale,
        LastContact = p.LastContact is DateTime t ? Timestamp.FromDateTime(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null,
    })];

    public HelloResponse Describe()
    {
        string root = (_node.PublicUrl ?? _node.Urls.Split(';')[0]).TrimEnd('/');
        var hello = new HelloResponse
        {
            NodeName = _federation.NodeName,
            Software = "dihnode " + (typeof(NodeFederationSource).Assembly.GetName().Version?.ToString(3) ?? "0"),
            BaseIri = _store.Iris.Base,
            Country = _node.Country ?? "",
            CatalogTitle = LinkedData.DcatCatalog.TitleOf(_node),
            PublisherName = LinkedData.DcatCatalog.PublisherOf(_node),
            Capabilities = new Capabilities
            {
                DcatApVersion = "3.0.0",
                ProfileVersion = "1",
                OdataConformance = "intermediate",
                Aggregator = _federation.Aggregator,
            },
            Endpoints = new Endpoints { Sparql = root + "/sparql", Odata = root + "/odata", Catalog = root + "/catalog", Changes = root + "/changes" },
        };
        hello.Capabilities.SparqlLanguages.AddRange(["SPARQL11Query", "SPARQL11Update"]);
        hello.Capabilities.SparqlFeatures.AddRange(["UnionDefaultGraph", "BasicFederatedQuery"]);
        hello.Capabilities.ResultFormats.AddRange(["application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values"]);
        return hello;
    }

    public Statistics GetStatistics()
    {
        var snapshot = _store.Rdf.Snapshot();
        var stats = new Statistics { Sequence = LastSequence };
        if (!snapshot.TryGetId(_store.Iris.HubsGraph, out int graph)) return stats;
        snapshot.TryGetId(Vocabulary.Rdf.Type, out int type);
        snapshot.TryGetId(Vocab.Namespaces.DihTerms.Hub, out int hubClass);
        var classes = new Dictionary<int, long>();
        var predicates = new Dictionary<int, long>();
        var subjects = new HashSet<int>();
        var objects = new HashSet<int>();
        var cursor = snapshot.Find(QuadPattern.InGraph(graph));
        while (cursor.MoveNext())
        {
            var q = cursor.Current;
            stats.Triples++;
            subjects.Add(q.S);
            objects.Add(q.O);
            predicates[q.P] = predicates.GetValueOrDefault(q.P) + 1;
            if (q.P == type)
            {
                classes[q.O] = classes.GetValueOrDefault(q.O) + 1;
                if (q.O == hubClass) stats.Hubs++;
            }
        }
        stats.DistinctSubjects = subjects.Count;
        stats.DistinctObjects = objects.Count;
        foreach (var (id, n) in classes.OrderBy(c => ((Iri)snapshot.GetTerm(c.Key)).Value, StringComparer.Ordinal)) stats.Classes.Add(new PartitionCount { Iri = ((Iri)snapshot.GetTerm(id)).Value, Count = n });
        foreach (var (id, n) in predicates.OrderBy(c => ((Iri)snapshot.GetTerm(c.Key)).Value, StringComparer.Ordinal)) stats.Predicates.Add(new PartitionCount { Iri = ((Iri)snapshot.GetTerm(id)).Value, Count = n });
        return stats;
    }

    public HubSnapshot ReadSnapshot()
    {
        using var context = _store.NewContext();
        using var transaction = ReadTransaction.Begin(context); // one read snapshot (WAL): the sequence and the hubs agree
        long sequence = context.Changes.Max(c => (long?)c.Sequence) ?? 0;
        var hubs = HubRegistry.LoadHubs(context).AsNoTracking().Where(h => h.Origin == "").OrderBy(h => h.Id).AsEnumerable().Select(Publish).ToList();
        transaction.Commit();
        return new HubSnapshot(sequence, hubs);
    }

    public ChangePage ReadChanges(long from, int max)
    {
        using var context = _store.NewContext();
        using var transaction = ReadTransaction.Begin(context);
        long first = _store.Registry.FirstRetainedSequence;
        if (from < first) throw new FeedCompactedException(from, first);
        var rows = context.Changes.AsNoTracking().Where(c => c.Sequence >= from).OrderBy(c => c.Sequence).Take(max).ToList();
        if (rows.Count == 0) return new ChangePage([], from - 1);
        var own = rows.Where(r => r.Origin.Length == 0).ToList();
        var iris = own.Select(r => r.HubIri).ToHashSet(StringComparer.Ordinal);
        var hubs = HubRegistry.LoadHubs(context).AsNoTracking().Where(h => h.Origin == "" && iris.Contains(h.Iri)).AsEnumerable().ToDictionary(h => h.Iri, Publish, StringComparer.Ordinal);
        transaction.Commit();
        // The state now, not at the change: a hub deleted since is sent as deleted (a later change says so too).
        var changes = own.Select(r => new PublishedChange(r.Sequence, r.At, r.HubIri, r.Kind == HubChangeKind.Upsert ? hubs.GetValueOrDefault(r.HubIri) : null)).ToList();
        return new ChangePage(changes, rows[^1].Sequence);
    }

    public async Task WaitForChangeAsync(long sequence, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var signal = Volatile.Read(ref _changed).Task;
        if (LastSequence > sequence) return;
        await Task.WhenAny(signal, Task.Delay(timeout, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
    }

    public QueryResult Query(string sparql, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var query = SparqlParser.ParseQuery(sparql);
        var snapshot = _store.Rdf.Snapshot();
        bool ownDataset = query.From.Count > 0 || query.FromNamed.Count > 0;
        // The node's SPARQL default graph is the union of its graphs (sd:UnionDefaultGraph).
        IReadOnlyList<Iri>? union = ownDataset ? null : [.. snapshot.GraphNameIds().Select(id => snapshot.GetTerm(id)).OfType<Iri>()];
        var options = new QueryOptions
        {
            CancellationToken = cancellationToken,
            Timeout = timeout < _node.MaxQueryTimeout ? timeout : _node.MaxQueryTimeout,
            MaxIntermediateRows = _node.MaxIntermediateRows,
            DefaultGraphs = union,
            NamedGraphs = ownDataset ? null : union,
            // A SERVICE inside a peer's query reaches this node's own configured peers, within the caller's budget.
            ServiceHandler = _services?.WithDeadline(DateTime.UtcNow + timeout),
        };
        Interlocked.Increment(ref _queries);
        var result = QueryEvaluator.Execute(query, snapshot, options);
        return result is SelectResult select ? new SelectResult(select.Variables, Watch(select.Rows, cancellationToken)) : result;
    }

    /// <summary>The rows, counting a stop for the caller (its request was cancelled, or its deadline passed: the token or the query's own time limit) as it stops the evaluation.</summary>
    private IEnumerable<DihNode.Rdf.Model.Term?[]> Watch(IEnumerable<DihNode.Rdf.Model.Term?[]> rows, CancellationToken cancellationToken)
    {
        using var e = rows.GetEnumerator();
        while (true)
        {
            bool more;
            try
            {
                more = e.MoveNext();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref _queriesCancelled);
                _log?.LogInformation("a peer's query was cancelled by its caller; evaluation stopped");
                throw;
            }
            catch (QueryTimeoutException)
            {
                // The query's time limit is the caller's deadline: whichever of the two notices first, the work stopped for the caller.
                Interlocked.Increment(ref _queriesCancelled);
                _log?.LogInformation("a peer's query reached its caller's deadline; evaluation stopped");
                throw;
            }
            if (!more) yield break;
            yield return e.Current;
        }
    }

    private PublishedHub Publish(Hub hub)
    {
        var description = HubDescriptionBuilder.Build(HubMapping.ToRecord(hub), _store.Iris, 0, 0);
        return new PublishedHub(description.Hub, description.Triples);
    }
}
