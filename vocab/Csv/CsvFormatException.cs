namespace DihNode.Vocab.Csv;

/// <summary>
/// A CSV input that cannot be read at all (wrong encoding, a quote left open, a stray quote): the
/// import stops and nothing is written. <see cref="Line"/> and <see cref="Column"/> are 1-based and
/// point at the offending character (for a quote left open: at the quote that opened the field).
/// </summary>
public sealed class CsvFormatException(string problem, int row, int line, int column, string? source = null)
    : Exception($"{source ?? "<csv>"}:{line}:{column}: {problem}" + (row > 0 ? $" (row {row})" : ""))
{
    public string Problem { get; } = problem;

    /// <summary>The CSV record (row 1 is the header) the error is in, or 0 when it concerns the whole file.</summary>
    public int Row { get; } = row;

    public int Line { get; } = line;

    public int Column { get; } = column;
}
