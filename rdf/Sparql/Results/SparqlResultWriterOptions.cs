namespace DihNode.Rdf.Sparql.Results;

/// <summary>Options for <see cref="SparqlResultWriter"/>.</summary>
public sealed class SparqlResultWriterOptions
{
    public static readonly SparqlResultWriterOptions Default = new();

    /// <summary>Pretty-print JSON and XML (one binding a line). CSV and TSV ignore it.</summary>
    public bool Indented { get; init; } = true;

    /// <summary>IRIs written as <c>head.link</c> (JSON) or <c>&lt;link href&gt;</c> (XML); other formats ignore them.</summary>
    public IReadOnlyList<string> Links { get; init; } = Array.Empty<string>();
}
