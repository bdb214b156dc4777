using System.Text;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Rdf.Store;
using static DihNode.Rdf.Tests.Sparql.Evaluation.EvaluationFixture;

namespace DihNode.Rdf.Tests.Sparql.Evaluation;

/// <summary>
/// Merge joins over sorted id runs (<see cref="EvaluationShortcuts.SortedRunJoins"/>), grouping that
/// reads BGP solutions in place (<see cref="EvaluationShortcuts.InPlaceGrouping"/>) and COUNT on ids
/// (<see cref="EvaluationShortcuts.IdCounting"/>) must give exactly the generic path's rows.
/// </summary>
public class SortedRunJoinTests
{
    private const EvaluationShortcuts New = EvaluationShortcuts.SortedRunJoins | EvaluationShortcuts.InPlaceGrouping | EvaluationShortcuts.IdCounting;

    /// <summary>Every new path, taken from the smallest run up.</summary>
    private static readonly QueryOptions Fast = new() { MergeJoinMinRun = 1 };

    /// <summary>The generic evaluator: seeks per row, rows copied, aggregates on accumulators.</summary>
    private static readonly QueryOptions Generic = new() { Shortcuts = EvaluationShortcuts.All & ~New & ~EvaluationShortcuts.IndexedBgpJoins };

    /// <summary>
    /// Organisations with types (some none, some two), countries (some none, some two), names for
    /// some; the same in two named graphs with overlaps.
    /// </summary>
    private static string Catalogue(int n)
    {
        var sb = new StringBuilder(":c0 :label \"zero\" . :c1 :label \"one\" . :c2 :label \"two\" . :c1 :label \"uno\" .\n:g1 { :c1 :label \"one\" . :c2 :label \"two\" . }\n");
        for (int i = 0; i < n; i++)
        {
            if (i % 7 != 0) sb.Append($":o{i} a :Org .\n");
            if (i % 11 == 0) sb.Append($":o{i} a :Hub .\n");
            if (i % 5 != 0) sb.Append($":o{i} :spatial :c{i % 3} .\n");
            if (i % 4 == 0) sb.Append($":o{i} :spatial :c{(i + 1) % 3} .\n");
            if (i % 2 == 0) sb.Append($":o{i} :name \"n{i % 10}\" .\n");
            if (i % 13 == 0) sb.Append($":o{i} :knows :o{i} .\n");
            sb.Append($":g{i % 2} {{ :o{i} a :Org . :o{i} :spatial :c{i % 2} . }}\n");
            if (i % 3 == 0) sb.Append($":g1 {{ :o{i} a :Org . :o{i} :spatial :c2 . }}\n");
        }
        return sb.ToString();
    }

    private static List<string> Sorted(MemoryDataset data, string query, QueryOptions options) =>
        [.. Format((SelectResult)QueryEvaluator.Execute(SparqlParser.ParseQuery(QueryPrefixes + query), data, options)).Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData("SELECT ?o ?c WHERE { ?o a :Org ; :spatial ?c }")]
    [InlineData("SELECT ?o ?c WHERE { ?o :spatial ?c ; a :Org }")]
    [InlineData("SELECT ?o ?c WHERE { ?c :label \"one\" . ?o :spatial ?c ; a :Org }")]
    [InlineData("SELECT ?o ?c ?n WHERE { ?c :label ?l . ?o :spatial ?c ; a :Org ; :name ?n }")]
    [InlineData("SELECT ?o ?c ?n WHERE { ?c :label ?l . ?o :spatial ?c ; a :Org ; a :Hub ; :name ?n }")]
    [InlineData("SELECT ?c (COUNT(*) AS ?n) WHERE { ?c :label ?l . ?o :spatial ?c ; a :Org } GROUP BY ?c")]
    [InlineData("SELECT ?o ?c WHERE { GRAPH :g1 { ?c :label ?l . ?o :spatial ?c ; a :Org } }")]
    [InlineData("SELECT ?o ?c ?n WHERE { ?o a :Org ; :spatial ?c ; :name ?n }")]
    [InlineData("SELECT ?o WHERE { ?o a :Org ; :spatial :c1 }")]
    [InlineData("SELECT ?o ?c ?d WHERE { ?o a :Org ; :spatial ?c ; :spatial ?d }")]
    [InlineData("SELECT ?o WHERE { ?o a :Org ; :knows ?o }")]
    [InlineData("SELECT ?c (COUNT(?o) AS ?n) WHERE { ?o a :Org ; :spatial ?c } GROUP BY ?c")]
    [InlineData("SELECT ?c (COUNT(*) AS ?n) (COUNT(?o) AS ?m) WHERE { ?o a :Org ; :spatial ?c } GROUP BY ?c ORDER BY DESC(?n) ?c")]
    [InlineData("SELECT (COUNT(*) AS ?n) WHERE { ?o a :Org ; :spatial ?c }")]
    [InlineData("SELECT (COUNT(*) AS ?n) WHERE { ?o a :Nothing }")]
    [InlineData("SELECT ?c (COUNT(*) AS ?n) WHERE { ?o a :Nothing ; :spatial ?c } GROUP BY ?c")]
    [InlineData("SELECT ?x (COUNT(?x) AS ?n) (COUNT(?o) AS ?m) WHERE { ?o a :Org ; :spatial ?c } GROUP BY ?x")]
    [InlineData("SELECT ?c ?o (COUNT(*) AS ?n) WHERE { ?o :spatial ?c } GROUP BY ?c ?o")]
    [InlineData("SELECT ?t (COUNT(?o) AS ?n) WHERE { ?o a ?t } GROUP BY ?t")]
    [InlineData("SELECT ?c (COUNT(DISTINCT ?o) AS ?n) (COUNT(DISTINCT *) AS ?d) WHERE { ?o a :Org ; :spatial ?c } GROUP BY ?c")]
    [InlineData("SELECT ?c (SAMPLE(?o) AS ?s) (MAX(?n) AS ?m) (GROUP_CONCAT(?n) AS ?all) WHERE { ?o a :Org ; :spatial ?c ; :name ?n } GROUP BY ?c")]
    [InlineData("SELECT ?c (COUNT(?n) AS ?k) WHERE { ?o a :Org ; :spatial ?c OPTIONAL { ?o :name ?n } } GROUP BY ?c")]
    [InlineData("SELECT ?c (COUNT(?o) AS ?n) WHERE { GRAPH :g1 { ?o a :Org ; :spatial ?c } } GROUP BY ?c")]
    [InlineData("SELECT ?g ?c (COUNT(?o) AS ?n) WHERE { GRAPH ?g { ?o a :Org ; :spatial ?c } } GROUP BY ?g ?c")]
    [InlineData("SELECT ?c ?n WHERE { GRAPH :g1 { SELECT ?c (COUNT(?o) AS ?n) WHERE { ?o a :Org ; :spatial ?c } GROUP BY ?c } }")]
    [InlineData("SELECT ?g ?c ?n WHERE { GRAPH ?g { SELECT ?c (COUNT(*) AS ?n) WHERE { ?o a :Org ; :spatial ?c } GROUP BY ?c } }")]
    [InlineData("SELECT ?o ?c WHERE { GRAPH :g0 { ?o a :Org ; :spatial ?c } }")]
    [InlineData("SELECT ?c (COUNT(?o) AS ?n) FROM :g0 FROM :g1 WHERE { ?o a :Org ; :spatial ?c } GROUP BY ?c")]
    [InlineData("SELECT ?o ?c FROM :g0 FROM :g1 WHERE { ?o a :Org ; :spatial ?c }")]
    internal void New_paths_give_the_generic_rows(string query)
    {
        var data = Load(Catalogue(400));
        List<string> generic = Sorted(data, query, Generic);
        // GROUP BY over no solutions has no group (§18.5.1); every other query here has rows.
        if (query.Contains(":Nothing ;", StringComparison.Ordinal)) Assert.Empty(generic);
        else Assert.NotEmpty(generic);
        Assert.Equal(generic, Sorted(data, query, Fast));
        Assert.Equal(generic, Sorted(data, query, QueryOptions.Default));
    }

    [Fact]
    internal void Counts_match_the_catalogue()
    {
        // 400 organisations: :Org unless i % 7 == 0; :c0..:c2 by i % 3 unless i % 5 == 0, plus (i + 1) % 3 when i % 4 == 0.
        var expected = new Dictionary<string, int>();
        for (int i = 0; i < 400; i++)
        {
            if (i % 7 == 0) continue;
            if (i % 5 != 0) Add($":c{i % 3}");
            if (i % 4 == 0) Add($":c{(i + 1) % 3}");
        }
        List<string> rows = Sorted(Load(Catalogue(400)), "SELECT ?c (COUNT(?o) AS ?n) WHERE { ?o a :Org ; :spatial ?c } GROUP BY ?c", Fast);
        Assert.Equal([.. expected.Select(e => $"?c={e.Key} ?n={e.Value}").Order(StringComparer.Ordinal)], rows);

        void Add(string c) => expected[c] = expected.GetValueOrDefault(c) + 1;
    }

    [Fact]
    internal void A_sorted_run_counts_repeated_ids_in_any_probe_order()
    {
        // Duplicates (a merged FROM graph) rule out the bitmap: the galloping search answers.
        int[] ids = [3, 5, 5, 9, 40, 41, 41, 41, 100];
        SortedRun run = Run(ids);
        int[] probes = [1, 3, 5, 6, 41, 100, 101, 2, 5, 9, 9, 41, 0, 40];
        foreach (int probe in probes) Assert.Equal(ids.Count(i => i == probe), run.Count(probe));
    }

    [Fact]
    internal void A_dense_distinct_run_answers_from_its_bitmap()
    {
        int[] ids = [.. Enumerable.Range(0, 500).Select(i => 1000 + 3 * i)];
        SortedRun run = Run([.. ids.Reverse()]); // read unsorted: sorted on reading
        Assert.Equal(500, run.Length);
        foreach (int probe in new[] { 999, 1000, 1001, 1003, 2497, 2498, 2500, 5, 1000 })
            Assert.Equal(ids.Contains(probe) ? 1 : 0, run.Count(probe));
    }

    private static SortedRun Run(int[] ids)
    {
        EncodedQuad[] quads = [.. ids.Select(id => new EncodedQuad(id, 7, 8, 0))];
        return SortedRun.Read(new ScanCursor(quads, 0, quads.Length), 0, quads.Length);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    internal void Random_queries_agree_with_the_generic_path(bool grouped)
    {
        var random = new Random(grouped ? 20261127 : 20261128);
        int compared = 0;
        for (int trial = 0; trial < 800; trial++)
        {
            var dataset = Load(JoinStrategyFuzzTests.Data(random) + JoinStrategyFuzzTests.Data(random));
            string pattern = new JoinStrategyFuzzTests.Generator(random).Group(2);
            string text = QueryPrefixes + (grouped
                ? "SELECT ?a (COUNT(*) AS ?n) (COUNT(?b) AS ?m) WHERE " + pattern + " GROUP BY ?a"
                : "SELECT * WHERE " + pattern);
            Query query;
            try { query = SparqlParser.ParseQuery(text); }
            catch (SparqlSyntaxException) { continue; }
            var generic = Format((SelectResult)QueryEvaluator.Execute(query, dataset, Generic)).Order(StringComparer.Ordinal).ToList();
            var fast = Format((SelectResult)QueryEvaluator.Execute(query, dataset, Fast)).Order(StringComparer.Ordinal).ToList();
            Assert.True(generic.SequenceEqual(fast), $"{text}\ngeneric: {string.Join(" | ", generic)}\nfast: {string.Join(" | ", fast)}");
            compared++;
        }
        Assert.True(compared > 500, $"only {compared} queries parsed");
    }
}
