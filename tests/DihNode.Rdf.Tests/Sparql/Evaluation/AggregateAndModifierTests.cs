using static DihNode.Rdf.Tests.Sparql.Evaluation.EvaluationFixture;

namespace DihNode.Rdf.Tests.Sparql.Evaluation;

public class AggregateAndModifierTests
{
    private const string Sales = """
        :s1 :shop :north ; :amount 10 ; :item "pen" .
        :s2 :shop :north ; :amount 5 ; :item "ink" .
        :s3 :shop :south ; :amount 7 ; :item "pen" .
        :s4 :shop :south ; :amount "n/a" ; :item "pen" .
        :s5 :shop :east .
        """;

    [Fact]
    public void Count_sum_min_max_per_group()
    {
        var rows = Rows(Sales, """
            SELECT ?shop (COUNT(?a) AS ?n) (SUM(?a) AS ?sum) (MIN(?a) AS ?min) (MAX(?a) AS ?max)
            WHERE { ?s :shop ?shop OPTIONAL { ?s :amount ?a FILTER(isNumeric(?a) || true) } }
            GROUP BY ?shop
            """);
        // south: SUM over a string is an error, so ?sum is unbound; MAX orders literals ("n/a" after numbers? both literals, compared by ORDER BY).
        Assert.True(rows.Contains("?shop=:north ?n=2 ?sum=15 ?min=5 ?max=10"), string.Join("\n", rows));
        Assert.Contains("?shop=:east ?n=0 ?sum=0", rows);
        Assert.Contains(rows, r => r.StartsWith("?shop=:south ?n=2 ?min=", StringComparison.Ordinal));
        Assert.Equal(3, rows.Count);
    }

    [Fact]
    public void Count_star_and_distinct()
    {
        var rows = Rows(Sales, "SELECT (COUNT(*) AS ?all) (COUNT(DISTINCT ?i) AS ?items) WHERE { ?s :item ?i }");
        Assert.Equal(["?all=4 ?items=2"], rows);
    }

    [Fact]
    public void Empty_input_without_group_by_gives_one_group()
    {
        var rows = Rows(Sales, "SELECT (COUNT(*) AS ?n) (SUM(?x) AS ?s) (MAX(?x) AS ?m) WHERE { ?x :nothing ?y }");
        Assert.Equal(["?n=0 ?s=0"], rows);
        Assert.Empty(Rows(Sales, "SELECT ?y (COUNT(*) AS ?n) WHERE { ?x :nothing ?y } GROUP BY ?y"));
    }

    [Fact]
    public void Avg_and_group_concat_with_separator_and_sample()
    {
        var rows = Rows(Sales, """
            SELECT (AVG(?a) AS ?avg) (GROUP_CONCAT(DISTINCT ?i ; SEPARATOR = "|") AS ?items) (SAMPLE(?i) AS ?one)
            WHERE { ?s :amount ?a ; :item ?i FILTER(?s != :s4) }
            """);
        Assert.Single(rows);
        Assert.True(rows[0].StartsWith("?avg=\"7.3333", StringComparison.Ordinal), rows[0]);
        Assert.Contains("?items=\"pen|ink\"", rows[0]);
        Assert.Contains("?one=\"pen\"", rows[0]);
    }

    [Fact]
    public void Having_filters_groups()
    {
        var rows = Rows(Sales, "SELECT ?i (COUNT(*) AS ?n) WHERE { ?s :item ?i } GROUP BY ?i HAVING (COUNT(*) > 1)");
        Assert.Equal(["?i=\"pen\" ?n=3"], rows);
    }

    [Fact]
    public void Order_by_is_stable_and_descending_works()
    {
        var rows = OrderedRows(Sales, "SELECT ?s ?i WHERE { ?s :item ?i } ORDER BY DESC(?i)");
        // Three "pen" rows keep their relative input order, whatever it is; "ink" is last.
        Assert.Equal("?s=:s2 ?i=\"ink\"", rows[3]);
        var again = OrderedRows(Sales, "SELECT ?s ?i WHERE { ?s :item ?i } ORDER BY DESC(?i)");
        Assert.Equal(rows, again);
        var ordered = OrderedRows(Sales, "SELECT ?s WHERE { ?s :amount ?a FILTER(isNumeric(?a)) } ORDER BY ?a ?s");
        Assert.Equal(["?s=:s2", "?s=:s3", "?s=:s1"], ordered);
    }

    [Fact]
    public void Distinct_limit_offset()
    {
        Assert.Equal(["?i=\"ink\"", "?i=\"pen\""], Rows(Sales, "SELECT DISTINCT ?i WHERE { ?s :item ?i }"));
        var page = OrderedRows(Sales, "SELECT ?s WHERE { ?s :shop ?x } ORDER BY ?s LIMIT 2 OFFSET 1");
        Assert.Equal(["?s=:s2", "?s=:s3"], page);
        Assert.Empty(Rows(Sales, "SELECT ?s WHERE { ?s :shop ?x } LIMIT 0"));
        Assert.Equal(2, Rows(Sales, "SELECT REDUCED ?i WHERE { ?s :item ?i } ORDER BY ?i").Distinct().Count());
    }

    [Fact]
    public void Select_expressions_and_grouping_by_expression()
    {
        var rows = Rows(Sales, "SELECT ?big (COUNT(*) AS ?n) WHERE { ?s :amount ?a FILTER(?s != :s4) } GROUP BY (?a > 6 AS ?big)");
        Assert.Equal(["?big=\"false\"^^<http://www.w3.org/2001/XMLSchema#boolean> ?n=1", "?big=\"true\"^^<http://www.w3.org/2001/XMLSchema#boolean> ?n=2"], rows);
    }

    [Fact]
    public void Order_by_with_limit_selects_the_same_rows_as_a_full_sort()
    {
        var sb = new System.Text.StringBuilder();
        var random = new Random(7);
        for (int i = 0; i < 300; i++) sb.Append($":s{i} :v {random.Next(40)} .\n");
        string data = sb.ToString();
        var all = OrderedRows(data, "SELECT ?s ?v WHERE { ?s :v ?v } ORDER BY DESC(?v)");
        var page = OrderedRows(data, "SELECT ?s ?v WHERE { ?s :v ?v } ORDER BY DESC(?v) LIMIT 25 OFFSET 10");
        Assert.Equal(all.Skip(10).Take(25), page);
        // Only the rows needed are held, so a small row cap is enough.
        var capped = Rows(data, "SELECT ?s WHERE { ?s :v ?v } ORDER BY ?v LIMIT 20", new Rdf.Sparql.Evaluation.QueryOptions { MaxIntermediateRows = 50 });
        Assert.Equal(20, capped.Count);
    }
}
