using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Results;

/// <summary>Front end for writing query results in any <see cref="SparqlResultFormat"/>.</summary>
public static class SparqlResultWriter
{
    /// <summary>A streaming writer; the stream is left open when the writer is disposed.</summary>
    public static ISolutionWriter Create(Stream stream, SparqlResultFormat format, SparqlResultWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= SparqlResultWriterOptions.Default;
        return format switch
        {
            SparqlResultFormat.Json => new JsonSolutionWriter(stream, options),
            SparqlResultFormat.Xml => new XmlSolutionWriter(stream, options),
            SparqlResultFormat.Csv => new CsvSolutionWriter(stream),
            SparqlResultFormat.Tsv => new TsvSolutionWriter(stream),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }

    /// <summary>Writes a complete result (boolean or table).</summary>
    public static void Write(Stream stream, SparqlResultFormat format, SparqlResult result, SparqlResultWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        using ISolutionWriter writer = Create(stream, format, options);
        if (result.Boolean is bool b)
        {
            writer.WriteBoolean(b);
            return;
        }
        writer.Begin(result.Variables);
        foreach (Term?[] row in result.Rows) writer.WriteRow(row);
        writer.End();
    }

    /// <summary>The result as a string (UTF-8 decoded); handy for tests and small responses.</summary>
    public static string WriteToString(SparqlResult result, SparqlResultFormat format, SparqlResultWriterOptions? options = null)
    {
        using var ms = new MemoryStream();
        Write(ms, format, result, options);
        return System.Text.Encoding.UTF8.GetString(ms.GetBuffer(), 0, (int)ms.Length);
    }
}
