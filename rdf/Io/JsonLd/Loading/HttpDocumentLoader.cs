using System.Net.Http.Headers;

namespace DihNode.Rdf.Io.JsonLd.Loading;

/// <summary>
/// Fetches JSON-LD over HTTP(S) from an allow-list of hosts only, and applies the §9.4 rules
/// (<see cref="RemoteDocuments.FromResponse"/>) to what it gets. Redirects are followed by the
/// handler; the final URL becomes the document URL.
/// </summary>
internal sealed class HttpDocumentLoader : IJsonLdDocumentLoader
{
    private const int MaxAlternateHops = 4;
    private readonly HashSet<string> _hosts;
    private readonly HttpClient _client;

    public HttpDocumentLoader(IEnumerable<string> allowedHosts, HttpClient? client)
    {
        _hosts = new HashSet<string>(allowedHosts, StringComparer.OrdinalIgnoreCase);
        _client = client ?? new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
    }

    public RemoteDocument Load(string url, LoadDocumentOptions options) => Load(url, options, 0);

    private RemoteDocument Load(string url, LoadDocumentOptions options, int hops)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"<{url}> is not an http(s) URL");
        if (!_hosts.Contains(uri.Host))
            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"<{url}>: host {uri.Host} is not on the allow-list");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        string accept = options.RequestProfile is null ? "application/ld+json" : $"application/ld+json;profile=\"{options.RequestProfile}\"";
        request.Headers.Accept.ParseAdd(accept);
        request.Headers.Accept.ParseAdd("application/json;q=0.9");
        request.Headers.Accept.ParseAdd("text/html;q=0.5");
        HttpResponseMessage response;
        byte[] body;
        try
        {
            response = _client.Send(request);
            using var stream = response.Content.ReadAsStream();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            body = buffer.ToArray();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"<{url}>: {e.Message}", e);
        }
        using (response)
        {
            string finalUrl = response.RequestMessage?.RequestUri?.ToString() ?? url;
            var links = response.Headers.TryGetValues("Link", out var values) ? values.ToList() : [];
            var result = RemoteDocuments.FromResponse(finalUrl, (int)response.StatusCode,
                response.Content.Headers.ContentType?.ToString(), body, links, options);
            if (result.AlternateUrl is { } alternate)
            {
                if (hops >= MaxAlternateHops)
                    throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"<{url}>: too many alternate links");
                return Load(alternate, options, hops + 1);
            }
            return result.Document!;
        }
    }
}

internal static class MediaTypeParsing
{
    public static MediaTypeHeaderValue? TryParse(string? contentType) =>
        contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var value) ? value : null;
}
