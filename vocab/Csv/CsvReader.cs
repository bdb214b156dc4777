using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace DihNode.Vocab.Csv;

/// <summary>
/// A strict reader for RFC 4180 CSV (https://www.rfc-editor.org/rfc/rfc4180#section-2): comma
/// separated, fields optionally enclosed in double quotes, <c>""</c> for a quote inside a quoted field,
/// line breaks allowed inside quoted fields. Records end with CRLF or LF (LF alone is accepted since
/// most exports write it). The input must be UTF-8 (a BOM is skipped); any other encoding is reported
/// with the first offending byte's line and column, never silently mis-decoded.
/// Fatal errors (<see cref="CsvFormatException"/>): bad encoding, a quote inside an unquoted field,
/// text after a closing quote, a quote still open at the end of the input. A field longer than
/// <see cref="MaxFieldLength"/> does not stop the reader: its record carries a problem instead.
/// </summary>
public sealed class CsvReader
{
    /// <summary>Fields beyond this many characters are refused per record (default 1 Mi characters).</summary>
    public int MaxFieldLength { get; init; } = 1 << 20;

    public string? SourceName { get; init; }

    /// <summary>Reads every record of <paramref name="utf8"/>; the first is the header.</summary>
    public List<CsvRecord> Read(ReadOnlySpan<byte> utf8) => Parse(Decode(utf8));

    public List<CsvRecord> Read(Stream input)
    {
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        return Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    private string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
            Fail("the file is UTF-16 (byte order mark); save it as UTF-8", 0, 1, 1);
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) bytes = bytes[3..];
        int bad = FirstInvalidUtf8(bytes);
        if (bad >= 0)
        {
            int line = 1, lineStart = 0;
            for (int i = 0; i < bad; i++)
                if (bytes[i] == (byte)'\n') { line++; lineStart = i + 1; }
            int column = Encoding.UTF8.GetCharCount(bytes[lineStart..bad]) + 1;
            Fail($"the file is not UTF-8: byte 0x{bytes[bad]:X2} cannot start or continue a UTF-8 character " +
                 "(Windows-1252 or ISO-8859-1 text?); save it as UTF-8", 0, line, column);
        }
        if (bytes.IndexOf((byte)0) >= 0)
        {
            int at = bytes.IndexOf((byte)0);
            Fail("the file holds NUL bytes (UTF-16 without a byte order mark, or not text); save it as UTF-8", 0,
                 bytes[..at].Count((byte)'\n') + 1, 1);
        }
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1.</summary>
    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return -1;
        int i = 0;
        while (i < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[i..], out _, out int consumed) != System.Buffers.OperationStatus.Done) return i;
            i += consumed;
        }
        return -1;
    }

    private List<CsvRecord> Parse(string text)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int pos = 0, line = 1, lineStart = 0, row = 0;
        while (pos < text.Length)
        {
            row++;
            int recordLine = line;
            fields.Clear();
            string? problem = null;
            int problemField = -1;
            while (true)
            {
                field.Clear();
                bool tooLong = false;
                if (pos < text.Length && text[pos] == '"')
                {
                    int openLine = line, openColumn = pos - lineStart + 1;
                    pos++;
                    while (true)
                    {
                        if (pos >= text.Length)
                            Fail("a quoted field is still open at the end of the input (missing closing quote)", row, openLine, openColumn);
                        char c = text[pos];
                        if (c == '"')
                        {
                            if (pos + 1 < text.Length && text[pos + 1] == '"') { Append(field, '"', ref tooLong); pos += 2; continue; }
                            pos++;
                            break;
                        }
                        if (c == '\n') { line++; lineStart = pos + 1; }
                        Append(field, c, ref tooLong);
                        pos++;
                    }
                    if (pos < text.Length && text[pos] is not (',' or '\r' or '\n'))
                        Fail($"text after the closing quote of a field (a quote inside a quoted field must be doubled: \"\")", row, line, pos - lineStart + 1);
                }
                else
                {
                    while (pos < text.Length && text[pos] is not (',' or '\r' or '\n'))
                    {
                        if (text[pos] == '"')
                            Fail("a quote inside an unquoted field (enclose the field in quotes and double the quote)", row, line, pos - lineStart + 1);
                        Append(field, text[pos], ref tooLong);
                        pos++;
                    }
                }
                if (tooLong && problem is null)
                {
                    problem = $"field {fields.Count + 1} is longer than {MaxFieldLength:N0} characters";
                    problemField = fields.Count;
                }
                fields.Add(tooLong ? "" : field.ToString());
                if (pos < text.Length && text[pos] == ',') { pos++; continue; }
                if (pos < text.Length && text[pos] == '\r')
                {
                    pos++;
                    if (pos < text.Length && text[pos] != '\n')
                        Fail("a carriage return not followed by a line feed outside quotes", row, line, pos - lineStart);
                }
                if (pos < text.Length && text[pos] == '\n') { pos++; line++; lineStart = pos; }
                break;
            }
            records.Add(new CsvRecord(row, recordLine, [.. fields], problem, problemField));
        }
        return records;
    }

    private void Append(StringBuilder field, char c, ref bool tooLong)
    {
        if (tooLong) return;
        if (field.Length >= MaxFieldLength)
        {
            tooLong = true;
            field.Clear();
            return;
        }
        field.Append(c);
    }

    [DoesNotReturn]
    private void Fail(string problem, int row, int line, int column) =>
        throw new CsvFormatException(problem, row, line, column, SourceName);
}
