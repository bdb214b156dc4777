using System.Runtime.CompilerServices;
using DihNode.Rdf.Store;

namespace DihNode.Rdf.Sparql.Evaluation;

internal sealed partial class Evaluator
{
    /// <summary>
    /// The index nested loop of one BGP (see <see cref="EvalBgp"/>) as a plain state machine:
    /// <see cref="Next"/> leaves the next solution in <see cref="Row"/>. Kept out of the iterator so
    /// the loop is compiled fully optimised on first use (it runs per quad; a query may be over
    /// before tiered compilation would promote it).
    /// </summary>
    private sealed class BgpLoop
    {
        private readonly Evaluator _owner;
        private readonly PatternPlan[] _order;
        private readonly ScanCursor[] _cursors;
        private readonly int[][] _boundAt;
        private readonly int[] _boundCount;
        private readonly int _graph, _graphSlot, _n;
        private readonly bool _anyGraph;
        private readonly IndexedLevels? _indexed;
        private readonly DeepMerge?[] _merges;
        private readonly bool[] _filtered;   // the level's cursor is merge-joined: the next level is skipped
        private readonly int[] _parent;      // the level that opened this one
        private int _level;
        private bool _done;

        public BgpLoop(Evaluator owner, BgpLevels levels, int[] seed, int graph, int graphSlot)
        {
            _owner = owner;
            _order = levels.Order;
            _n = _order.Length;
            _graph = graph;
            _graphSlot = graphSlot;
            Row = (int[])seed.Clone();
            _cursors = new ScanCursor[_n];
            _boundAt = new int[_n][];
            for (int i = 0; i < _n; i++) _boundAt[i] = new int[3];
            _boundCount = new int[_n];
            _anyGraph = graph == EvaluationContext.AnyNamedGraph;
            EvaluationContext context = owner._context;
            _indexed = _anyGraph || _n == 1 || !context.Uses(EvaluationShortcuts.IndexedBgpJoins)
                ? null
                : new IndexedLevels(_n, context.Options.IndexedJoinAfter);
            _merges = owner.DeepMerges(_order, graph);
            _filtered = new bool[_n];
            _parent = new int[_n];
            _cursors[0] = owner.Open(_order[0], Row, graph);
            if (levels.Members is not null) _cursors[0] = _cursors[0].WithMembers(levels.Members, levels.MemberPosition);
        }

        /// <summary>The current solution (valid after <see cref="Next"/> returned true, until the next call).</summary>
        public int[] Row { get; }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool Next()
        {
            if (_done) return false;
            int[] row = Row;
            int level = _level;
            while (true)
            {
                if (_cursors[level].MoveNext())
                {
                    PatternPlan plan = _order[level];
                    int[] boundAt = _boundAt[level];
                    for (int b = 0; b < _boundCount[level]; b++) row[boundAt[b]] = 0;
                    int bound = 0;
                    EncodedQuad q = _cursors[level].Current;
                    if (_indexed is not null)
                    {
                        if (level == 0) _indexed.NextOuterRow();
                        else if (level == 1) _indexed.SecondRows++;
                    }
                    if (_anyGraph && level == 0)
                    {
                        if (!_owner._context.IsDatasetNamedGraph(q.G))
                        {
                            _boundCount[level] = 0;
                            continue;
                        }
                        row[_graphSlot] = q.G;
                    }
                    bool ok = true;
                    for (int k = 0; k < 3 && ok; k++)
                    {
                        Fill fill = plan.Fills[k];
                        if (fill == Fill.Constant || fill == Fill.Read) continue;
                        int value = k == 0 ? q.S : k == 1 ? q.P : q.O;
                        int slot = plan.Slots[k];
                        if (fill == Fill.Bind)
                        {
                            row[slot] = value;
                            boundAt[bound++] = slot;
                        }
                        else ok = row[slot] == value;
                    }
                    _boundCount[level] = bound;
                    if (!ok) continue;
                    int next = _filtered[level] ? level + 2 : level + 1;
                    if (next >= _n)
                    {
                        _level = level;
                        return true;
                    }
                    _parent[next] = level;
                    level = next;
                    _cursors[level] = _indexed is null
                        ? _owner.Open(_order[level], row, _anyGraph ? row[_graphSlot] : _graph)
                        : _owner.OpenIndexed(_order, row, _graph, level, _indexed);
                    _filtered[level] = false;
                    if (_merges[level] is DeepMerge m && (m.Members ?? _owner.MembersFor(m, _owner.CountOpen(_order[level], row, _graph), _graph)) is SortedRun members)
                    {
                        _cursors[level] = _cursors[level].WithMembers(members, m.Position);
                        _filtered[level] = true;
                    }
                }
                else
                {
                    for (int b = 0; b < _boundCount[level]; b++) row[_boundAt[level][b]] = 0;
                    _boundCount[level] = 0;
                    if (level == 0)
                    {
                        if (_anyGraph) row[_graphSlot] = 0;
                        _done = true;
                        return false;
                    }
                    level = _parent[level];
                }
            }
        }
    }
}
