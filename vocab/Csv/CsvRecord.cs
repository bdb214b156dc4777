namespace DihNode.Vocab.Csv;

/// <summary>
/// One CSV record. <see cref="Row"/> counts records (the header is row 1), <see cref="Line"/> is the
/// physical line the record starts on (they differ once a field holds a line break).
/// <see cref="Problem"/> is set when the record itself is unusable (too long a field) while the file
/// as a whole still reads.
/// </summary>
public sealed record CsvRecord(int Row, int Line, string[] Fields, string? Problem = null, int ProblemField = -1);
