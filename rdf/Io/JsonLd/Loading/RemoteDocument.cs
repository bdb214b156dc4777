using System.Text.Json.Nodes;

namespace DihNode.Rdf.Io.JsonLd.Loading;

/// <summary>The RemoteDocument of JSON-LD 1.1 API §9.4.2: a loaded document and what HTTP said about it.</summary>
public sealed class RemoteDocument
{
    public RemoteDocument(string documentUrl, JsonNode? document, string? contentType = "application/ld+json", string? contextUrl = null, string? profile = null)
    {
        DocumentUrl = documentUrl;
        Document = document;
        ContentType = contentType;
        ContextUrl = contextUrl;
        Profile = profile;
    }

    /// <summary>The final URL after redirects; the base IRI of the document.</summary>
    public string DocumentUrl { get; }

    /// <summary>The parsed JSON (for HTML, the script element's content).</summary>
    public JsonNode? Document { get; }

    /// <summary>The media type without parameters.</summary>
    public string? ContentType { get; }

    /// <summary>The URL of a context from an HTTP Link header (rel="http://www.w3.org/ns/json-ld#context").</summary>
    public string? ContextUrl { get; }

    /// <summary>The profile parameter of the content type.</summary>
    public string? Profile { get; }

    /// <summary>HTML documents: the href of the base element as written (it may be relative), or null.</summary>
    public string? HtmlBase { get; init; }
}
