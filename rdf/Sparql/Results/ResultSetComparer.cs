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
                return Different(vars, exp.Count, act.Count, [], [row], [], []);
            shapes[row] = c - 1;
        }
        foreach ((Term?[] row, int c) in shapes)
        {
            if (c > 0) return Different(vars, exp.Count, act.Count, [row], [], [], []);
        }
        var search = new BijectionSearch(expBlank, actBlank);
        return search.Run() switch
        {
            true => ResultComparison.Equal,
            false => ResultComparison.Different(
                $"rows agree up to blank nodes, but no consistent renaming of blank nodes maps the expected rows onto the actual ones; " +
                $"e.g. expected {SparqlResult.FormatRow(vars, expBlank[search.Deepest])}"),
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

    /// <summary>Backtracking search for one bijection that maps every expected row onto a distinct actual row.</summary>
    private sealed class BijectionSearch(List<Term?[]> expected, List<Term?[]> actual)
    {
        private readonly bool[] _used = new bool[actual.Count];
        private readonly BlankNodeBijection _mapping = new();
        private readonly Dictionary<Term?[], List<int>> _candidates = Group(actual);
        private int _steps;

        /// <summary>The index (in the expected list) of the row the search failed on most deeply.</summary>
        public int Deepest { get; private set; }

        /// <summary>True = found, false = none exists, null = gave up.</summary>
        public bool? Run()
        {
            // Most constrained first: rows whose shape has the fewest candidates.
            var order = Enumerable.Range(0, expected.Count)
                .OrderBy(i => _candidates.TryGetValue(expected[i], out var c) ? c.Count : 0)
                .ToArray();
            bool? result = Match(order, 0);
            return result;
        }

        private bool? Match(int[] order, int depth)
        {
            if (depth == order.Length) return true;
            int e = order[depth];
            if (!_candidates.TryGetValue(expected[e], out List<int>? candidates)) { Deepest = e; return false; }
            foreach (int a in candidates)
            {
                if (_used[a]) continue;
                if (++_steps > MaxSearchSteps) return null;
                if (!_mapping.TryMatch(expected[e], actual[a], out int added)) continue;
                _used[a] = true;
                bool? inner = Match(order, depth + 1);
                if (inner != false) return inner;
                _used[a] = false;
                _mapping.Undo(added);
            }
            if (depth >= 0) Deepest = e;
            return false;
        }

        private static Dictionary<Term?[], List<int>> Group(List<Term?[]> rows)
        {
            var groups = new Dictionary<Term?[], List<int>>(RowComparer.BlankBlind);
            for (int i = 0; i < rows.Count; i++)
            {
                if (!groups.TryGetValue(rows[i], out var list)) groups[rows[i]] = list = [];
                list.Add(i);
            }
            return groups;
        }
    }

    /// <summary>A partial one-to-one map between expected and actual blank nodes, with undo.</summary>
    private sealed class BlankNodeBijection
    {
        private readonly Dictionary<BlankNode, BlankNode> _forward = [];
        private readonly Dictionary<BlankNode, BlankNode> _backward = [];
        private readonly List<BlankNode> _log = [];

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
