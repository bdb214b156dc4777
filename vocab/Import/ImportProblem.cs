namespace DihNode.Vocab.Import;

/// <summary>
/// Why a record was rejected: its row (CSV record number, header = 1; 0 for RDF input), the line it
/// starts on, the column (CSV header name, or the property for RDF) and the reason.
/// <see cref="Record"/> names the hub for RDF input.
/// </summary>
public sealed record ImportProblem(int Row, int Line, string Column, string Reason, string? Record = null)
{
    public override string ToString() =>
        Record is not null ? $"{Record}: {Column}: {Reason}" : $"row {Row} (line {Line}), column {Column}: {Reason}";
}
