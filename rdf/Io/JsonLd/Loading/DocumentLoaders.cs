using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace DihNode.Rdf.Io.JsonLd.Loading;

/// <summary>
/// Ready-made document loaders. None of them reaches the network unless the caller names the hosts
/// it may reach (<see cref="Http"/>).
/// </summary>
public static class DocumentLoaders
{
    /// <summary>Loads nothing: every request fails with "loading document failed".</summary>
    public static readonly IJsonLdDocumentLoader None = new NoDocumentLoader();

    /// <summary>Serves documents from a dictionary URL -> JSON text (a cache of well-known contexts), nothing else.</summary>
    public static IJsonLdDocumentLoader FromDictionary(IReadOnlyDictionary<string, string> documents) =>
        new DictionaryDocumentLoader(documents);

    /// <summary>Tries <paramref name="first"/>, and <paramref name="second"/> when the first fails.</summary>
    public static IJsonLdDocumentLoader Chain(IJsonLdDocumentLoader first, IJsonLdDocumentLoader second) =>
        new ChainDocumentLoader(first, second);

    /// <summary>Fetches over HTTP(S), only from the hosts listed (exact, case-insensitive host names).</summary>
    public static IJsonLdDocumentLoader Http(IEnumerable<string> allowedHosts, HttpClient? client = null) =>
        new HttpDocumentLoader(allowedHosts, client);

    private sealed class NoDocumentLoader : IJsonLdDocumentLoader
    {
        public RemoteDocument Load(string url, LoadDocumentOptions options) =>
            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"<{url}>: no document loader is configured (remote documents are off by default)");
    }

    private sealed class DictionaryDocumentLoader(IReadOnlyDictionary<string, string> documents) : IJsonLdDocumentLoader
    {
        private readonly FrozenDictionary<string, string> _documents = documents.ToFrozenDictionary(StringComparer.Ordinal);

        public RemoteDocument Load(string url, LoadDocumentOptions options)
        {
            string key = url;
            int hash = key.IndexOf('#');
            if (hash >= 0) key = key[..hash];
            if (!_documents.TryGetValue(key, out var text))
                throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"<{url}> is not among the locally known documents");
            return new RemoteDocument(key, JsonLdJson.Parse(text, url, 512));
        }
    }

    private sealed class ChainDocumentLoader(IJsonLdDocumentLoader first, IJsonLdDocumentLoader second) : IJsonLdDocumentLoader
    {
        public RemoteDocument Load(string url, LoadDocumentOptions options)
        {
            try
            {
                return first.Load(url, options);
            }
            catch (JsonLdException e) when (e.Code == JsonLdErrorCode.LoadingDocumentFailed)
            {
                return second.Load(url, options);
            }
        }
    }
}
