using System.Globalization;
using System.Text.Json;

namespace DihNode.Federation.Tests.Soak;

/// <summary>
/// The soak's query clients: each loops over a random mix of SPARQL (COUNT, a filter, ORDER BY + LIMIT,
/// GROUP BY, a text filter), OData pages (<c>$filter</c>, <c>$expand</c>, <c>$count</c>), linked-data hub
/// pages (HTML and Turtle) and the web search page, from its own loopback address, until stopped.
/// </summary>
internal sealed class SoakReaders(SoakRecorder recorder, Uri node, IReadOnlyList<string> hubPaths, IReadOnlyList<string> countries)
{
    private const string Prefixes =
        "PREFIX dih: <https://w3id.org/dihnode/ns#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX org: <http://www.w3.org/ns/org#> ";

    private const string SparqlJson = "application/sparql-results+json";

    private static readonly string[] s_words = ["digital", "ai", "robot", "innov", "hub", "smart", "data"];

    public async Task RunAsync(int index, CancellationToken stop)
    {
        using var client = LoopbackHttp.From(node, $"127.0.1.{index + 1}");
        var random = new Random(1000 + index);
        while (!stop.IsCancellationRequested)
        {
            var (kind, path, accept) = Next(random);
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
            if (await recorder.SendAsync(client, kind, request) is (200, var body, _) && Problem(path, body) is string problem)
                recorder.Malformed($"{kind} {path}: {problem}");
        }
    }

    private (string Kind, string Path, string? Accept) Next(Random random)
    {
        string word = s_words[random.Next(s_words.Length)];
        string country = countries[random.Next(countries.Count)];
        string hub = hubPaths[random.Next(hubPaths.Count)];
        return random.Next(11) switch
        {
            0 => ("sparql COUNT", Sparql("SELECT (COUNT(?h) AS ?n) WHERE { ?h a dih:Hub }"), SparqlJson),
            1 => ("sparql filter", Sparql("SELECT ?h ?name WHERE { ?h a dih:Hub ; skos:prefLabel ?name "
                + $"FILTER(STRSTARTS(STR(?h), \"https://dih.example.org/hub/edih2025/{country.ToLowerInvariant()}-\")) }}"), SparqlJson),
            2 => ("sparql ORDER BY+LIMIT", Sparql("SELECT ?h ?name WHERE { ?h a dih:Hub ; skos:prefLabel ?name } ORDER BY ?name LIMIT 20 OFFSET "
                + random.Next(400).ToString(CultureInfo.InvariantCulture)), SparqlJson),
            3 => ("sparql GROUP BY", Sparql("SELECT ?type (COUNT(?h) AS ?n) WHERE { ?h a dih:Hub ; org:classification ?type } GROUP BY ?type ORDER BY DESC(?n)"), SparqlJson),
            4 => ("sparql text", Sparql($"SELECT ?h ?name WHERE {{ ?h a dih:Hub ; skos:prefLabel ?name FILTER(CONTAINS(LCASE(STR(?name)), \"{word}\")) }}"), SparqlJson),
            5 => ("odata $filter", $"odata/Hubs?$filter=CountryCode eq '{country}'&$select=Name,City&$orderby=Name&$top=20", null),
            6 => ("odata $expand", "odata/Hubs?$expand=Involvements&$top=10&$skip=" + random.Next(440).ToString(CultureInfo.InvariantCulture), null),
            7 => ("odata $count", random.Next(2) == 0 ? "odata/Hubs/$count" : $"odata/Hubs?$count=true&$top=5&$filter=contains(tolower(Name),'{word}')", null),
            8 => ("hub page html", hub, "text/html"),
            9 => ("hub page turtle", hub + ".ttl", null),
            _ => ("web search", "search?q=" + word, "text/html"),
        };
    }

    /// <summary>Why a 200 answer is not the whole document it should be (a cut or garbled body), or null.</summary>
    private static string? Problem(string path, string body)
    {
        try
        {
            if (path.StartsWith("sparql?", StringComparison.Ordinal))
                return JsonDocument.Parse(body).RootElement.GetProperty("results").GetProperty("bindings").ValueKind == JsonValueKind.Array ? null : "no bindings array";
            if (path.StartsWith("odata/Hubs/$count", StringComparison.Ordinal))
                return int.TryParse(body, CultureInfo.InvariantCulture, out int n) && n > 0 ? null : $"'{body}' is not a count";
            if (path.StartsWith("odata/", StringComparison.Ordinal))
                return JsonDocument.Parse(body).RootElement.GetProperty("value").ValueKind == JsonValueKind.Array ? null : "no value array";
            if (path.EndsWith(".ttl", StringComparison.Ordinal)) return body.Contains("prefLabel", StringComparison.Ordinal) ? null : "no prefLabel in the Turtle";
            return body.TrimEnd().EndsWith("</html>", StringComparison.OrdinalIgnoreCase) ? null : "the page does not end with </html>";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return e.Message;
        }
    }

    private static string Sparql(string query) => "sparql?query=" + Uri.EscapeDataString(Prefixes + query);
}
