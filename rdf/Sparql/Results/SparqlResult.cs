using System.Text;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Results;

/// <summary>
/// A complete query result: either the boolean of an ASK query or a table of solutions (SELECT):
/// an ordered list of variable names and rows, each row a <c>Term?[]</c> aligned with the
/// variables (null = unbound). Readers return this; writers stream through <see cref="ISolutionWriter"/>.
/// </summary>
public sealed class SparqlResult
{
    private static readonly IReadOnlyList<Term?[]> s_noRows = Array.Empty<Term?[]>();

    private SparqlResult(bool? boolean, IReadOnlyList<string> variables, IReadOnlyList<Term?[]> rows)
    {
        Boolean = boolean;
        Variables = variables;
        Rows = rows;
    }

    /// <summary>The ASK answer, or null for a table.</summary>
    public bool? Boolean { get; }

    public bool IsBoolean => Boolean.HasValue;

    /// <summary>Variable names without '?', in order; empty for a boolean result.</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>The solutions, each aligned with <see cref="Variables"/>; empty for a boolean result.</summary>
    public IReadOnlyList<Term?[]> Rows { get; }

    public static SparqlResult FromBoolean(bool value) => new(value, Array.Empty<string>(), s_noRows);

    /// <summary>A table; every row must have exactly one slot per variable.</summary>
    public static SparqlResult FromTable(IReadOnlyList<string> variables, IReadOnlyList<Term?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(rows);
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != variables.Count)
                throw new ArgumentException($"row {i} has {rows[i].Length} values for {variables.Count} variables", nameof(rows));
        }
        return new SparqlResult(null, variables, rows);
    }

    /// <summary>The value of <paramref name="variable"/> in row <paramref name="row"/>, or null if unbound or unknown.</summary>
    public Term? Get(int row, string variable)
    {
        for (int i = 0; i < Variables.Count; i++)
        {
            if (Variables[i] == variable) return Rows[row][i];
        }
        return null;
    }

    /// <summary>A short multi-line description for test output: variables, then one row a line.</summary>
    public override string ToString()
    {
        if (Boolean is bool b) return b ? "ASK: true" : "ASK: false";
        var sb = new StringBuilder();
        sb.Append(string.Join(' ', Variables.Select(v => "?" + v))).Append('\n');
        foreach (Term?[] row in Rows) sb.Append(FormatRow(Variables, row)).Append('\n');
        return sb.ToString();
    }

    internal static string FormatRow(IReadOnlyList<string> variables, ReadOnlySpan<Term?> row)
    {
        var sb = new StringBuilder("(");
        bool first = true;
        for (int i = 0; i < row.Length; i++)
        {
            if (row[i] is not Term t) continue;
            if (!first) sb.Append(", ");
            first = false;
            sb.Append('?').Append(i < variables.Count ? variables[i] : i.ToString()).Append('=').Append(t.ToString());
        }
        return sb.Append(')').ToString();
    }
}
