using DihNode.Rdf.Io.JsonLd;
using DihNode.Rdf.Io.JsonLd.Loading;

namespace DihNode.Conformance.JsonLd;

/// <summary>
/// The document loader of the JSON-LD tests: never the network. URLs under the suite's public base
/// are answered from the shared folder as a web server would, with the content type of the file
/// extension; the test's own input gets the HTTP behaviour its options describe (contentType,
/// httpStatus, redirectTo, httpLink). The answer goes through the same §9.4 rules as real HTTP
/// (<see cref="RemoteDocuments.FromResponse"/>), so Link headers, alternates and HTML are exercised.
/// </summary>
internal sealed class TestDocumentLoader(string folder, JsonLdTestCase test) : IJsonLdDocumentLoader
{
    private const int MaxHops = 5;

    public RemoteDocument Load(string url, LoadDocumentOptions options) => Load(url, options, 0);

    private RemoteDocument Load(string url, LoadDocumentOptions options, int hops)
    {
        if (hops > MaxHops) throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"<{url}>: too many redirects");
        string withoutFragment = url.Split('#')[0];
        if (!withoutFragment.StartsWith(JsonLdManifest.PublicBase, StringComparison.Ordinal))
            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"<{url}> is outside the test suite (no network in tests)");

        int status = 200;
        string? contentType = null;
        var links = new List<string>();
        bool isInput = withoutFragment == test.InputUrl.Split('#')[0];
        if (isInput)
        {
            if (test.Options["httpStatus"] is { } s) status = s.GetValue<int>();
            contentType = test.Option("contentType");
            switch (test.Options["httpLink"])
            {
                case System.Text.Json.Nodes.JsonArray array: links.AddRange(array.Select(l => l!.GetValue<string>())); break;
                case { } single: links.Add(single.GetValue<string>()); break;
            }
            if (status is >= 300 and < 400 && test.Option("redirectTo") is { } target)
                return Load(JsonLdManifest.PublicBase + target, options, hops + 1);
        }

        string path = Path.Combine(folder, withoutFragment[JsonLdManifest.PublicBase.Length..]);
        if (!File.Exists(path)) status = 404;
        byte[] body = status == 404 ? [] : File.ReadAllBytes(path);
        contentType ??= Path.GetExtension(path) switch
        {
            ".jsonld" => "application/ld+json",
            ".json" => "application/json",
            ".html" => "text/html",
            ".nq" => "application/n-quads",
            _ => "application/octet-stream",
        };
        var response = RemoteDocuments.FromResponse(url, status, contentType, body, links, options);
        if (response.AlternateUrl is { } alternate) return Load(alternate, options, hops + 1);
        return response.Document!;
    }
}
