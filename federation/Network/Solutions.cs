using System.Text;
using DihNode.Rdf.Model;

namespace DihNode.Federation.Network;

/// <summary>A table of solutions by wire variable name (as sent to peers), with the hash join the coordinator merges answers with.</summary>
internal sealed class Solutions(IReadOnlyList<string> variables)
{
    public IReadOnlyList<string> Variables { get; } = variables;

    public List<Term?[]> Rows { get; } = [];

    public int IndexOf(string variable)
    {
        for (int i = 0; i < Variables.Count; i++) if (Variables[i] == variable) return i;
        return -1;
    }

    /// <summary>Adds rows given in another column order (a source's answer), by name; columns we do not know are dropped.</summary>
    public void AddFrom(IReadOnlyList<string> columns, IEnumerable<Term?[]> rows)
    {
        int[] map = [.. Variables.Select(v => Index(columns, v))];
        foreach (var row in rows)
        {
            var cells = new Term?[Variables.Count];
            for (int i = 0; i < map.Length; i++) if (map[i] >= 0 && map[i] < row.Length) cells[i] = row[map[i]];
            Rows.Add(cells);
        }
    }

    /// <summary>The distinct rows of <paramref name="columns"/> (bindings for a bound join).</summary>
    public List<Term?[]> Distinct(IReadOnlyList<string> columns)
    {
        int[] at = [.. columns.Select(IndexOf)];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Term?[]>();
        foreach (var row in Rows)
        {
            var cells = at.Select(i => row[i]).ToArray();
            if (seen.Add(Key(cells))) result.Add(cells);
        }
        return result;
    }

    /// <summary>The join of two tables (compatible rows merged; a cell unbound on one side takes the other's).</summary>
    public static Solutions Join(Solutions left, Solutions right)
    {
        var variables = left.Variables.Concat(right.Variables.Where(v => left.IndexOf(v) < 0)).ToList();
        var result = new Solutions(variables);
        var shared = left.Variables.Where(v => right.IndexOf(v) >= 0).ToList();
        int[] leftShared = [.. shared.Select(left.IndexOf)], rightShared = [.. shared.Select(right.IndexOf)];
        int[] rightInto = [.. right.Variables.Select(v => variables.IndexOf(v))];
        // Rows of a BGP bind all their variables, so shared cells are bound and a hash on them is exact.
        var index = new Dictionary<string, List<Term?[]>>(StringComparer.Ordinal);
        foreach (var row in right.Rows)
        {
            string key = Key(rightShared.Select(i => row[i]));
            if (!index.TryGetValue(key, out var list)) index[key] = list = [];
            list.Add(row);
        }
        foreach (var row in left.Rows)
        {
            if (!index.TryGetValue(Key(leftShared.Select(i => row[i])), out var matches)) continue;
            foreach (var other in matches)
            {
                var cells = new Term?[variables.Count];
                Array.Copy(row, cells, row.Length);
                for (int i = 0; i < other.Length; i++) cells[rightInto[i]] ??= other[i];
                result.Rows.Add(cells);
            }
        }
        return result;
    }

    private static int Index(IReadOnlyList<string> columns, string v)
    {
        for (int i = 0; i < columns.Count; i++) if (columns[i] == v) return i;
        return -1;
    }

    private static string Key(IEnumerable<Term?> cells)
    {
        var sb = new StringBuilder();
        foreach (var c in cells) sb.Append(c?.ToString() ?? "").Append('\u0001');
        return sb.ToString();
    }
}
