namespace DihNode.Node.Web.Queries;

/// <summary>A ready-made query for a common question, named in the URL as <c>/query?example={Key}</c>.</summary>
internal sealed record ExampleQuery(string Key, string Title, string Text)
{
    /// <summary>The text with the node's own base IRI in place of the default one the examples are written with.</summary>
    public string TextFor(string baseIri) => Text.Replace(DihNode.Vocab.Profile.ProfileIris.DefaultBase + "/", baseIri + "/", StringComparison.Ordinal);
}

/// <summary>
/// The example queries the SPARQL page offers, for the questions people ask of the hub network. They
/// read the union of the node's graphs (the hubs graph and the reference graphs with the labels).
/// </summary>
internal static class ExampleQueries
{
    private const string Prefixes =
        "PREFIX dih: <https://w3id.org/dihnode/ns#>\n" +
        "PREFIX dct: <http://purl.org/dc/terms/>\n" +
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n" +
        "PREFIX org: <http://www.w3.org/ns/org#>\n";

    public static IReadOnlyList<ExampleQuery> All { get; } =
    [
        new("hubs-per-country", "How many hubs are there in each country?", Prefixes +
            "\n" +
            "SELECT ?country ?name (COUNT(?hub) AS ?hubs)\n" +
            "WHERE {\n" +
            "  ?hub a dih:Hub ;\n" +
            "       dct:spatial ?country .\n" +
            "  ?country skos:inScheme <http://publications.europa.eu/resource/authority/country> ;\n" +
            "           skos:prefLabel ?name .\n" +
            "  FILTER(lang(?name) = \"en\")\n" +
            "}\n" +
            "GROUP BY ?country ?name\n" +
            "ORDER BY DESC(?hubs) ?name\n"),
        new("service-in-region", "Which hubs offer prototyping in North-West Italy (NUTS region ITC)?", Prefixes +
            "PREFIX nuts: <http://data.europa.eu/nuts/code/>\n" +
            "\n" +
            "SELECT ?hub ?name ?region ?level\n" +
            "WHERE {\n" +
            "  ?hub a dih:Hub ;\n" +
            "       skos:prefLabel ?name ;\n" +
            "       dct:spatial ?nuts3 ;\n" +
            "       dih:involvement ?involvement .\n" +
            "  ?nuts3 skos:broader/skos:broader nuts:ITC ;\n" +
            "         skos:prefLabel ?region .\n" +
            "  ?involvement dih:topic ?service .\n" +
            "  ?service skos:inScheme <https://dih.example.org/scheme/service> ;\n" +
            "           skos:prefLabel \"Prototyping\"@en .\n" +
            "  OPTIONAL { ?involvement dih:level ?level }\n" +
            "}\n" +
            "ORDER BY DESC(?level) ?name\n"),
        new("technologies-by-type", "Which technologies do hubs of each type work on?", Prefixes +
            "\n" +
            "SELECT ?type ?technology (COUNT(DISTINCT ?hub) AS ?hubs)\n" +
            "WHERE {\n" +
            "  ?hub a dih:Hub ;\n" +
            "       org:classification/skos:prefLabel ?type ;\n" +
            "       dih:involvement/dih:topic ?topic .\n" +
            "  ?topic skos:inScheme <https://dih.example.org/scheme/technology> ;\n" +
            "         skos:prefLabel ?technology .\n" +
            "}\n" +
            "GROUP BY ?type ?technology\n" +
            "ORDER BY ?type DESC(?hubs) ?technology\n"),
        new("technology-in-country", "Which hubs in Spain work on cybersecurity?", Prefixes +
            "\n" +
            "SELECT ?hub ?name ?website\n" +
            "WHERE {\n" +
            "  ?hub a dih:Hub ;\n" +
            "       skos:prefLabel ?name ;\n" +
            "       dct:spatial <http://publications.europa.eu/resource/authority/country/ESP> ;\n" +
            "       dih:involvement/dih:topic <https://dih.example.org/concept/technology/cybersecurity> .\n" +
            "  OPTIONAL { ?hub <http://xmlns.com/foaf/0.1/homepage> ?website }\n" +
            "}\n" +
            "ORDER BY ?name\n"),
    ];

    public static ExampleQuery? Find(string key) => All.FirstOrDefault(e => e.Key == key);
}
