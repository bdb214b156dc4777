using System.Globalization;
using DihNode.Rdf.Model;

namespace DihNode.Node.Sparql;

/// <summary>
/// The SPARQL 1.1 Service Description of <c>/sparql</c> (https://www.w3.org/TR/sparql11-service-description/)
/// and the VoID description of the node's dataset (https://www.w3.org/TR/void/), as quads.
/// The service: its endpoint, the languages (SPARQL 1.0 / 1.1 Query, 1.1 Update), result and input
/// formats, the feature <c>sd:UnionDefaultGraph</c>, and its default dataset: the default graph (the
/// union of all graphs) and every named graph, each with VoID statistics.
/// </summary>
internal static class ServiceDescription
{
    public const string Sd = "http://www.w3.org/ns/sparql-service-description#";
    public const string Void = "http://rdfs.org/ns/void#";
    public const string Formats = "http://www.w3.org/ns/formats/";
    private const string Dct = "http://purl.org/dc/terms/";

    public static readonly IReadOnlyDictionary<string, string> Prefixes = new Dictionary<string, string>
    {
        ["sd"] = Sd, ["void"] = Void, ["formats"] = Formats, ["dct"] = Dct, ["xsd"] = Vocabulary.Xsd.Namespace,
    };

    private static readonly string[] s_resultFormats =
        ["SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV", "Turtle", "N-Triples", "RDF_XML", "JSON-LD", "TriG", "N-Quads"];

    private static readonly string[] s_inputFormats = ["Turtle", "N-Triples", "RDF_XML", "JSON-LD", "TriG", "N-Quads"];

    /// <summary>
    /// The service description; <paramref name="nodeBase"/> is the node's public URL without a trailing slash,
    /// <paramref name="stats"/> the dataset's statistics (<see cref="VoidStatisticsCache"/>).
    /// </summary>
    public static List<Quad> Describe(string nodeBase, VoidStatistics.Result stats)
    {
        var quads = new List<Quad>();
        Iri endpoint = Iri.FromTrusted(nodeBase + "/sparql");
        Iri service = Iri.FromTrusted(nodeBase + "/sparql#service");
        Add(quads, service, Vocabulary.Rdf.Type, I(Sd, "Service"));
        Add(quads, service, I(Sd, "endpoint"), endpoint);
        foreach (string language in (string[])["SPARQL10Query", "SPARQL11Query", "SPARQL11Update"])
            Add(quads, service, I(Sd, "supportedLanguage"), I(Sd, language));
        foreach (string f in s_resultFormats) Add(quads, service, I(Sd, "resultFormat"), I(Formats, f));
        foreach (string f in s_inputFormats) Add(quads, service, I(Sd, "inputFormat"), I(Formats, f));
        Add(quads, service, I(Sd, "feature"), I(Sd, "UnionDefaultGraph"));
        Add(quads, service, I(Sd, "defaultEntailmentRegime"), Iri.FromTrusted("http://www.w3.org/ns/entailment/Simple"));
        Iri dataset = DatasetIri(nodeBase);
        Add(quads, service, I(Sd, "defaultDataset"), dataset);
        quads.AddRange(DescribeDataset(nodeBase, stats));
        return quads;
    }

    /// <summary>The dataset: an <c>sd:Dataset</c> that is also a <c>void:Dataset</c>, with the statistics of its graphs.</summary>
    public static List<Quad> DescribeDataset(string nodeBase, VoidStatistics.Result stats)
    {
        var quads = new List<Quad>();
        Iri dataset = DatasetIri(nodeBase);
        Add(quads, dataset, Vocabulary.Rdf.Type, I(Sd, "Dataset"));
        Add(quads, dataset, Vocabulary.Rdf.Type, I(Void, "Dataset"));
        Add(quads, dataset, I(Dct, "title"), Literal.Simple("The data of this DihNode node"));
        Add(quads, dataset, I(Void, "sparqlEndpoint"), Iri.FromTrusted(nodeBase + "/sparql"));
        Statistics(quads, dataset, stats.Union);
        var defaultGraph = BlankNode.CreateUnique();
        Add(quads, dataset, I(Sd, "defaultGraph"), defaultGraph);
        Add(quads, defaultGraph, Vocabulary.Rdf.Type, I(Sd, "Graph"));
        Add(quads, defaultGraph, I(Dct, "description"), Literal.Simple("The union of the stored default graph and all named graphs (sd:UnionDefaultGraph)."));
        Statistics(quads, defaultGraph, stats.Union);
        foreach (var (name, graphStats) in stats.NamedGraphs)
        {
            var namedGraph = BlankNode.CreateUnique();
            var graph = BlankNode.CreateUnique();
            Add(quads, dataset, I(Sd, "namedGraph"), namedGraph);
            Add(quads, namedGraph, Vocabulary.Rdf.Type, I(Sd, "NamedGraph"));
            Add(quads, namedGraph, I(Sd, "name"), name);
            Add(quads, namedGraph, I(Sd, "graph"), graph);
            Add(quads, graph, Vocabulary.Rdf.Type, I(Sd, "Graph"));
            Statistics(quads, graph, graphStats);
            Add(quads, dataset, I(Void, "subset"), graph);
        }
        return quads;
    }

    private static Iri DatasetIri(string nodeBase) => Iri.FromTrusted(nodeBase + "/void#dataset");

    private static void Statistics(List<Quad> quads, NamedOrBlankNode subject, GraphStatistics s)
    {
        Add(quads, subject, I(Void, "triples"), Integer(s.Triples));
        Add(quads, subject, I(Void, "classes"), Integer(s.Classes));
        Add(quads, subject, I(Void, "properties"), Integer(s.Properties));
        Add(quads, subject, I(Void, "distinctSubjects"), Integer(s.DistinctSubjects));
        Add(quads, subject, I(Void, "distinctObjects"), Integer(s.DistinctObjects));
    }

    private static Literal Integer(long n) => Literal.Typed(n.ToString(CultureInfo.InvariantCulture), Vocabulary.Xsd.Integer);

    private static Iri I(string ns, string local) => Iri.FromTrusted(ns + local);

    private static void Add(List<Quad> quads, NamedOrBlankNode s, Iri p, Term o) => quads.Add(new Quad(s, p, o, null));
}
