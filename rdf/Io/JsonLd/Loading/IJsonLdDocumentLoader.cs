namespace DihNode.Rdf.Io.JsonLd.Loading;

/// <summary>
/// The LoadDocumentCallback of JSON-LD 1.1 API §9.4 (https://www.w3.org/TR/json-ld11-api/#loaddocumentcallback):
/// fetches a remote document or context. Implementations throw <see cref="JsonLdException"/> with
/// <see cref="JsonLdErrorCode.LoadingDocumentFailed"/> when the document cannot be had; the context
/// processor turns that into "loading remote context failed".
/// </summary>
public interface IJsonLdDocumentLoader
{
    RemoteDocument Load(string url, LoadDocumentOptions options);
}

/// <summary>The LoadDocumentOptions of §9.4.1.</summary>
public sealed class LoadDocumentOptions
{
    /// <summary>HTML: return every JSON-LD script element as an array.</summary>
    public bool ExtractAllScripts { get; init; }

    /// <summary>The profile the caller asks for (e.g. "http://www.w3.org/ns/json-ld#context").</summary>
    public string? Profile { get; init; }

    /// <summary>The profiles to put in the Accept header.</summary>
    public string? RequestProfile { get; init; }

    public static readonly LoadDocumentOptions Default = new();

    /// <summary>The options used when loading a remote context (§4.1.2 step 5.2.4).</summary>
    public static readonly LoadDocumentOptions Context = new()
    {
        Profile = "http://www.w3.org/ns/json-ld#context",
        RequestProfile = "http://www.w3.org/ns/json-ld#context",
    };
}
