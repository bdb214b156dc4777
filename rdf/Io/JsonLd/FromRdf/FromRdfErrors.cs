namespace DihNode.Rdf.Io.JsonLd.FromRdf;

/// <summary>The errors Serialize RDF as JSON-LD can raise, with their JSON-LD error codes.</summary>
internal static class FromRdfErrors
{
    public static Exception InvalidJsonLiteral(string lexical, string problem) =>
        Error("invalid JSON literal", $"rdf:JSON literal {Shorten(lexical)} is not JSON: {problem}");

    public static Exception InvalidLanguageTaggedString(string tag) =>
        Error("invalid language-tagged string", $"rdf:language \"{tag}\" of a compound literal is not a well-formed language tag");

    public static Exception InvalidBaseDirection(string direction) =>
        Error("invalid base direction", $"rdf:direction \"{direction}\" of a compound literal is neither \"ltr\" nor \"rtl\"");

    private static Exception Error(string code, string message) => new InvalidDataException(code + ": " + message);

    private static string Shorten(string s) => s.Length <= 60 ? "\"" + s + "\"" : "\"" + s[..57] + "...\"";
}
