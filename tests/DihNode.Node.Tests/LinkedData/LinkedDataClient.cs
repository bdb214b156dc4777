using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;

namespace DihNode.Node.Tests.LinkedData;

/// <summary>Requests and parsing shared by the linked-data tests.</summary>
internal static partial class LinkedDataClient
{
    public const string ReD = "hub/edih2025/pl-edih-re-d";

    public const string ReDIri = "https://dih.example.org/hub/edih2025/pl-edih-re-d";

    public static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? accept = null, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        if (ifNoneMatch is not null) request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(ifNoneMatch));
        return await client.SendAsync(request);
    }

    public static List<Quad> Parse(byte[] body, RdfFormat format)
    {
        var sink = new QuadList();
        RdfParser.Parse(new MemoryStream(body), format, sink);
        return sink.Quads;
    }

    public static async Task<List<Quad>> GetRdfAsync(HttpClient client, string path, RdfFormat format)
    {
        var response = await GetAsync(client, path, format.MediaType());
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return Parse(await response.Content.ReadAsByteArrayAsync(), format);
    }

    /// <summary>The text of the page's one <c>&lt;script type="application/ld+json"&gt;</c> element.</summary>
    public static string EmbeddedJsonLd(string html)
    {
        var matches = JsonLdScript().Matches(html);
        Assert.Single(matches);
        return matches[0].Groups[1].Value;
    }

    public static List<Quad> ParseJsonLd(string json) => Parse(Encoding.UTF8.GetBytes(json), RdfFormat.JsonLd);

    [GeneratedRegex("<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex JsonLdScript();

    private sealed class QuadList : IQuadSink
    {
        public List<Quad> Quads { get; } = [];

        public void Add(in Quad quad) => Quads.Add(quad);
    }
}
