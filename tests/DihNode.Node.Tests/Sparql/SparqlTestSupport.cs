using System.Net.Http.Headers;
using System.Text;
using DihNode.Node.Tests.Server;

namespace DihNode.Node.Tests.Sparql;

/// <summary>Requests the SPARQL tests send, and the nodes with tighter limits some of them need.</summary>
internal static class SparqlRequests
{
    public const string Prefixes = "PREFIX dih: <https://w3id.org/dihnode/ns#>\n";

    public static string QueryUrl(string query, string extra = "") => "sparql?query=" + Uri.EscapeDataString(query) + extra;

    public static HttpRequestMessage Get(string query, string? accept = null, string extra = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, QueryUrl(query, extra));
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        return request;
    }

    public static StringContent Direct(string text, string mediaType) =>
        new(text, Encoding.UTF8, new MediaTypeHeaderValue(mediaType));

    public static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
}

/// <summary>A node whose result cap is 5 rows, with one query slot and a 4 KiB body limit.</summary>
public sealed class SmallLimitsNodeFixture() : NodeFixture(o => new Hosting.NodeOptions
{
    Database = o.Database, Urls = o.Urls, ApiKey = o.ApiKey,
    MaxResultRows = 5, MaxBodyBytes = 4096, QueryTimeout = TimeSpan.FromSeconds(2),
});

/// <summary>A node without a practical result cap, a 1 s query limit and one query slot: long results run into the clock.</summary>
public sealed class StreamingNodeFixture() : NodeFixture(o => new Hosting.NodeOptions
{
    Database = o.Database, Urls = o.Urls, ApiKey = o.ApiKey,
    MaxResultRows = long.MaxValue, QueryTimeout = TimeSpan.FromSeconds(1), MaxQueryTimeout = TimeSpan.FromSeconds(5), MaxConcurrentQueries = 1,
});
