using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation.Expressions;
using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Sparql.Evaluation;

internal sealed partial class Evaluator
{
    /// <summary>
    /// Group and Aggregation (§18.5 Group, Aggregation): rows are grouped by the values of the keys (an
    /// error is its own key value, like unbound); with no keys, all rows form one group, even none.
    /// Each group holds one running accumulator per aggregate, not its rows, and gives one row binding
    /// the key variables and the aggregates' variables.
    /// </summary>
    private IEnumerable<int[]> EvalGroup(Group g, int graph) => TryCountByIds(g, graph) ?? GroupRows(g, graph);

    private IEnumerable<int[]> GroupRows(Group g, int graph)
    {
        var groups = new Dictionary<int[], Accumulator[]>(RowComparer.Instance);
        var order = new List<int[]>();
        int[] keySlots = [.. g.Keys.Select(k => k.Expression is VariableExpression v ? _context.Slot(v.Variable) : -1)];
        // The key is built in a scratch array and copied only when it starts a new group.
        var scratch = new int[keySlots.Length];
        // Solutions often come in runs of one key (an index lists them so): the last group is checked first.
        var lastKey = new int[keySlots.Length];
        Accumulator[]? last = null;
        foreach (int[] row in GroupInput(g, graph))
        {
            _context.Tick();
            for (int i = 0; i < scratch.Length; i++)
                scratch[i] = keySlots[i] >= 0 ? row[keySlots[i]]
                    : _expressions.Evaluate(g.Keys[i].Expression, row, graph) is Term t ? _context.Encode(t) : 0;
            Accumulator[]? accumulators;
            if (last is not null && scratch.AsSpan().SequenceEqual(lastKey)) accumulators = last;
            else
            {
                if (!groups.TryGetValue(scratch, out accumulators))
                {
                    _context.Materialize();
                    int[] key = (int[])scratch.Clone();
                    groups[key] = accumulators = NewAccumulators(g, graph);
                    order.Add(key);
                }
                scratch.CopyTo(lastKey, 0);
                last = accumulators;
            }
            foreach (Accumulator a in accumulators) a.Add(row);
        }
        if (g.Keys.Count == 0 && order.Count == 0)
        {
            groups[[]] = NewAccumulators(g, graph);
            order.Add([]);
        }
        foreach (int[] key in order)
        {
            int[] result = _context.NewRow();
            for (int i = 0; i < key.Length; i++)
                if (g.Keys[i].Variable is Variable v && key[i] != 0) result[_context.Slot(v)] = key[i];
            Accumulator[] accumulators = groups[key];
            for (int i = 0; i < accumulators.Length; i++)
                if (accumulators[i].Result() is Term value) result[_context.Slot(g.Aggregates[i].Variable)] = _context.Encode(value);
            yield return result;
        }
    }

    /// <summary>
    /// The rows grouped: a BGP's solutions are read in place (one array, overwritten per solution)
    /// unless an aggregate keeps whole rows (COUNT(DISTINCT *)); accumulators keep ids and terms only.
    /// </summary>
    private IEnumerable<int[]> GroupInput(Group g, int graph)
    {
        bool keepsRows = g.Aggregates.Any(a => a.Aggregate.Distinct && a.Aggregate.Argument is null);
        return g.Input is Bgp bgp && !keepsRows && _context.Uses(EvaluationShortcuts.InPlaceGrouping)
            ? EvalBgp(bgp, _context.NewRow(), graph, shareRow: true)
            : Eval(g.Input, _context.NewRow(), graph);
    }

    private Accumulator[] NewAccumulators(Group g, int graph) =>
        [.. g.Aggregates.Select(a => new Accumulator(this, a.Aggregate, graph))];

    /// <summary>
    /// One aggregate's running state over a group (§18.5.1 set functions). Values that are errors or
    /// unbound are skipped; SUM and AVG become errors on a non-numeric value; DISTINCT keeps the ids
    /// seen (ids are RDF terms, so this is term distinctness). Null results leave the variable unbound.
    /// </summary>
    private sealed class Accumulator
    {
        private readonly Evaluator _owner;
        private readonly AggregateExpression _aggregate;
        private readonly int _graph;
        private readonly int _slot = -1;
        private readonly HashSet<int>? _distinctIds;
        private readonly HashSet<int[]>? _distinctRows;
        private readonly AggregateValues.Sum? _sum;
        private readonly List<Term>? _concat;
        private long _count;
        private Term? _best;

        public Accumulator(Evaluator owner, AggregateExpression aggregate, int graph)
        {
            _owner = owner;
            _aggregate = aggregate;
            _graph = graph;
            if (aggregate.Argument is VariableExpression v) _slot = owner._context.Slot(v.Variable);
            if (aggregate.Distinct)
            {
                if (aggregate.Argument is null) _distinctRows = new(RowComparer.Instance);
                else _distinctIds = [];
            }
            if (aggregate.Name is "SUM" or "AVG") _sum = new AggregateValues.Sum();
            if (aggregate.Name == "GROUP_CONCAT") _concat = [];
        }

        public void Add(int[] row)
        {
            if (_aggregate.Argument is null)
            {
                // COUNT(*) / COUNT(DISTINCT *): rows, or distinct rows.
                if (_distinctRows is not null && !_distinctRows.Add(row)) return;
                if (_distinctRows is not null) _owner._context.Materialize();
                _count++;
                return;
            }
            int id;
            Term? value = null;
            if (_slot >= 0) id = row[_slot];
            else
            {
                value = _owner._expressions.Evaluate(_aggregate.Argument, row, _graph);
                id = value is null ? 0 : _owner._context.Encode(value);
            }
            if (id == 0) return;
            if (_distinctIds is not null)
            {
                if (!_distinctIds.Add(id)) return;
                _owner._context.Materialize();
            }
            _count++;
            if (_aggregate.Name == "COUNT") return;
            value ??= _owner._context.Decode(id);
            switch (_aggregate.Name)
            {
                case "SUM" or "AVG": _sum!.Add(value); break;
                case "MIN": _best = AggregateValues.Min(_best, value); break;
                case "MAX": _best = AggregateValues.Max(_best, value); break;
                case "SAMPLE": _best ??= value; break;
                case "GROUP_CONCAT": _concat!.Add(value); break;
            }
        }

        public Term? Result() => _aggregate.Name switch
        {
            "COUNT" => Integer(_count),
            "SUM" => _sum!.Result,
            "AVG" => _sum!.Average(_count),
            "MIN" or "MAX" or "SAMPLE" => _best,
            "GROUP_CONCAT" => AggregateValues.GroupConcat(_concat!, _aggregate.Separator ?? " "),
            _ => null, // custom aggregates are not supported
        };
    }

    private static Literal Integer(long n) =>
        Literal.Typed(n.ToString(System.Globalization.CultureInfo.InvariantCulture), Vocabulary.Xsd.Integer);
}
