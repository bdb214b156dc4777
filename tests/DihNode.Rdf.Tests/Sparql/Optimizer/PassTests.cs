using DihNode.Rdf.Sparql.Optimizer;
using static DihNode.Rdf.Tests.Sparql.Optimizer.PassHarness;

namespace DihNode.Rdf.Tests.Sparql.Optimizer;

/// <summary>Each pass as algebra in, algebra out (SSE), with the cases it must leave alone.</summary>
public class PassTests
{
    private const string Int = "^^<http://www.w3.org/2001/XMLSchema#integer>";
    private const string P = "<http://example.org/p>", Q = "<http://example.org/q>", R = "<http://example.org/r>", A = "<http://example.org/a>";

    private static void Rewrites(IOptimizerPass pass, string where, string before, string after)
    {
        Assert.Equal(before, In(where));
        Assert.Equal(after, Run(pass, where));
    }

    private static void Keeps(IOptimizerPass pass, string where)
    {
        string before = In(where);
        Assert.Equal(before, Run(pass, where));
    }

    [Fact]
    public void Constant_folding_folds_arithmetic_in_filters()
        => Rewrites(new ConstantFolding(), "{ ?s :p ?o FILTER(?o > 1 + 2) }",
            $"(project (?s ?o) (filter (> ?o (+ \"1\"{Int} \"2\"{Int})) (bgp (triple ?s {P} ?o))))",
            $"(project (?s ?o) (filter (> ?o \"3\"{Int}) (bgp (triple ?s {P} ?o))))");

    [Fact]
    public void Constant_folding_folds_built_in_calls_in_bind()
        => Rewrites(new ConstantFolding(), "{ ?s :p ?o BIND(STRLEN(\"abc\") * 2 AS ?n) }",
            $"(project (?s ?o ?n) (extend ((?n (* (strlen \"abc\") \"2\"{Int}))) (bgp (triple ?s {P} ?o))))",
            $"(project (?s ?o ?n) (extend ((?n \"6\"{Int})) (bgp (triple ?s {P} ?o))))");

    [Fact]
    public void Constant_folding_drops_a_condition_that_is_always_true()
        => Assert.Equal($"(project (?s ?o) (bgp (triple ?s {P} ?o)))", Run(new ConstantFolding(), "{ ?s :p ?o FILTER(true && 1 < 2) }"));

    [Fact]
    public void Constant_folding_keeps_an_expression_that_raises_an_error()
        => Keeps(new ConstantFolding(), "{ ?s :p ?o FILTER(?o = 1/0) }");

    [Fact]
    public void Constant_folding_folds_around_an_error_but_keeps_it()
        => Assert.Equal(
            $"(project (?s ?o) (filter (|| (= ?o (/ \"1\"{Int} \"0\"{Int})) \"true\"^^<http://www.w3.org/2001/XMLSchema#boolean>) (bgp (triple ?s {P} ?o))))",
            Run(new ConstantFolding(), "{ ?s :p ?o FILTER(?o = 1/0 || 2 > 1) }"));

    [Fact]
    public void Constant_folding_never_folds_rand_now_uuid_struuid_or_bnode()
        => Keeps(new ConstantFolding(), "{ ?s :p ?o BIND(RAND() AS ?r) FILTER(RAND() < 2) BIND(STRUUID() AS ?u) BIND(UUID() AS ?v) BIND(NOW() AS ?t) BIND(BNODE() AS ?b) BIND(BNODE(\"x\") AS ?c) }");

    [Fact]
    public void Push_down_moves_a_filter_into_the_left_side_of_optional_when_it_binds_the_variable()
        => Rewrites(new FilterPushDown(), "{ ?s :p ?o . OPTIONAL { ?o :q ?x } FILTER(?o != :a) }",
            $"(project (?s ?o ?x) (filter (!= ?o {A}) (leftjoin (bgp (triple ?s {P} ?o)) (bgp (triple ?o {Q} ?x)))))",
            $"(project (?s ?o ?x) (leftjoin (filter (!= ?o {A}) (bgp (triple ?s {P} ?o))) (bgp (triple ?o {Q} ?x))))");

    [Fact]
    public void Push_down_never_moves_a_filter_into_the_right_side_of_optional()
        => Keeps(new FilterPushDown(), "{ ?s :p ?o . OPTIONAL { ?o :q ?x } FILTER(?x != :a) }");

    [Fact]
    public void Push_down_leaves_a_filter_on_a_variable_only_possibly_bound()
        => Keeps(new FilterPushDown(), "{ { ?s :p ?o } UNION { ?s :q ?x } ?s :r ?y FILTER(?o > 1) }");

    [Fact]
    public void Push_down_keeps_a_filter_on_a_variable_the_left_of_optional_only_possibly_binds()
    {
        const string where = "{ ?s :p ?o OPTIONAL { ?s :q ?x } OPTIONAL { ?s :r ?x } FILTER(BOUND(?x)) }";
        Keeps(new FilterPushDown(), where);
        // The second OPTIONAL binds ?x where the first did not: the row must survive.
        const string data = ":s :p 1 ; :r :z .";
        Assert.Equal(["?s=:s ?o=1 ?x=:z"], Evaluation.EvaluationFixture.Rows(data, "SELECT * WHERE " + where));
        Assert.Equal(["?s=:s ?o=1 ?x=:z"], Evaluation.EvaluationFixture.Rows(data, "SELECT * WHERE " + where, new() { Optimize = false }));
    }

    [Fact]
    public void Push_down_splits_conditions_between_join_sides()
        => Rewrites(new FilterPushDown(), "{ ?s :p ?o { ?o :q ?x } FILTER(?x > 1) FILTER(?s != ?x) }",
            $"(project (?s ?o ?x) (filter (exprlist (> ?x \"1\"{Int}) (!= ?s ?x)) (join (bgp (triple ?s {P} ?o)) (bgp (triple ?o {Q} ?x)))))",
            $"(project (?s ?o ?x) (filter (!= ?s ?x) (join (bgp (triple ?s {P} ?o)) (filter (> ?x \"1\"{Int}) (bgp (triple ?o {Q} ?x))))))");

    [Fact]
    public void Push_down_copies_a_filter_into_both_union_branches()
        => Assert.Equal(
            $"(project (?s ?o) (union (filter (> ?o \"1\"{Int}) (bgp (triple ?s {P} ?o))) (filter (> ?o \"1\"{Int}) (bgp (triple ?s {Q} ?o)))))",
            Run(new FilterPushDown(), "{ { ?s :p ?o } UNION { ?s :q ?o } FILTER(?o > 1) }"));

    [Fact]
    public void Push_down_moves_a_filter_into_the_left_side_of_minus()
        => Assert.Equal(
            $"(project (?s ?o) (minus (filter (> ?o \"1\"{Int}) (bgp (triple ?s {P} ?o))) (bgp (triple ?s {Q} ?o))))",
            Run(new FilterPushDown(), "{ ?s :p ?o MINUS { ?s :q ?o } FILTER(?o > 1) }"));

    [Fact]
    public void Push_down_stops_at_a_sub_select()
        => Keeps(new FilterPushDown(), "{ { SELECT ?s WHERE { ?s :p ?o } } FILTER(?s != :a) }");

    [Fact]
    public void Push_down_stops_at_a_group()
        => Keeps(new FilterPushDown(), "{ { SELECT ?s (COUNT(*) AS ?n) WHERE { ?s :p ?o } GROUP BY ?s } FILTER(?n > 1) }");

    [Fact]
    public void Push_down_keeps_a_filter_reading_a_bound_variable_above_its_bind()
        => Keeps(new FilterPushDown(), "{ ?s :p ?o BIND(?o AS ?x) FILTER(?x > 1) }");

    [Fact]
    public void Equality_with_an_iri_becomes_a_binding()
        => Rewrites(new FilterEqualityBinding(), "{ ?s :p ?c FILTER(?c = :a) }",
            $"(project (?s ?c) (filter (= ?c {A}) (bgp (triple ?s {P} ?c))))",
            $"(project (?s ?c) (extend ((?c {A})) (bgp (triple ?s {P} {A}))))");

    [Fact]
    public void Equality_with_an_iri_fixes_the_start_of_a_path()
        => Assert.Equal(
            $"(project (?s ?o) (extend ((?s {A})) (path {A} (path+ {P}) ?o)))",
            Run(new FilterEqualityBinding(), "{ ?s :p+ ?o FILTER(?s = :a) }"));

    [Fact]
    public void Equality_with_an_iri_names_the_graph()
        => Assert.Equal(
            $"(project (?g ?s ?o) (extend ((?g {A})) (graph {A} (bgp (triple ?s {P} ?o)))))",
            Run(new FilterEqualityBinding(), "{ GRAPH ?g { ?s :p ?o } FILTER(?g = :a) }"));

    [Fact]
    public void Equality_on_a_graph_variable_used_inside_the_graph_stays_a_filter()
        => Keeps(new FilterEqualityBinding(), "{ GRAPH ?g { ?g :p ?o } FILTER(?g = :a) }");

    [Fact]
    public void Equality_with_a_literal_stays_a_filter()
        => Keeps(new FilterEqualityBinding(), "{ ?s :p ?c FILTER(?c = 1) }");

    [Fact]
    public void Equality_on_a_variable_the_pattern_may_not_bind_stays_a_filter()
        => Keeps(new FilterEqualityBinding(), "{ ?s :p ?c OPTIONAL { ?c :q ?d } FILTER(?d = :a) }");

    [Fact]
    public void Bgp_ordering_starts_with_the_smallest_count_and_follows_shared_variables()
    {
        var store = Evaluation.EvaluationFixture.Load(":x :p 1 , 2 , 3 , 4 . :y :p 5 , 6 . :x :r :z . :x :q :w . :y :q :w .");
        Plan plan = Apply(new BgpOrdering(), "{ ?s :p ?o . ?s :q ?w . ?s :r ?z }", store);
        Assert.Equal($"(project (?s ?o ?w ?z) (bgp (triple ?s {R} ?z) (triple ?s {Q} ?w) (triple ?s {P} ?o)))", plan.ToString());
        Assert.True(plan.IsOrdered((DihNode.Rdf.Sparql.Syntax.Bgp)((DihNode.Rdf.Sparql.Syntax.Project)plan.Root).Input));
    }

    [Fact]
    public void Bgp_ordering_places_a_filter_after_the_pattern_binding_its_variables()
    {
        var store = Evaluation.EvaluationFixture.Load(":x :p 1 . :y :p 5 . :x :r :z . :y :r :z . :x :q :w . :y :q :w . :z :q :w .");
        Assert.Equal(
            $"(project (?s ?o ?w ?z) (filter (!= ?z ?w) (join (filter (> ?o \"1\"{Int}) (bgp (triple ?s {P} ?o))) (bgp (triple ?s {R} ?z) (triple ?s {Q} ?w)))))",
            Run(new BgpOrdering(), "{ ?s :p ?o . ?s :q ?w . ?s :r ?z FILTER(?o > 1) FILTER(?z != ?w) }", store));
    }

    [Fact]
    public void Join_strategy_hashes_a_cross_product_and_substitutes_shared_variables()
    {
        Assert.Equal("hash", Apply(new JoinStrategySelection(), "{ ?s :p ?o { ?a :q ?b } }").DescribeJoins());
        Assert.Equal("index", Apply(new JoinStrategySelection(), "{ ?s :p ?o { ?o :q ?b } }").DescribeJoins());
    }

    [Fact]
    public void The_passes_run_in_their_documented_order()
        => Assert.Equal(["constant-folding", "filter-push-down", "filter-equality-binding", "bgp-ordering", "join-strategy"],
            DihNode.Rdf.Sparql.Optimizer.Optimizer.PassNames);
}
