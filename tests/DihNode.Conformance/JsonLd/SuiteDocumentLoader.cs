using System.Text.Json.Nodes;
using DihNode.Conformance.Manifests;
using DihNode.Rdf.Io.JsonLd;
using DihNode.Rdf.Io.JsonLd.Loading;

namespace DihNode.Conformance.JsonLd;

/// <summary>
/// Serves the JSON-LD suite's own documents (remote contexts, @import) from the shared folder by
/// their published IRIs, so the tests run offline; anything else fails with "loading document failed".
/// </summary>
internal sealed class SuiteDocumentLoader(DocumentLocator locator) : IJsonLdDocumentLoader
{
    public RemoteDocument Load(string url, LoadDocumentOptions options)
    {
        int cut = url.IndexOfAny(['#', '?']);
        string documentUrl = cut < 0 ? url : url[..cut];
        string path;
        try
        {
            path = locator.PathOf(documentUrl);
        }
        catch (ArgumentException)
        {
            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"<{url}> is not a document of the test suite");
        }
        if (!File.Exists(path)) throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"<{url}>: no such file in the test suite");
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"<{url}> is not JSON: {e.Message}");
        }
        return new RemoteDocument(documentUrl, document);
    }
}
