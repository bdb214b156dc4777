using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using DihNode.Rdf.Model;
using DihNode.Rdf.Store;

namespace DihNode.Rdf.Sparql.Evaluation;

/// <summary>
/// The state shared by the operators of one query: the store, the dataset (Query §13), the variable
/// slots, the side table of terms computed by expressions that the store does not hold (negative
/// ids), and the limits.
/// </summary>
internal sealed class EvaluationContext
{
    /// <summary>The "graph" argument that means the dataset's default graph (named graph ids are > 0).</summary>
    public const int DefaultGraph = 0;

    /// <summary>The "graph" argument of a BGP scanned across every named graph of the dataset at once.</summary>
    public const int AnyNamedGraph = -1;

    private const int CheckEvery = 1024;

    private readonly Dictionary<Term, int> _extraIds = [];
    private readonly List<Term> _extraTerms = [];
    private readonly Dictionary<Variable, int> _slots = [];
    private readonly List<Variable> _variables = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly QueryOptions _options;
    private readonly int[]? _defaultGraphs;
    private readonly bool _unionDefaultGraph;
    private readonly HashSet<int>? _namedGraphs;
    private bool _sealed;
    private int _ticks;
    private long _materialized;

    public EvaluationContext(IQuadStore store, QueryOptions options, IReadOnlyList<Iri> from, IReadOnlyList<Iri> fromNamed)
    {
        Store = store;
        _options = options;
        Now = options.Now ?? DateTimeOffset.UtcNow;
        if (from.Count > 0 || fromNamed.Count > 0)
        {
            // §13.2: a dataset description replaces the store's dataset; FROM graphs merge into the default graph.
            _defaultGraphs = [.. from.Select(g => store.TryGetId(g, out int id) ? id : 0).Where(id => id > 0).Distinct()];
            _namedGraphs = [.. fromNamed.Select(g => store.TryGetId(g, out int id) ? id : 0).Where(id => id > 0)];
        }
        else
        {
            // The default graph is the merge of the stored default graph and every named graph.
            _unionDefaultGraph = options.UnionDefaultGraph;
        }
    }

    public IQuadStore Store { get; }

    public QueryOptions Options => _options;

    public bool Uses(EvaluationShortcuts shortcut) => (_options.Shortcuts & shortcut) != 0;

    public DateTimeOffset Now { get; }

    public int SlotCount => _variables.Count;

    public IReadOnlyList<Variable> Variables => _variables;

    public int[] NewRow() => new int[_variables.Count];

    /// <summary>The slot of a variable, allocated on first sight (all slots exist before rows are made).</summary>
    public int Slot(Variable v)
    {
        if (!_slots.TryGetValue(v, out int slot))
        {
            if (_sealed) ThrowSealed(v);
            slot = _variables.Count;
            _slots.Add(v, slot);
            _variables.Add(v);
        }
        return slot;
    }

    /// <summary>Ends slot allocation: rows made from now on have their final length.</summary>
    public void Seal() => _sealed = true;

    [DoesNotReturn]
    private static void ThrowSealed(Variable v) =>
        throw new InvalidOperationException($"Variable {v} was not seen when the query was prepared.");

    public bool TryGetSlot(Variable v, out int slot) => _slots.TryGetValue(v, out slot);

    /// <summary>The slot standing for a blank node of a pattern (a variable local to the query).</summary>
    public static Variable BlankVariable(BlankNode b) => new("_:" + b.Label);

    /// <summary>The id of a term: the store's, or a negative id in the side table.</summary>
    public int Encode(Term term)
    {
        if (Store.TryGetId(term, out int id)) return id;
        if (!_extraIds.TryGetValue(term, out id))
        {
            _extraTerms.Add(term);
            id = -_extraTerms.Count;
            _extraIds.Add(term, id);
        }
        return id;
    }

    public Term Decode(int id) => id > 0 ? Store.GetTerm(id) : _extraTerms[-id - 1];

    /// <summary>The named graphs of the dataset.</summary>
    public IEnumerable<int> NamedGraphIds() => _namedGraphs is null ? Store.GraphNameIds() : _namedGraphs.Order();

    public bool IsNamedGraph(int id) =>
        id > 0 && (_namedGraphs is null ? Store.Count(QuadPattern.InGraph(id)) > 0 : _namedGraphs.Contains(id));

    /// <summary>Whether the named graph holding a quad belongs to the dataset (FROM NAMED, when given).</summary>
    public bool IsDatasetNamedGraph(int id) => id > 0 && (_namedGraphs is null || _namedGraphs.Contains(id));

    /// <summary>
    /// The quads matching (s, p, o) in <paramref name="graph"/>; 0 leaves a position open. In a default
    /// graph that merges several graphs (Query §13.1: the RDF merge; a triple in several of them is one
    /// triple), each triple comes once, with G = 0. The union default graph streams in index order
    /// (<see cref="QuadCursor.DistinctTriples"/>, nothing materialised).
    /// </summary>
    public ScanCursor Scan(int s, int p, int o, int graph)
    {
        if (s < 0 || p < 0 || o < 0) return ScanCursor.Empty;
        if (graph == AnyNamedGraph) return new ScanCursor(Store.Find(QuadPattern.InNamedGraphs(s, p, o)));
        if (graph != DefaultGraph) return new ScanCursor(Store.Find(QuadPattern.InGraph(graph, s, p, o)));
        if (_unionDefaultGraph) return new ScanCursor(Store.Find(QuadPattern.InAllGraphs(s, p, o)).DistinctTriples());
        if (_defaultGraphs is null) return new ScanCursor(Store.Find(QuadPattern.InDefaultGraph(s, p, o)));
        if (_defaultGraphs.Length == 1) return new ScanCursor(Store.Find(QuadPattern.InGraph(_defaultGraphs[0], s, p, o)));
        return ScanFromGraphs(s, p, o);
    }

    /// <summary>
    /// The merge of the FROM graphs. When only one of them holds matches, its quads are the answer as
    /// they are; else their ranges are merged in index order, each triple once (<see cref="QuadCursor.MergeGraphs"/>).
    /// </summary>
    private ScanCursor ScanFromGraphs(int s, int p, int o)
    {
        int only = -1;
        foreach (int g in _defaultGraphs!)
        {
            if (Store.Count(QuadPattern.InGraph(g, s, p, o)) == 0) continue;
            if (only != -1) { only = -2; break; }
            only = g;
        }
        if (only == -1) return ScanCursor.Empty;
        if (only >= 0) return new ScanCursor(Store.Find(QuadPattern.InGraph(only, s, p, o)));
        return new ScanCursor(QuadCursor.MergeGraphs(Store, _defaultGraphs, s, p, o));
    }

    /// <summary>
    /// The number of quads <see cref="Scan"/> would return: exact for one graph, an upper bound for a
    /// default graph that merges several (each graph's matches counted, a triple in two graphs twice).
    /// </summary>
    public long Count(int s, int p, int o, int graph)
    {
        if (s < 0 || p < 0 || o < 0) return 0;
        if (graph == AnyNamedGraph) return Store.Count(QuadPattern.InNamedGraphs(s, p, o));
        if (graph != DefaultGraph) return Store.Count(QuadPattern.InGraph(graph, s, p, o));
        if (_unionDefaultGraph) return Store.Count(QuadPattern.InAllGraphs(s, p, o));
        if (_defaultGraphs is null) return Store.Count(QuadPattern.InDefaultGraph(s, p, o));
        long n = 0;
        foreach (int g in _defaultGraphs) n += Store.Count(QuadPattern.InGraph(g, s, p, o));
        return n;
    }

    /// <summary>
    /// How long one REGEX or REPLACE match may run: 2 s, or a quarter of the query's time limit when that
    /// is shorter, so a single catastrophic match cannot outlast the query (the query's clock is checked
    /// after each match that times out).
    /// </summary>
    public TimeSpan RegexTimeout => _options.Timeout is TimeSpan limit && limit / 4 < TimeSpan.FromSeconds(2)
        ? TimeSpan.FromTicks(Math.Max(limit.Ticks / 4, TimeSpan.TicksPerMillisecond))
        : TimeSpan.FromSeconds(2);

    /// <summary>Called once per row produced; every thousand rows checks cancellation and the clock.</summary>
    public void Tick()
    {
        if (++_ticks < CheckEvery) return;
        _ticks = 0;
        CheckLimits();
    }

    public void CheckLimits()
    {
        _options.CancellationToken.ThrowIfCancellationRequested();
        if (_options.Timeout is TimeSpan limit && _clock.Elapsed > limit) ThrowTimeout(limit);
    }

    /// <summary>Counts rows held by a materialising operator against <see cref="QueryOptions.MaxIntermediateRows"/>.</summary>
    public void Materialize(long rows = 1)
    {
        _materialized += rows;
        if (_options.MaxIntermediateRows is long cap && _materialized > cap) ThrowLimit(cap);
        Tick();
    }

    [DoesNotReturn]
    private static void ThrowTimeout(TimeSpan limit) => throw new QueryTimeoutException(limit);

    [DoesNotReturn]
    private static void ThrowLimit(long cap) => throw new QueryLimitException(cap);
}
