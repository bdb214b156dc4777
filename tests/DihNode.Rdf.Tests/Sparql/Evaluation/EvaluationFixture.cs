using System.Text;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Rdf.Store;

namespace DihNode.Rdf.Tests.Sparql.Evaluation;

/// <summary>Loads TriG text into a store and runs queries, giving rows as comparable strings.</summary>
internal static class EvaluationFixture
{
    public const string Prefixes = "@prefix : <http://example.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n";
    public const string QueryPrefixes = "PREFIX : <http://example.org/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n";

    public static MemoryDataset Load(string trig)
    {
        var dataset = new MemoryDataset();
        byte[] bytes = Encoding.UTF8.GetBytes(Prefixes + trig);
        dataset.Load(sink => RdfParser.Parse(bytes, RdfFormat.TriG, sink));
        return dataset;
    }

    public static QueryResult Execute(string trig, string query, QueryOptions? options = null) =>
        QueryEvaluator.Execute(SparqlParser.ParseQuery(QueryPrefixes + query), Load(trig), options);

    /// <summary>Each row as "?a=term ?b=term" (unbound cells left out), sorted.</summary>
    public static List<string> Rows(string trig, string query, QueryOptions? options = null) =>
        [.. Format((SelectResult)Execute(trig, query, options)).Order(StringComparer.Ordinal)];

    /// <summary>Rows in result order.</summary>
    public static List<string> OrderedRows(string trig, string query) => [.. Format((SelectResult)Execute(trig, query))];

    public static IEnumerable<string> Format(SelectResult result) =>
        result.Rows.Select(row => string.Join(" ", result.Variables
            .Select((v, i) => row[i] is Term t ? "?" + v.Name + "=" + Short(t) : null)
            .Where(s => s is not null)));

    /// <summary>Example IRIs shortened to ":local".</summary>
    public static string Short(Term t) => t switch
    {
        Iri iri when iri.Value.StartsWith("http://example.org/", StringComparison.Ordinal) => ":" + iri.Value["http://example.org/".Length..],
        Literal l when l.Datatype.Equals(Vocabulary.Xsd.Integer) => l.LexicalForm,
        _ => t.ToString(),
    };

    public static List<string> Triples(string trig, string query) =>
        [.. ((GraphResult)Execute(trig, query)).Triples.Select(t => $"{Short(t.Subject)} {Short(t.Predicate)} {Short(t.Object)}").Order(StringComparer.Ordinal)];
}
