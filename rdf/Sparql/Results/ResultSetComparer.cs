using System.Text;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Results;

/// <summary>How <see cref="ResultSetComparer"/> compares two results.</summary>
[Flags]
public enum ResultComparisonOptions
{
    /// <summary>Rows as multisets, blank nodes up to a consistent renaming, terms compared exactly.</summary>
    None = 0,

    /// <summary>Rows compared position by position (for queries with ORDER BY).</summary>
    Ordered = 1,

    /// <summary>
    /// Compare IRIs and literals by their string only (IRI text or lexical form), as CSV carries them;
    /// an empty string counts as unbound (CSV writes both as an empty field); blank nodes are still
    /// matched by a consistent renaming.
    /// </summary>
    CsvValuesOnly = 2,
}

/// <summary>The outcome of <see cref="ResultSetComparer.Compare"/>: equal, or the first difference found.</summary>
public readonly record struct ResultComparison(bool AreEqual, string? Difference)
{
    public static readonly ResultComparison Equal = new(true, null);

    public static ResultComparison Different(string difference) => new(false, difference);

    public override string ToString() => AreEqual ? "equal" : Difference!;
}

/// <summary>
/// Compares two query results as the SPARQL test suites require
/// (https://www.w3.org/TR/sparql11-query/#sparqlAlgebra result equivalence, as used by the DAWG
/// harnesses): booleans by value; tables by variable set (order of columns ignored), then rows as
/// multisets (or in order with <see cref="ResultComparisonOptions.Ordered"/>), with a single
/// bijection between the blank node labels of both sides, and literals compared as terms (no
/// value equality: "1"^^xsd:integer differs from "01"^^xsd:integer).
/// </summary>
public static class ResultSetComparer
{
    /// <summary>Search steps allowed for the blank node bijection before giving up (reported as a difference).</summary>
    private const int MaxSearchSteps = 2_000_000;

    public static bool AreEquivalent(SparqlResult expected, SparqlResult actual, ResultComparisonOptions options = ResultComparisonOptions.None) =>
        Compare(expected, actual, options).AreEqual;

    public static ResultComparison Compare(SparqlResult expected, SparqlResult actual, ResultComparisonOptions options = ResultComparisonOptions.None)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (expected.IsBoolean || actual.IsBoolean)
        {
            if (expected.Boolean == actual.Boolean) return ResultComparison.Equal;
            return ResultComparison.Different($"expected {Describe(expected)}, actual {Describe(actual)}");
        }

        var expectedSet = new HashSet<string>(expected.Variables, StringComparer.Ordinal);
        if (!expectedSet.SetEquals(actual.Variables))
        {
            return ResultComparison.Different(
                $"variables differ: expected {VarList(expected.Variables)}, actual {VarList(actual.Variables)}");
        }

        bool csv = (options & ResultComparisonOptions.CsvValuesOnly) != 0;
        IReadOnlyList<string> vars = expected.Variables;
        List<Term?[]> exp = Project(expected, vars, csv);
        List<Term?[]> act = Project(actual, vars, csv);

        return (options & ResultComparisonOptions.Ordered) != 0
            ? CompareOrdered(vars, exp, act)
            : CompareUnordered(vars, exp, act);
    }

    /// <summary>
    /// Comparison for a query with ORDER BY whose sort keys depend only on <paramref name="orderKeys"/>:
    /// the rows must be equal as multisets (as in <see cref="Compare"/>), and the sequence of the key
    /// variables' values must be the same row by row, so rows that tie on the keys may come in any
    /// order. Blank nodes in key columns only need to be blank nodes at the same places (their order
    /// among themselves is not defined by SPARQL). Unknown key names are an error.
    /// </summary>
    public static ResultComparison CompareOrderedBy(SparqlResult expected, SparqlResult actual, IReadOnlyList<string> orderKeys,
        ResultComparisonOptions options = ResultComparisonOptions.None)
    {
        ArgumentNullException.ThrowIfNull(orderKeys);
        ResultComparison multiset = Compare(expected, actual, options & ~ResultComparisonOptions.Ordered);
        if (!multiset.AreEqual || expected.IsBoolean) return multiset;

        bool csv = (options & ResultComparisonOptions.CsvValuesOnly) != 0;
        foreach (string key in orderKeys)
        {
            if (!expected.Variables.Contains(key)) throw new ArgumentException($"?{key} is not a variable of the result", nameof(orderKeys));
        }
        List<Term?[]> exp = Project(expected, orderKeys, csv);
        List<Term?[]> act = Project(actual, orderKeys, csv);
        for (int i = 0; i < exp.Count; i++)
        {
            if (!RowComparer.BlankBlind.Equals(exp[i], act[i]))
            {
                return ResultComparison.Different(
                    $"order differs at row {i + 1}: expected sort keys {SparqlResult.FormatRow(orderKeys, exp[i])}, " +
                    $"actual {SparqlResult.FormatRow(orderKeys, act[i])}");
            }
        }
        return ResultComparison.Equal;
    }

    private static ResultComparison CompareOrdered(IReadOnlyList<string> vars, List<Term?[]> exp, List<Term?[]> act)
    {
        var mapping = new BlankNodeBijection();
        int n = Math.Min(exp.Count, act.Count);
        for (int i = 0; i < n; i++)
        {
            if (!mapping.TryMatch(exp[i], act[i], out _))
            {
                return ResultComparison.Different(
                    $"row {i + 1} differs: expected {SparqlResult.FormatRow(vars, exp[i])}, actual {SparqlResult.FormatRow(vars, act[i])}");
            }
        }
        if (exp.Count != act.Count)
        {
            string extra = exp.Count > act.Count
                ? $"first missing row: {SparqlResult.FormatRow(vars, exp[n])}"
                : $"first extra row: {SparqlResult.FormatRow(vars, act[n])}";
            return ResultComparison.Different($"expected {exp.Count} rows, actual {act.Count}; {extra}");
        }
        return ResultComparison.Equal;
    }

    private static ResultComparison CompareUnordered(IReadOnlyList<string> vars, List<Term?[]> exp, List<Term?[]> act)
    {
        // Rows without blank nodes: plain multiset difference.
        var counts = new Dictionary<Term?[], int>(RowComparer.Instance);
        var expBlank = new List<Term?[]>();
        var actBlank = new List<Term?[]>();
        foreach (Term?[] row in exp)
        {
            if (HasBlank(row)) expBlank.Add(row);
            else counts[row] = counts.GetValueOrDefault(row) + 1;
        }
        var extra = new List<Term?[]>();
        foreach (Term?[] row in act)
        {
            if (HasBlank(row)) { actBlank.Add(row); continue; }
            int c = counts.GetValueOrDefault(row);
            if (c > 0) counts[row] = c - 1;
            else extra.Add(row);
        }
        var missing = new List<Term?[]>();
        foreach ((Term?[] row, int c) in counts)
        {
            for (int i = 0; i < c; i++) missing.Add(row);
        }
        if (missing.Count > 0 || extra.Count > 0 || expBlank.Count != actBlank.Count)
            return Different(vars, exp.Count, act.Count, missing, extra, expBlank, actBlank);

        // Rows with blank nodes: same shapes (blank nodes blurred), then a consistent bijection.
        var shapes = new Dictionary<Term?[], int>(RowComparer.BlankBlind);
        foreach (Term?[] row in expBlank) shapes[row] = shapes.GetValueOrDefault(row) + 1;
        foreach (Term?[] row in actBlank)
        {
            int c = shapes.GetValueOrDefault(row);
            if (c == 0)
                return ResultComparison.Different(
                    $"unexpected row {SparqlResult.FormatRow(vars, row)}: no expected row is like it, even renaming blank nodes");
            shapes[row] = c - 1;
        }
        foreach ((Term?[] row, int c) in shapes)
        {
            if (c > 0)
                return ResultComparison.Different(
                    $"expected row {SparqlResult.FormatRow(vars, row)} missing: no actual row is like it, even renaming blank nodes");
        }
        var search = new BijectionSearch(expBlank, actBlank);
        return search.Run() switch
        {
            true => ResultComparison.Equal,
            false => ResultComparison.Different(
                "rows agree up to blank nodes, but no consistent renaming of blank nodes maps the expected rows onto the actual ones; " +
                $"e.g. expected {SparqlResult.FormatRow(vars, expBlank[search.Failed])} has no counterpart"),
            null => ResultComparison.Different(
                $"gave up looking for a blank node renaming after {MaxSearchSteps} steps ({expBlank.Count} rows with blank nodes)"),
        };
    }

    private static ResultComparison Different(IReadOnlyList<string> vars, int expCount, int actCount,
        List<Term?[]> missing, List<Term?[]> extra, List<Term?[]> expBlank, List<Term?[]> actBlank)
    {
        var sb = new StringBuilder();
        if (expCount != actCount) sb.Append($"expected {expCount} rows, actual {actCount}; ");
        if (missing.Count > 0)
            sb.Append($"{missing.Count} expected row(s) missing, first: {SparqlResult.FormatRow(vars, missing[0])}; ");
        if (extra.Count > 0)
            sb.Append($"{extra.Count} unexpected row(s), first: {SparqlResult.FormatRow(vars, extra[0])}; ");
        if (expBlank.Count != actBlank.Count)
            sb.Append($"rows with blank nodes: expected {expBlank.Count}, actual {actBlank.Count}; ");
        return ResultComparison.Different(sb.ToString().TrimEnd(' ', ';'));
    }

    /// <summary>Rows re-ordered to <paramref name="vars"/>; with <paramref name="csv"/>, IRIs and literals become plain strings.</summary>
    private static List<Term?[]> Project(SparqlResult result, IReadOnlyList<string> vars, bool csv)
    {
        var map = new int[vars.Count];
        for (int i = 0; i < vars.Count; i++)
        {
            map[i] = -1;
            for (int j = 0; j < result.Variables.Count; j++)
            {
                if (result.Variables[j] == vars[i]) { map[i] = j; break; }
            }
        }
        var rows = new List<Term?[]>(result.Rows.Count);
        foreach (Term?[] source in result.Rows)
        {
            var row = new Term?[vars.Count];
            for (int i = 0; i < row.Length; i++)
            {
                Term? t = map[i] < 0 ? null : source[map[i]];
                if (csv) t = t switch
                {
                    Literal { LexicalForm.Length: 0 } => null,
                    Iri iri => Literal.Simple(iri.Value),
                    Literal { IsSimple: false } l => Literal.Simple(l.LexicalForm),
                    _ => t,
                };
                row[i] = t;
            }
            rows.Add(row);
        }
        return rows;
    }

    private static bool HasBlank(Term?[] row)
    {
        foreach (Term? t in row)
        {
            if (t is BlankNode) return true;
        }
        return false;
    }

    private static string Describe(SparqlResult r) =>
        r.Boolean is bool b ? (b ? "boolean true" : "boolean false") : $"a table of {r.Rows.Count} rows ({VarList(r.Variables)})";

    private static string VarList(IReadOnlyList<string> vars) =>
        vars.Count == 0 ? "(none)" : string.Join(' ', vars.Select(v => "?" + v));

    /// <summary>
    /// Backtracking search for one bijection that maps every expected row onto a distinct actual row.
    /// Candidates are narrowed by <see cref="BlankNodeColoring"/> (an expected row is only tried
    /// against actual rows with the same coloured hash, which the true bijection always respects),
    /// and rows are visited so that each one shares a blank node with an earlier one where possible;
    /// such a row is only tried against actual rows holding the already-chosen image of that node.
    /// </summary>
    private sealed class BijectionSearch
    {
        private readonly List<Term?[]> _expected;
        private readonly List<Term?[]> _actual;
        private readonly bool[] _used;
        private readonly BlankNodeBijection _mapping = new();
        private readonly ulong[] _expKeys;
        private readonly ulong[] _actKeys;
        private readonly List<int>?[] _candidates;
        private readonly Dictionary<(BlankNode, int), List<int>> _actualByNode = [];
        private int _steps;

        public BijectionSearch(List<Term?[]> expected, List<Term?[]> actual)
        {
            _expected = expected;
            _actual = actual;
            _used = new bool[actual.Count];
            var expColors = new BlankNodeColoring(expected);
            var actColors = new BlankNodeColoring(actual);
            _actKeys = new ulong[actual.Count];
            var byKey = new Dictionary<ulong, List<int>>();
            for (int i = 0; i < actual.Count; i++)
            {
                ulong key = _actKeys[i] = actColors.RowHash(actual[i]);
                if (!byKey.TryGetValue(key, out var list)) byKey[key] = list = [];
                list.Add(i);
                for (int c = 0; c < actual[i].Length; c++)
                {
                    if (actual[i][c] is not BlankNode b) continue;
                    if (!_actualByNode.TryGetValue((b, c), out var rows)) _actualByNode[(b, c)] = rows = [];
                    rows.Add(i);
                }
            }
            _expKeys = new ulong[expected.Count];
            _candidates = new List<int>?[expected.Count];
            for (int i = 0; i < expected.Count; i++)
            {
                _expKeys[i] = expColors.RowHash(expected[i]);
                _candidates[i] = byKey.GetValueOrDefault(_expKeys[i]);
            }
        }

        /// <summary>The index (in the expected list) of a row that could not be matched.</summary>
        public int Failed { get; private set; }

        /// <summary>True = found, false = none exists, null = gave up.</summary>
        public bool? Run()
        {
            for (int i = 0; i < _candidates.Length; i++)
            {
                if (_candidates[i] is null) { Failed = i; return false; }
            }
            return Match(VisitOrder());
        }

        /// <summary>
        /// Breadth-first over rows linked by shared blank nodes, each component started from its row
        /// with the fewest candidates.
        /// </summary>
        private int[] VisitOrder()
        {
            var rowsOf = new Dictionary<BlankNode, List<int>>();
            for (int i = 0; i < _expected.Count; i++)
            {
                foreach (Term? t in _expected[i])
                {
                    if (t is not BlankNode b) continue;
                    if (!rowsOf.TryGetValue(b, out var list)) rowsOf[b] = list = [];
                    list.Add(i);
                }
            }
            var order = new List<int>(_expected.Count);
            var seen = new bool[_expected.Count];
            var queue = new Queue<int>();
            foreach (int start in Enumerable.Range(0, _expected.Count).OrderBy(i => _candidates[i]!.Count))
            {
                if (seen[start]) continue;
                seen[start] = true;
                queue.Enqueue(start);
                while (queue.TryDequeue(out int row))
                {
                    order.Add(row);
                    foreach (Term? t in _expected[row])
                    {
                        if (t is not BlankNode b) continue;
                        foreach (int next in rowsOf[b])
                        {
                            if (seen[next]) continue;
                            seen[next] = true;
                            queue.Enqueue(next);
                        }
                    }
                }
            }
            return [.. order];
        }

        /// <summary>Depth-first search with an explicit stack (results can have many thousand rows).</summary>
        private bool? Match(int[] order)
        {
            int n = order.Length;
            if (n == 0) return true;
            var lists = new List<int>[n];
            var next = new int[n];
            var chosen = new int[n];
            var added = new int[n];
            int depth = 0;
            lists[0] = CandidatesFor(order[0]);
            while (true)
            {
                if (depth == n) return true;
                int e = order[depth];
                List<int> list = lists[depth];
                bool descended = false;
                while (next[depth] < list.Count)
                {
                    int a = list[next[depth]++];
                    if (_used[a] || _actKeys[a] != _expKeys[e]) continue;
                    if (++_steps > MaxSearchSteps) return null;
                    if (!_mapping.TryMatch(_expected[e], _actual[a], out int count)) continue;
                    _used[a] = true;
                    chosen[depth] = a;
                    added[depth] = count;
                    depth++;
                    if (depth < n)
                    {
                        lists[depth] = CandidatesFor(order[depth]);
                        next[depth] = 0;
                    }
                    descended = true;
                    break;
                }
                if (descended) continue;
                Failed = e;
                if (--depth < 0) return false;
                _used[chosen[depth]] = false;
                _mapping.Undo(added[depth]);
            }
        }

        /// <summary>
        /// The actual rows worth trying for expected row <paramref name="e"/>: those holding the image of
        /// an already-mapped blank node in the same column, else all rows with the same coloured hash.
        /// </summary>
        private List<int> CandidatesFor(int e)
        {
            Term?[] row = _expected[e];
            for (int c = 0; c < row.Length; c++)
            {
                if (row[c] is BlankNode b && _mapping.TryGet(b, out BlankNode? image))
                    return _actualByNode.GetValueOrDefault((image, c)) ?? [];
            }
            return _candidates[e]!;
        }
    }

    /// <summary>A partial one-to-one map between expected and actual blank nodes, with undo.</summary>
    private sealed class BlankNodeBijection
    {
        private readonly Dictionary<BlankNode, BlankNode> _forward = [];
        private readonly Dictionary<BlankNode, BlankNode> _backward = [];
        private readonly List<BlankNode> _log = [];

        public bool TryGet(BlankNode expected, out BlankNode actual) => _forward.TryGetValue(expected, out actual!);

        /// <summary>Extends the map so <paramref name="e"/> equals <paramref name="a"/>; on failure leaves it unchanged.</summary>
        public bool TryMatch(Term?[] e, Term?[] a, out int added)
        {
            int before = _log.Count;
            for (int i = 0; i < e.Length; i++)
            {
                if (e[i] is BlankNode eb && a[i] is BlankNode ab)
                {
                    if (_forward.TryGetValue(eb, out BlankNode? mapped))
                    {
                        if (mapped.Equals(ab)) continue;
                    }
                    else if (!_backward.ContainsKey(ab))
                    {
                        _forward[eb] = ab;
                        _backward[ab] = eb;
                        _log.Add(eb);
                        continue;
                    }
                    Undo(_log.Count - before);
                    added = 0;
                    return false;
                }
                if (!Equals(e[i], a[i]))
                {
                    Undo(_log.Count - before);
                    added = 0;
                    return false;
                }
            }
            added = _log.Count - before;
            return true;
        }

        public void Undo(int count)
        {
            for (int i = 0; i < count; i++)
            {
                BlankNode eb = _log[^1];
                _log.RemoveAt(_log.Count - 1);
                _backward.Remove(_forward[eb]);
                _forward.Remove(eb);
            }
        }
    }

    /// <summary>Row equality by terms; the blank-blind variant treats every blank node as equal to every other.</summary>
    private sealed class RowComparer(bool blankBlind) : IEqualityComparer<Term?[]>
    {
        public static readonly RowComparer Instance = new(false);
        public static readonly RowComparer BlankBlind = new(true);

        public bool Equals(Term?[]? x, Term?[]? y)
        {
            if (ReferenceEquals(x, y)) return true;
            if (x is null || y is null || x.Length != y.Length) return false;
            for (int i = 0; i < x.Length; i++)
            {
                if (blankBlind && x[i] is BlankNode && y[i] is BlankNode) continue;
                if (!Equals(x[i], y[i])) return false;
            }
            return true;
        }

        public int GetHashCode(Term?[] row)
        {
            var h = new HashCode();
            foreach (Term? t in row) h.Add(t is null ? 0 : blankBlind && t is BlankNode ? 7 : t.GetHashCode());
            return h.ToHashCode();
        }
    }
}
