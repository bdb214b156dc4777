namespace DihNode.Rdf.Sparql.Results;

/// <summary>
/// Front end for reading a complete query result. Every reader is strict: malformed input throws
/// <see cref="SparqlResultsSyntaxException"/> (a <see cref="FormatException"/>) naming the line and
/// column or the JSON path, never anything else.
/// </summary>
public static class SparqlResultReader
{
    /// <param name="sourceName">A file name or URL put in front of error messages, or null.</param>
    public static SparqlResult Read(Stream stream, SparqlResultFormat format, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return format switch
        {
            SparqlResultFormat.Json => JsonResultReader.Read(ReadAll(stream), sourceName),
            SparqlResultFormat.Xml => XmlResultReader.Read(stream, sourceName),
            SparqlResultFormat.Csv => CsvResultReader.Read(DecodeUtf8(ReadAll(stream), sourceName), sourceName),
            SparqlResultFormat.Tsv => TsvResultReader.Read(DecodeUtf8(ReadAll(stream), sourceName), sourceName),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }

    /// <summary>Reads a file, choosing the format from its extension (.srj, .srx, .csv, .tsv).</summary>
    public static SparqlResult ReadFile(string path)
    {
        SparqlResultFormat format = SparqlResultFormats.FromFileName(path)
            ?? throw new ArgumentException($"no SPARQL result format for the extension of '{path}'", nameof(path));
        using FileStream stream = File.OpenRead(path);
        return Read(stream, format, Path.GetFileName(path));
    }

    /// <summary>Reads a result held in a string.</summary>
    public static SparqlResult ReadString(string text, SparqlResultFormat format, string? sourceName = null)
    {
        using var ms = new MemoryStream(new System.Text.UTF8Encoding(false).GetBytes(text));
        return Read(ms, format, sourceName);
    }

    private static byte[] ReadAll(Stream stream)
    {
        if (stream is MemoryStream m && m.Position == 0) return m.ToArray();
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        return ms.ToArray();
    }

    /// <summary>Strict UTF-8 (BOM skipped); an invalid byte is reported with its line and column.</summary>
    private static string DecodeUtf8(byte[] bytes, string? sourceName)
    {
        int start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        try
        {
            return new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, start, bytes.Length - start);
        }
        catch (System.Text.DecoderFallbackException e)
        {
            int bad = Math.Clamp(e.Index + start, start, bytes.Length);
            long line = 1, column = 1;
            for (int i = start; i < bad; i++)
            {
                if (bytes[i] == '\n') { line++; column = 1; }
                else if ((bytes[i] & 0xC0) != 0x80) column++;
            }
            throw new SparqlResultsSyntaxException("invalid UTF-8", line, column, sourceName, e);
        }
    }
}
