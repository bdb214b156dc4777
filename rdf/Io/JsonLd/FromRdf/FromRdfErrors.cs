namespace DihNode.Rdf.Io.JsonLd.FromRdf;

/// <summary>The errors Serialize RDF as JSON-LD can raise, with their JSON-LD error codes.</summary>
internal static class FromRdfErrors
{
    public static JsonLdException InvalidJsonLiteral(string lexical, string problem) =>
        new(JsonLdErrorCode.InvalidJsonLiteral, $"rdf:JSON literal {Shorten(lexical)} is not JSON: {problem}");

    public static JsonLdException InvalidLanguageTaggedString(string tag) =>
        new(JsonLdErrorCode.InvalidLanguageTaggedString, $"rdf:language \"{tag}\" of a compound literal is not a well-formed language tag");

    public static JsonLdException InvalidBaseDirection(string direction) =>
        new(JsonLdErrorCode.InvalidBaseDirection, $"rdf:direction \"{direction}\" of a compound literal is neither \"ltr\" nor \"rtl\"");

    private static string Shorten(string s) => s.Length <= 60 ? "\"" + s + "\"" : "\"" + s[..57] + "...\"";
}
