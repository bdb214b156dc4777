using System.Collections.Concurrent;
using DihNode.Federation.Client;
using DihNode.Federation.Query;
using DihNode.Federation.Wire;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Syntax;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace DihNode.Federation.Network;

/// <summary>
/// One network-mode request: the SERVICE handler for the request's network endpoint (see
/// <see cref="NetworkRewrite"/>) that answers a group of triple patterns over the union of this node's
/// own data and every configured peer's hubs, live, in the manner of FedX (Schwarte et al., ISWC 2011):
/// <list type="number">
/// <item>Source selection per pattern from the peers' exchanged statistics (predicate and class
/// partitions), with an ASK probe where the statistics cannot tell (a constant subject or object);
/// the node's own data is probed locally.</item>
/// <item>Patterns only one source can answer form exclusive groups (per connected component), sent whole
/// to that source; the other patterns are asked of each of their sources, those with the same subject
/// variable and the same sources together (a star): a hub's description (the hub, its address and
/// involvements) lives whole at the node that publishes it, since a node publishes only its own hubs and
/// a peer can change only its own, so a star never needs triples from two nodes.</item>
/// <item>Groups are joined in order of estimated size (from the statistics); a group sharing variables
/// with the rows so far is a bound join: the distinct bindings travel in batches through the Query rpc's
/// bindings. Answers are merged by hash join here.</item>
/// </list>
/// Each peer call carries the request's deadline as its gRPC deadline and the request's cancellation; a
/// peer that fails is reported missing (<see cref="Report"/>) and asked nothing more, and the answer is
/// flagged partial. Answers are kept per pattern, so OPTIONAL or repeated evaluation asks once.
/// </summary>
public sealed class NetworkRequest : IServiceHandler
{
    private const int ProbeCountDivisorSubject = 100;
    private const int ProbeCountDivisorObject = 10;

    private readonly NetworkCoordinator _coordinator;
    private readonly DateTime _deadline;
    private readonly PeerServiceHandler? _explicit;
    private readonly ConcurrentDictionary<string, (List<Variable> Variables, List<Term?[]> Rows)> _answers = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private Task<List<PeerProfile>>? _profiles;
    private int _calls;

    internal NetworkRequest(NetworkCoordinator coordinator, Iri endpoint, DateTime deadline, PeerServiceHandler? explicitServices)
    {
        _coordinator = coordinator;
        Endpoint = endpoint;
        _deadline = deadline;
        _explicit = explicitServices;
    }

    /// <summary>The SERVICE IRI this request's rewritten query names (fresh per request: no query can name it).</summary>
    public Iri Endpoint { get; }

    public NetworkReport Report { get; } = new();

    /// <summary>Query calls sent to peers (probes, groups, bound-join batches).</summary>
    public int PeerCalls => Volatile.Read(ref _calls);

    public SelectResult Evaluate(Iri endpoint, Op pattern, CancellationToken cancellationToken)
    {
        if (endpoint != Endpoint)
            return (_explicit ?? throw new InvalidOperationException($"SERVICE <{endpoint.Value}> is not a configured peer of this node; no request was made"))
                .Evaluate(endpoint, pattern, cancellationToken);
        string key = SparqlText.SelectAll(pattern);
        if (!_answers.TryGetValue(key, out var answer))
        {
            answer = RunAsync(pattern, cancellationToken).GetAwaiter().GetResult();
            _answers.TryAdd(key, answer);
        }
        return new SelectResult(answer.Variables, answer.Rows);
    }

    private async Task<(List<Variable>, List<Term?[]>)> RunAsync(Op pattern, CancellationToken ct)
    {
        var filters = new List<Expression>();
        var parts = new List<Op>();
        Flatten(pattern, filters, parts);
        var outputs = new List<Variable>();
        foreach (var part in parts)
            foreach (var v in PartVariables(part))
                if (!IsInternal(v) && !outputs.Contains(v)) outputs.Add(v);

        var profiles = await ProfilesAsync(ct);
        var selections = new List<List<Source>>();
        foreach (var part in parts) selections.Add(await SelectSourcesAsync(part, profiles, ct));
        if (selections.Any(s => s.Count == 0)) return (outputs, []);

        var units = Plan(parts, selections, filters);
        Solutions? rows = null;
        var remaining = new List<Unit>(units);
        while (remaining.Count > 0)
        {
            var next = remaining.OrderBy(u => rows is null || u.Variables.Overlaps(rows.Variables) ? 0 : 1).ThenBy(u => u.Estimate).First();
            remaining.Remove(next);
            var shared = rows?.Variables.Where(next.Variables.Contains).ToList() ?? [];
            Solutions answer;
            if (rows is null || shared.Count == 0) answer = await FetchAsync(next, null, ct);
            else
            {
                var bindings = rows.Distinct(shared);
                answer = await FetchAsync(next, bindings.Count <= _coordinator.MaxBoundJoinBindings ? (shared, bindings) : null, ct);
            }
            rows = rows is null ? answer : Solutions.Join(rows, answer);
            if (rows.Rows.Count == 0) break;
        }
        int[] at = [.. outputs.Select(v => rows!.IndexOf(Wire(v)))];
        var result = rows!.Rows.Select(r => at.Select(i => i < 0 ? null : r[i]).ToArray()).ToList();
        return (outputs, result);
    }

    /// <summary>The peers' profiles for this request (asked once); a peer that cannot give them is missing.</summary>
    private Task<List<PeerProfile>> ProfilesAsync(CancellationToken ct)
    {
        lock (_gate)
            return _profiles ??= Load();

        async Task<List<PeerProfile>> Load()
        {
            var tasks = _coordinator.Peers.Clients.Select(async peer =>
            {
                try
                {
                    var profile = await _coordinator.ProfileAsync(peer, ct);
                    Report.Answer(peer.Link.Name, profile.Sequence);
                    return profile;
                }
                catch (Exception e) when (!ct.IsCancellationRequested && e is RpcException or WireFormatException or HttpRequestException)
                {
                    Miss(peer.Link.Name, e);
                    return null;
                }
            }).ToList();
            return [.. (await Task.WhenAll(tasks)).OfType<PeerProfile>()];
        }
    }

    private async Task<List<Source>> SelectSourcesAsync(Op part, List<PeerProfile> profiles, CancellationToken ct)
    {
        var sources = new List<Source>();
        long local = LocalCount(part, ct);
        if (local > 0) sources.Add(new Source(null, local));
        var probes = profiles.Where(p => !Report.IsMissing(p.Name)).Select(async p =>
        {
            long estimate = Estimate(p, part);
            if (estimate == 0) return null;
            if (NeedsProbe(part))
            {
                var answer = await CallAsync(p, SparqlText.Ask(part, p.HubsGraph), null, null, ct);
                if (answer?.Boolean != true) return null;
            }
            return new Source(p, estimate);
        }).ToList();
        sources.AddRange((await Task.WhenAll(probes)).OfType<Source>());
        return sources;
    }

    /// <summary>Exclusive groups (one source; split into connected parts), then stars of multi-source patterns; filters go to the first unit that binds all their variables.</summary>
    private static List<Unit> Plan(List<Op> parts, List<List<Source>> selections, List<Expression> filters)
    {
        var units = new List<Unit>();
        var exclusive = new Dictionary<string, List<Op>>(StringComparer.Ordinal);
        var exclusiveSource = new Dictionary<string, Source>(StringComparer.Ordinal);
        for (int i = 0; i < parts.Count; i++)
        {
            if (selections[i].Count == 1)
            {
                string name = selections[i][0].Name;
                if (!exclusive.TryGetValue(name, out var list)) { exclusive[name] = list = []; exclusiveSource[name] = selections[i][0]; }
                list.Add(parts[i]);
            }
            else if (parts[i] is Bgp { Triples: [{ Subject: Variable subject }] }
                && units.FirstOrDefault(u => u.Subject == subject.Name && SameSources(u.Sources, selections[i])) is { } star)
                star.Parts.Add(parts[i]); // the same subject at the same sources: one description, one node (see the class summary)
            else units.Add(new Unit([parts[i]], selections[i]) { Subject = (parts[i] as Bgp)?.Triples[0].Subject is Variable v ? v.Name : null });
        }
        foreach (var (name, list) in exclusive)
            foreach (var component in Components(list))
                units.Add(new Unit(component, [exclusiveSource[name]]));
        foreach (var filter in filters)
        {
            var needed = NetworkRewrite.Variables(filter).Select(n => SparqlText.VariableName(n)).ToHashSet(StringComparer.Ordinal);
            units.FirstOrDefault(u => needed.IsSubsetOf(u.Variables))?.Filters.Add(filter);
        }
        return units;
    }

    private static bool SameSources(List<Source> a, List<Source> b) =>
        a.Select(s => s.Name).Order(StringComparer.Ordinal).SequenceEqual(b.Select(s => s.Name).Order(StringComparer.Ordinal));

    private static List<List<Op>> Components(List<Op> parts)
    {
        var groups = new List<(HashSet<string> Vars, List<Op> Parts)>();
        foreach (var part in parts)
        {
            var vars = PartVariables(part).Select(Wire).ToHashSet(StringComparer.Ordinal);
            var touching = groups.Where(g => g.Vars.Overlaps(vars)).ToList();
            var merged = (Vars: vars, Parts: new List<Op> { part });
            foreach (var g in touching)
            {
                merged.Vars.UnionWith(g.Vars);
                merged.Parts.InsertRange(0, g.Parts);
                groups.Remove(g);
            }
            groups.Add(merged);
        }
        return [.. groups.Select(g => g.Parts)];
    }

    /// <summary>A unit's rows from all its sources; with bindings, in batches (a bound join).</summary>
    private async Task<Solutions> FetchAsync(Unit unit, (List<string> Variables, List<Term?[]> Rows)? bindings, CancellationToken ct)
    {
        var result = new Solutions([.. unit.Variables]);
        Op op = unit.ToOp();
        var batches = bindings is { } b ? b.Rows.Chunk(_coordinator.BindingBatch).ToList() : [null!];
        using var slots = new SemaphoreSlim(_coordinator.Parallelism);
        var calls = new List<Task<(IReadOnlyList<string>, IReadOnlyList<Term?[]>)?>>();
        foreach (var source in unit.Sources)
            foreach (var batch in batches)
            {
                if (source.Peer is null)
                {
                    string text = SparqlText.SelectAll(Bound(op, bindings?.Variables, batch));
                    var local = _coordinator.Local.Query(text, Remaining(), ct);
                    calls.Add(Task.FromResult<(IReadOnlyList<string>, IReadOnlyList<Term?[]>)?>((local.Variables, local.Rows)));
                    continue;
                }
                var peer = source.Peer;
                calls.Add(Task.Run(async () =>
                {
                    await slots.WaitAsync(ct);
                    try
                    {
                        var answer = await CallAsync(peer, SparqlText.SelectAll(Bound(op, bindings?.Variables, batch), peer.HubsGraph), null, null, ct);
                        return answer is null ? ((IReadOnlyList<string>, IReadOnlyList<Term?[]>)?)null : (answer.Variables, answer.Rows);
                    }
                    finally
                    {
                        slots.Release();
                    }
                }, ct));
            }
        foreach (var answer in await Task.WhenAll(calls))
            if (answer is { } a) result.AddFrom(a.Item1, a.Item2);
        return result;
    }

    /// <summary>
    /// The pattern joined with a batch of bindings, the VALUES first inside the group: the source's
    /// engine starts from the bindings and looks each up (a trailing VALUES, as the Query rpc's binding
    /// fields give, is joined after the whole pattern is evaluated, once per batch).
    /// </summary>
    private static Op Bound(Op op, List<string>? variables, Term?[][]? batch) =>
        batch is null ? op : new Join(new Table([.. variables!.Select(v => new Variable(v))], [.. batch]), op);

    /// <summary>One Query call to a peer under the request's deadline; a failure marks the peer missing (null).</summary>
    private async Task<RemoteResult?> CallAsync(PeerProfile peer, string text, IReadOnlyList<string>? variables, IEnumerable<Term?[]>? rows, CancellationToken ct)
    {
        if (Report.IsMissing(peer.Name)) return null;
        Interlocked.Increment(ref _calls);
        try
        {
            var answer = await peer.Client.QueryAsync(text, variables, rows, _deadline, ct);
            if (answer.Truncated)
            {
                Report.Miss(peer.Name, "the peer cut its answer at its row limit");
                return null;
            }
            Report.Answer(peer.Name, peer.Sequence);
            return answer;
        }
        catch (RpcException e) when (ct.IsCancellationRequested)
        {
            throw new OperationCanceledException("the request was cancelled", e, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is RpcException or WireFormatException or HttpRequestException)
        {
            Miss(peer.Name, e);
            return null;
        }
    }

    private void Miss(string peer, Exception e)
    {
        string reason = e is RpcException r ? $"{r.StatusCode}: {r.Status.Detail}" : e.Message;
        Report.Miss(peer, reason);
        _coordinator.Log.LogWarning("network query: peer {Peer} missing: {Reason}", peer, reason);
    }

    /// <summary>How many solutions the node's own data has for a pattern (0: not a source).</summary>
    private long LocalCount(Op part, CancellationToken ct)
    {
        var answer = _coordinator.Local.Query(SparqlText.Ask(part), Remaining(), ct);
        if (answer.Boolean != true) return 0;
        return 1; // local answers cost no network round trip: ordered first among equals
    }

    /// <summary>The statistics' estimate of a pattern's solutions at a peer; 0 when the peer has none.</summary>
    private static long Estimate(PeerProfile peer, Op part)
    {
        if (part is not Bgp { Triples: [var t] }) return peer.Triples;
        long count = t.Predicate switch
        {
            Iri p when p == Vocabulary.Rdf.Type && t.Obj is Iri c => peer.Classes.GetValueOrDefault(c.Value),
            Iri p => peer.Predicates.GetValueOrDefault(p.Value),
            _ => peer.Triples,
        };
        if (count == 0) return 0;
        if (!IsVariable(t.Subject)) count = Math.Max(1, count / ProbeCountDivisorSubject);
        else if (!IsVariable(t.Obj) && t.Predicate != Vocabulary.Rdf.Type) count = Math.Max(1, count / ProbeCountDivisorObject);
        return count;
    }

    /// <summary>A constant subject or object the statistics know nothing of: ASK the peer.</summary>
    private static bool NeedsProbe(Op part) => part is Bgp { Triples: [var t] }
        && (!IsVariable(t.Subject) || (!IsVariable(t.Obj) && !(t.Predicate == Vocabulary.Rdf.Type && t.Obj is Iri)));

    private TimeSpan Remaining()
    {
        var left = _deadline - DateTime.UtcNow;
        return left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1);
    }

    /// <summary>Splits the SERVICE pattern into single triple patterns and paths, and its filters; blank nodes become variables.</summary>
    private static void Flatten(Op op, List<Expression> filters, List<Op> parts)
    {
        switch (op)
        {
            case Filter f: filters.AddRange(f.Conditions); Flatten(f.Input, filters, parts); break;
            case Join j: Flatten(j.Left, filters, parts); Flatten(j.Right, filters, parts); break;
            case Bgp b: parts.AddRange(b.Triples.Select(t => new Bgp([new TriplePattern(Var(t.Subject), Var(t.Predicate), Var(t.Obj))]))); break;
            case PathOp p: parts.Add(new PathOp(Var(p.Subject), p.Path, Var(p.Obj))); break;
            case Table { Variables.Count: 0 }: break;
            default: throw new NotSupportedException($"network mode cannot split a {op.GetType().Name} pattern");
        }
    }

    private static Term Var(Term t) => t is BlankNode b ? new Variable("_:" + b.Label) : t;

    private static bool IsVariable(Term t) => t is Variable;

    private static bool IsInternal(Variable v) => v.Name.StartsWith("_:", StringComparison.Ordinal) || v.Name is ['?' or '.', ..];

    internal static string Wire(Variable v) => SparqlText.VariableName(v.Name);

    private static IEnumerable<Variable> PartVariables(Op part) => part switch
    {
        Bgp b => b.Triples.SelectMany(t => new[] { t.Subject, t.Predicate, t.Obj }).OfType<Variable>(),
        PathOp p => new[] { p.Subject, p.Obj }.OfType<Variable>(),
        _ => [],
    };

    /// <summary>A source: a peer, or this node (null).</summary>
    private sealed record Source(PeerProfile? Peer, long Estimate)
    {
        public string Name => Peer?.Name ?? "";
    }

    /// <summary>Patterns asked together of the same sources, with the filters pushed into them.</summary>
    private sealed class Unit(List<Op> parts, List<Source> sources)
    {
        public List<Op> Parts { get; } = parts;

        public List<Source> Sources { get; } = sources;

        public List<Expression> Filters { get; } = [];

        /// <summary>The subject variable a star of patterns shares (null: not a star).</summary>
        public string? Subject { get; init; }

        public HashSet<string> Variables => Parts.SelectMany(PartVariables).Select(Wire).ToHashSet(StringComparer.Ordinal);

        /// <summary>Sum over the sources of the smallest pattern estimate (this node's own data counts as 1: no round trip).</summary>
        public long Estimate => Sources.Sum(s => s.Estimate);

        public Op ToOp()
        {
            var triples = Parts.OfType<Bgp>().SelectMany(b => b.Triples).ToList();
            Op op = new Bgp(triples);
            foreach (var path in Parts.OfType<PathOp>()) op = new Join(op, path);
            return Filters.Count == 0 ? op : new Filter(Filters, op);
        }
    }
}
