using System.Net.Http.Headers;

namespace DihNode.Rdf.Io.JsonLd.Loading;

/// <summary>
/// Fetches JSON-LD over HTTP(S) from an allow-list of hosts only, and applies the §9.4 rules
/// (<see cref="RemoteDocuments.FromResponse"/>) to what it gets. Redirects and alternate links are
/// followed here, hop by hop, so that each new URL is checked against the allow-list too (a client
/// passed in should therefore not follow redirects itself). The final URL is the document URL.
/// </summary>
internal sealed class HttpDocumentLoader : IJsonLdDocumentLoader
{
    private const int MaxHops = 8;
    private const long MaxDocumentBytes = 64L << 20;
    private readonly HashSet<string> _hosts;
    private readonly HttpClient _client;

    public HttpDocumentLoader(IEnumerable<string> allowedHosts, HttpClient? client)
    {
        _hosts = new HashSet<string>(allowedHosts, StringComparer.OrdinalIgnoreCase);
        _client = client ?? new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
    }

    public RemoteDocument Load(string url, LoadDocumentOptions options)
    {
        for (int hop = 0; hop <= MaxHops; hop++)
        {
            var (status, location, contentType, links, body) = Fetch(url, options);
            if (status is >= 300 and < 400 && location is not null)
            {
                url = IriResolver.Resolve(url, location);
                continue;
            }
            var result = RemoteDocuments.FromResponse(url, status, contentType, body, links, options);
            if (result.AlternateUrl is not { } alternate) return result.Document!;
            url = alternate;
        }
        throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"<{url}>: more than {MaxHops} redirects or alternate links");
    }

    private (int Status, string? Location, string? ContentType, List<string> Links, byte[] Body) Fetch(string url, LoadDocumentOptions options)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"<{url}> is not an http(s) URL");
        if (!_hosts.Contains(uri.Host))
            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"<{url}>: host {uri.Host} is not on the allow-list");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.Add(options.RequestProfile is null
            ? new MediaTypeWithQualityHeaderValue("application/ld+json")
            : MediaTypeWithQualityHeaderValue.Parse($"application/ld+json;profile=\"{options.RequestProfile}\""));
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/json;q=0.9"));
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("text/html;q=0.5"));
        try
        {
            using var response = _client.Send(request, HttpCompletionOption.ResponseHeadersRead);
            using var stream = response.Content.ReadAsStream();
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + read > MaxDocumentBytes)
                    throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"<{url}> is larger than {MaxDocumentBytes >> 20} MiB");
                buffer.Write(chunk, 0, read);
            }
            var links = response.Headers.TryGetValues("Link", out var values) ? values.ToList() : [];
            string? location = response.Headers.Location?.OriginalString;
            return ((int)response.StatusCode, location, response.Content.Headers.ContentType?.ToString(), links, buffer.ToArray());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"<{url}>: {e.Message}", e);
        }
    }
}

internal static class MediaTypeParsing
{
    public static MediaTypeHeaderValue? TryParse(string? contentType) =>
        contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var value) ? value : null;
}
