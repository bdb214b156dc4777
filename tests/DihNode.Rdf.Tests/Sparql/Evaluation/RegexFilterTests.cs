using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Rdf.Store;
using QuadPattern = DihNode.Rdf.Store.QuadPattern;
using static DihNode.Rdf.Tests.Sparql.Evaluation.EvaluationFixture;

namespace DihNode.Rdf.Tests.Sparql.Evaluation;

/// <summary>
/// FILTER(REGEX(?v, const, const)) is tested on the stored text (<see cref="RegexFilter"/>); a store
/// without that text access takes the general path. Both must keep the same rows.
/// </summary>
public class RegexFilterTests
{
    /// <summary>The same store seen only through <see cref="IQuadStore"/> (no stored text access).</summary>
    private sealed class PlainStore(IQuadStore inner) : IQuadStore
    {
        public bool TryGetId(Term term, out int id) => inner.TryGetId(term, out id);
        public Term GetTerm(int id) => inner.GetTerm(id);
        public QuadCursor Find(in QuadPattern pattern) => inner.Find(in pattern);
        public long Count(in QuadPattern pattern) => inner.Count(in pattern);
        public IEnumerable<int> GraphNameIds() => inner.GraphNameIds();
    }

    private const string Data = Prefixes + """
        :a :name "Robotics Lab" ; :home :h1 .
        :b :name "robotics test lab"@en .
        :c :name "Grüne ROBOTICS-Lab"^^xsd:string .
        :d :name 42 .
        :e :name :robotics_lab .
        :f :name "nothing here" .
        :g :other "x" .
        :h :name "Ünïcödé robotics lab ✓"@de .
        """;

    [Theory]
    [InlineData("SELECT ?s WHERE { ?s :name ?n FILTER(REGEX(?n, \"robotics.*lab\", \"i\")) }", 4)]
    [InlineData("SELECT ?s WHERE { ?s :name ?n FILTER(REGEX(?n, \"robotics.*lab\")) }", 2)]
    [InlineData("SELECT ?s WHERE { ?s :name ?n FILTER(REGEX(?n, \"^Rob\")) }", 1)]
    [InlineData("SELECT ?s WHERE { ?s ?p ?o OPTIONAL { ?s :home ?n } FILTER(REGEX(?n, \".\")) }", 0)]
    [InlineData("SELECT ?s WHERE { ?s :name ?n FILTER(REGEX(?n, \"4\")) }", 0)]
    [InlineData("SELECT ?s WHERE { ?s :name ?n FILTER(REGEX(?n, \"(\")) }", 0)]
    [InlineData("SELECT ?s WHERE { ?s :name ?n FILTER(REGEX(?n, \"lab\", \"z\")) }", 0)]
    [InlineData("SELECT ?s WHERE { ?s :name ?n BIND(CONCAT(\"Robotics \", \"lab\") AS ?m) FILTER(REGEX(?m, \"lab$\")) }", 7)]
    [InlineData("SELECT ?s WHERE { ?s :name ?n FILTER(REGEX(?n, \"ü|✓\")) }", 2)]
    internal void Stored_text_matches_as_decoded_terms_do(string query, int expected)
    {
        MemoryDataset dataset = Load(Data);
        Query parsed = SparqlParser.ParseQuery(QueryPrefixes + query);
        List<string> fast = [.. Format((SelectResult)QueryEvaluator.Execute(parsed, dataset)).Order(StringComparer.Ordinal)];
        List<string> general = [.. Format((SelectResult)QueryEvaluator.Execute(parsed, new PlainStore(dataset))).Order(StringComparer.Ordinal)];
        Assert.Equal(expected, fast.Count);
        Assert.Equal(general, fast);
    }

    [Fact]
    internal void A_regex_tested_over_many_rows_keeps_its_answers_once_compiled()
    {
        // Past 4096 rows the filter switches to a compiled copy of the regex: rows on both sides of the switch count.
        var sb = new System.Text.StringBuilder();
        int expected = 0;
        for (int i = 0; i < 10_000; i++)
        {
            bool match = i % 7 == 0;
            expected += match ? 1 : 0;
            sb.Append($":o{i} :name \"{(match ? "Small ROBOTICS and Vision Lab" : "Robotics centre")} {i}\"@en .\n");
        }
        List<string> rows = Rows(sb.ToString(), "SELECT ?s WHERE { ?s :name ?n FILTER(REGEX(?n, \"robotics.*lab\", \"i\")) }");
        Assert.Equal(expected, rows.Count);
        Assert.Contains("?s=:o9996", rows);
        Assert.DoesNotContain("?s=:o9997", rows);
    }
}
