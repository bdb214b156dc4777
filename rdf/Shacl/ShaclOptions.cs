namespace DihNode.Rdf.Shacl;

/// <summary>Options of a validation.</summary>
public sealed record ShaclOptions
{
    public static readonly ShaclOptions Default = new();

    /// <summary>Time allowed for one sh:pattern match; a longer match counts as a failure of validation.</summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether sh:sparql constraints and SPARQL-based constraint components run (SHACL-SPARQL, §5, §6).</summary>
    public bool EnableSparql { get; init; } = true;

    /// <summary>Time allowed for one SHACL-SPARQL query; a longer one is a failure of validation.</summary>
    public TimeSpan SparqlTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The deepest nesting of shape references (sh:node, sh:not, ...) followed before a node is taken to conform.</summary>
    public int MaxShapeDepth { get; init; } = 256;
}
