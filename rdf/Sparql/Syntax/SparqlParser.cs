namespace DihNode.Rdf.Sparql.Syntax;

/// <summary>
/// Entry point for reading SPARQL 1.1 text: queries (SPARQL 1.1 Query §19) and update requests
/// (SPARQL 1.1 Update §19). Invalid text, or text that breaks a static rule of the spec, raises a
/// <see cref="SparqlSyntaxException"/> naming line, column and what was expected.
/// </summary>
public static class SparqlParser
{
    /// <summary>How deep groups, expressions and nested terms may go before the parser refuses.</summary>
    public const int DefaultMaxNestingDepth = 128;

    /// <summary>Parses a query; <paramref name="baseIri"/> is used until a BASE declaration replaces it.</summary>
    public static Query ParseQuery(string text, string? baseIri = null, int maxNestingDepth = DefaultMaxNestingDepth)
    {
        ArgumentNullException.ThrowIfNull(text);
        CheckBase(baseIri);
        return new QueryTextParser(text, baseIri, maxNestingDepth).ParseQueryUnit();
    }

    /// <summary>Parses an update request (one or more operations separated by ';').</summary>
    public static UpdateRequest ParseUpdate(string text, string? baseIri = null, int maxNestingDepth = DefaultMaxNestingDepth)
    {
        ArgumentNullException.ThrowIfNull(text);
        CheckBase(baseIri);
        return new QueryTextParser(text, baseIri, maxNestingDepth).ParseUpdateUnit();
    }

    private static void CheckBase(string? baseIri)
    {
        if (baseIri is not null && Model.Iri.Validate(baseIri) is string problem)
            throw new ArgumentException($"The base IRI <{baseIri}> is not an absolute IRI: {problem}", nameof(baseIri));
    }
}
