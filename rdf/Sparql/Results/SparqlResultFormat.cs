namespace DihNode.Rdf.Sparql.Results;

/// <summary>The SPARQL query result formats DihNode reads and writes.</summary>
public enum SparqlResultFormat
{
    /// <summary>SPARQL 1.1 Query Results JSON Format (https://www.w3.org/TR/sparql11-results-json/).</summary>
    Json,

    /// <summary>SPARQL Query Results XML Format, Second Edition (https://www.w3.org/TR/rdf-sparql-XMLres/).</summary>
    Xml,

    /// <summary>SPARQL 1.1 Query Results CSV (https://www.w3.org/TR/sparql11-results-csv-tsv/#csv): lossy, no term types.</summary>
    Csv,

    /// <summary>SPARQL 1.1 Query Results TSV (https://www.w3.org/TR/sparql11-results-csv-tsv/#tsv): terms in SPARQL syntax.</summary>
    Tsv,
}

/// <summary>Media types and file extensions of each <see cref="SparqlResultFormat"/>.</summary>
public static class SparqlResultFormats
{
    public static string MediaType(this SparqlResultFormat format) => format switch
    {
        SparqlResultFormat.Json => "application/sparql-results+json",
        SparqlResultFormat.Xml => "application/sparql-results+xml",
        SparqlResultFormat.Csv => "text/csv",
        SparqlResultFormat.Tsv => "text/tab-separated-values",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static string FileExtension(this SparqlResultFormat format) => format switch
    {
        SparqlResultFormat.Json => ".srj",
        SparqlResultFormat.Xml => ".srx",
        SparqlResultFormat.Csv => ".csv",
        SparqlResultFormat.Tsv => ".tsv",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>
    /// True when the format can carry an ASK (boolean) result. CSV and TSV are defined for SELECT
    /// results only (CSV/TSV spec §1), so their writers refuse booleans.
    /// </summary>
    public static bool SupportsBoolean(this SparqlResultFormat format) =>
        format is SparqlResultFormat.Json or SparqlResultFormat.Xml;

    /// <summary>True when every RDF term survives a round trip (false for CSV only).</summary>
    public static bool IsLossless(this SparqlResultFormat format) => format != SparqlResultFormat.Csv;

    /// <summary>The format of a file name's extension (case-insensitive), or null.</summary>
    public static SparqlResultFormat? FromFileName(string path) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".srj" or ".json" => SparqlResultFormat.Json,
            ".srx" or ".xml" => SparqlResultFormat.Xml,
            ".csv" => SparqlResultFormat.Csv,
            ".tsv" => SparqlResultFormat.Tsv,
            _ => null,
        };

    /// <summary>
    /// The format named by a short name ("json", "xml", "csv", "tsv") or a media type (parameters
    /// after ';' are ignored), or null.
    /// </summary>
    public static SparqlResultFormat? FromName(string name)
    {
        int semicolon = name.IndexOf(';');
        string key = (semicolon >= 0 ? name[..semicolon] : name).Trim().ToLowerInvariant();
        return key switch
        {
            "json" or "srj" or "application/sparql-results+json" or "application/json" => SparqlResultFormat.Json,
            "xml" or "srx" or "application/sparql-results+xml" or "application/xml" or "text/xml" => SparqlResultFormat.Xml,
            "csv" or "text/csv" => SparqlResultFormat.Csv,
            "tsv" or "text/tab-separated-values" => SparqlResultFormat.Tsv,
            _ => null,
        };
    }
}
