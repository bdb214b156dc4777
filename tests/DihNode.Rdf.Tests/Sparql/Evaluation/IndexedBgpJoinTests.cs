using System.Text;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Syntax;
using static DihNode.Rdf.Tests.Sparql.Evaluation.EvaluationFixture;

namespace DihNode.Rdf.Tests.Sparql.Evaluation;

/// <summary>
/// A BGP pattern reached by many seeks switches to a hash join over its scanned range
/// (<see cref="EvaluationShortcuts.IndexedBgpJoins"/>); the rows must be those of the seek-per-row
/// nested loop, duplicates included.
/// </summary>
public class IndexedBgpJoinTests
{
    /// <summary>Hash join taken as early as the cost rule allows.</summary>
    private static readonly QueryOptions Indexed = new() { IndexedJoinAfter = 1 };

    /// <summary>Seeks only.</summary>
    private static readonly QueryOptions Seeking = new() { Shortcuts = EvaluationShortcuts.All & ~EvaluationShortcuts.IndexedBgpJoins };

    /// <summary>Organisations with types, countries (some with two, some none), in the default graph and in named graphs.</summary>
    private static string Catalogue(int n)
    {
        var sb = new StringBuilder(Prefixes);
        for (int i = 0; i < n; i++)
        {
            if (i % 7 != 0) sb.Append($":o{i} a :Org .\n");
            if (i % 5 != 0) sb.Append($":o{i} :spatial :c{i % 3} .\n");
            if (i % 4 == 0) sb.Append($":o{i} :spatial :c{(i + 1) % 3} .\n");
            if (i % 2 == 0) sb.Append($":o{i} :name \"n{i}\" .\n");
            sb.Append($":g{i % 2} {{ :o{i} a :Org . :o{i} :spatial :c{i % 2} . }}\n");
        }
        return sb.ToString();
    }

    private static List<string> Sorted(string data, string query, QueryOptions options) =>
        [.. Format((SelectResult)QueryEvaluator.Execute(SparqlParser.ParseQuery(QueryPrefixes + query), Load(data), options)).Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData("SELECT ?o ?c WHERE { ?o a :Org ; :spatial ?c }")]
    [InlineData("SELECT ?c (COUNT(*) AS ?n) WHERE { ?o a :Org ; :spatial ?c } GROUP BY ?c")]
    [InlineData("SELECT ?o ?c ?name WHERE { ?o a :Org ; :spatial ?c OPTIONAL { ?o :name ?name } }")]
    [InlineData("SELECT ?o ?c WHERE { ?o a :Org . OPTIONAL { ?o :spatial ?c ; :name ?x } }")]
    [InlineData("SELECT ?o ?c ?d WHERE { ?o :spatial ?c . ?o :spatial ?d }")]
    [InlineData("SELECT ?g ?o ?c WHERE { GRAPH ?g { ?o a :Org ; :spatial ?c } }")]
    [InlineData("SELECT ?o ?c WHERE { GRAPH :g1 { ?o a :Org ; :spatial ?c } }")]
    [InlineData("SELECT ?o ?c FROM :g0 FROM :g1 WHERE { ?o a :Org ; :spatial ?c }")]
    [InlineData("SELECT ?o ?c ?t WHERE { ?o a :Org ; :spatial ?c . ?x :spatial ?c ; a ?t }")]
    internal void Hash_joined_patterns_give_the_nested_loop_rows(string query)
    {
        string data = Catalogue(300);
        List<string> seeking = Sorted(data, query, Seeking);
        List<string> indexed = Sorted(data, query, Indexed);
        Assert.NotEmpty(seeking);
        Assert.Equal(seeking, indexed);
    }

    [Fact]
    internal void Duplicate_triples_of_merged_from_graphs_stay_one()
    {
        // :o1 :spatial :c1 is in both FROM graphs: the merge holds it once, seek or index.
        string data = Prefixes + string.Concat(Enumerable.Range(0, 50).Select(i =>
            $":g0 {{ :o{i} a :Org . :o{i} :spatial :c1 . }} :g1 {{ :o{i} :spatial :c1 . :o{i} :spatial :c2 . }}\n"));
        const string query = "SELECT ?o ?c FROM :g0 FROM :g1 WHERE { ?o a :Org ; :spatial ?c }";
        List<string> indexed = Sorted(data, query, Indexed);
        Assert.Equal(100, indexed.Count);
        Assert.Equal(Sorted(data, query, Seeking), indexed);
    }

    [Fact]
    internal void Random_queries_agree_with_and_without_indexed_joins()
    {
        var random = new Random(20261126);
        int compared = 0;
        for (int trial = 0; trial < 800; trial++)
        {
            var dataset = Load(JoinStrategyFuzzTests.Data(random) + JoinStrategyFuzzTests.Data(random));
            string text = QueryPrefixes + "SELECT * WHERE " + new JoinStrategyFuzzTests.Generator(random).Group(3);
            Query query;
            try { query = SparqlParser.ParseQuery(text); }
            catch (SparqlSyntaxException) { continue; }
            var seeking = Format((SelectResult)QueryEvaluator.Execute(query, dataset, Seeking)).Order(StringComparer.Ordinal).ToList();
            var indexed = Format((SelectResult)QueryEvaluator.Execute(query, dataset, Indexed)).Order(StringComparer.Ordinal).ToList();
            Assert.True(seeking.SequenceEqual(indexed), $"{text}\nseeking: {string.Join(" | ", seeking)}\nindexed: {string.Join(" | ", indexed)}");
            compared++;
        }
        Assert.True(compared > 500, $"only {compared} queries parsed");
    }
}
