using DihNode.Conformance.Manifests;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;

namespace DihNode.Conformance.Running;

/// <summary>
/// mf:ServiceDescriptionTest (SPARQL 1.1 Service Description §3, the three approved tests, which have
/// no action): a GET on the query endpoint of a fresh node without a query must return RDF
/// (returns-rdf), holding a triple <c>?service sd:endpoint &lt;the URL requested&gt;</c>
/// (has-endpoint-triple), and follow the vocabulary's schema (conforms-to-schema: every sd:Service has an
/// endpoint and supported languages from the SD vocabulary; formats and features are IRIs; the default
/// dataset is an sd:Dataset whose default graph is an sd:Graph; each sd:NamedGraph has one IRI sd:name
/// and an sd:graph that is an sd:Graph; VoID counts are non-negative xsd:integer literals).
/// </summary>
internal static class ServiceDescriptionTests
{
    private const string Sd = "http://www.w3.org/ns/sparql-service-description#";
    private const string Void = "http://rdfs.org/ns/void#";

    public static TestOutcome Run(TestEntry test)
    {
        using var node = new TestNode();
        string endpoint = new Uri(node.BaseAddress, "sparql").ToString();
        using var response = node.Client.GetAsync("sparql").GetAwaiter().GetResult();
        if (!response.IsSuccessStatusCode) return TestOutcome.Fail($"GET {endpoint} -> {(int)response.StatusCode}");
        string? mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is null || RdfFormats.FromMediaType(mediaType) is not RdfFormat format) return TestOutcome.Fail($"GET {endpoint} returned {mediaType}, not RDF");
        List<Quad> quads;
        try
        {
            quads = HttpExchangeTests.ParseRdf(response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult(), format, endpoint);
        }
        catch (RdfSyntaxException e)
        {
            return TestOutcome.Fail($"the description does not parse as {format}: {e.Message}");
        }
        string local = test.Id[(test.Id.LastIndexOf('#') + 1)..];
        return local switch
        {
            "returns-rdf" => quads.Count > 0 ? TestOutcome.Pass : TestOutcome.Fail("the description is empty"),
            "has-endpoint-triple" => quads.Any(q => q.Predicate.Value == Sd + "endpoint" && q.Object is Iri i && i.Value == endpoint)
                ? TestOutcome.Pass : TestOutcome.Fail($"no sd:endpoint <{endpoint}>"),
            "conforms-to-schema" => Conforms(quads) is { } problem ? TestOutcome.Fail(problem) : TestOutcome.Pass,
            _ => TestOutcome.Fail($"unknown service description test {local}"),
        };
    }

    private static string? Conforms(List<Quad> quads)
    {
        IEnumerable<Term> Objects(Term s, string p) => quads.Where(q => q.Subject.Equals(s) && q.Predicate.Value == p).Select(q => q.Object);
        bool Is(Term s, string type) => quads.Any(q => q.Subject.Equals(s) && q.Predicate == Vocabulary.Rdf.Type && q.Object is Iri i && i.Value == type);

        var services = quads.Where(q => q.Predicate == Vocabulary.Rdf.Type && q.Object is Iri { Value: Sd + "Service" }).Select(q => q.Subject).Distinct().ToList();
        if (services.Count == 0) return "no sd:Service";
        string[] languages = [Sd + "SPARQL10Query", Sd + "SPARQL11Query", Sd + "SPARQL11Update"];
        foreach (var service in services)
        {
            if (!Objects(service, Sd + "endpoint").Any(o => o is Iri)) return $"{service} has no sd:endpoint IRI";
            var supported = Objects(service, Sd + "supportedLanguage").ToList();
            if (supported.Count == 0) return $"{service} has no sd:supportedLanguage";
            if (supported.FirstOrDefault(l => l is not Iri i || !languages.Contains(i.Value)) is { } odd) return $"sd:supportedLanguage {odd} is not a language of the SD vocabulary";
            foreach (string p in (string[])[Sd + "resultFormat", Sd + "inputFormat", Sd + "feature", Sd + "defaultEntailmentRegime", Sd + "extensionFunction"])
                if (Objects(service, p).FirstOrDefault(o => o is not Iri) is { } notIri) return $"{p} {notIri} is not an IRI";
            foreach (Term dataset in Objects(service, Sd + "defaultDataset"))
            {
                if (!Is(dataset, Sd + "Dataset")) return $"the default dataset {dataset} is not an sd:Dataset";
                foreach (Term g in Objects(dataset, Sd + "defaultGraph"))
                    if (!Is(g, Sd + "Graph")) return $"the default graph {g} is not an sd:Graph";
                foreach (Term named in Objects(dataset, Sd + "namedGraph"))
                {
                    if (!Is(named, Sd + "NamedGraph")) return $"{named} is not an sd:NamedGraph";
                    if (Objects(named, Sd + "name").ToList() is not [Iri]) return $"{named} needs exactly one IRI sd:name";
                    if (Objects(named, Sd + "graph").ToList() is not [var graph] || !Is(graph, Sd + "Graph")) return $"{named} needs one sd:graph that is an sd:Graph";
                }
            }
        }
        foreach (Quad q in quads.Where(q => q.Predicate.Value.StartsWith(Void, StringComparison.Ordinal) && q.Predicate.Value[Void.Length..] is "triples" or "classes" or "properties" or "distinctSubjects" or "distinctObjects"))
            if (q.Object is not Literal { Datatype.Value: "http://www.w3.org/2001/XMLSchema#integer" } l || !long.TryParse(l.LexicalForm, out long n) || n < 0)
                return $"{q.Predicate} {q.Object} is not a non-negative xsd:integer";
        return null;
    }
}
