using DihNode.Rdf.Sparql.Evaluation;
using static DihNode.Rdf.Tests.Sparql.Evaluation.EvaluationFixture;

namespace DihNode.Rdf.Tests.Sparql.Evaluation;

public class BasicOperatorTests
{
    private const string People = """
        :alice :knows :bob ; :name "Alice" ; :age 30 .
        :bob :knows :carol ; :name "Bob" ; :age 25 .
        :carol :name "Carol" ; :age 35 .
        :dave :knows :alice .
        """;

    [Fact]
    public void Bgp_joins_patterns_on_shared_variables()
    {
        var rows = Rows(People, "SELECT ?a ?n WHERE { ?a :knows ?b . ?b :name ?n }");
        Assert.Equal(["?a=:alice ?n=\"Bob\"", "?a=:bob ?n=\"Carol\"", "?a=:dave ?n=\"Alice\""], rows);
    }

    [Fact]
    public void Bgp_with_unknown_constant_is_empty()
    {
        Assert.Empty(Rows(People, "SELECT * WHERE { ?a :unknown ?b }"));
        Assert.Empty(Rows(People, "SELECT * WHERE { ?a :knows \"nobody\" }"));
    }

    [Fact]
    public void Bgp_repeated_variable_in_one_pattern_must_match_itself()
    {
        var rows = Rows(People + ":eve :knows :eve .", "SELECT ?x WHERE { ?x :knows ?x }");
        Assert.Equal(["?x=:eve"], rows);
    }

    [Fact]
    public void Blank_nodes_in_patterns_act_as_variables_but_are_not_projected()
    {
        var rows = Rows(People, "SELECT * WHERE { ?a :knows _:x . _:x :age ?age }");
        Assert.Equal(["?a=:alice ?age=25", "?a=:bob ?age=35", "?a=:dave ?age=30"], rows);
    }

    [Fact]
    public void Empty_where_gives_one_empty_solution()
    {
        Assert.Equal([""], Rows(People, "SELECT * WHERE { }"));
    }

    [Fact]
    public void Filter_keeps_rows_whose_condition_is_true_and_drops_errors()
    {
        var rows = Rows(People, "SELECT ?a WHERE { ?a :age ?age FILTER(?age > 28) }");
        Assert.Equal(["?a=:alice", "?a=:carol"], rows);
        Assert.Empty(Rows(People, "SELECT ?a WHERE { ?a :age ?age FILTER(?nope > 1) }"));
    }

    [Fact]
    public void Union_concatenates_both_sides()
    {
        var rows = Rows(People, "SELECT ?x WHERE { { ?x :age 30 } UNION { ?x :age 25 } UNION { :alice :age ?x } }");
        Assert.Equal(["?x=30", "?x=:alice", "?x=:bob"], rows);
    }

    [Fact]
    public void Bind_adds_a_value_and_an_error_leaves_it_unbound()
    {
        var rows = Rows(People, "SELECT ?a ?older WHERE { ?a :age ?age BIND(?age + 1 AS ?older) BIND(?nothing + 1 AS ?err) }");
        Assert.Equal(["?a=:alice ?older=31", "?a=:bob ?older=26", "?a=:carol ?older=36"], rows);
    }

    [Fact]
    public void Values_joins_with_undef_cells()
    {
        var rows = Rows(People, "SELECT ?a ?n WHERE { ?a :name ?n VALUES (?a ?n) { (:alice UNDEF) (UNDEF \"Bob\") (:zed \"Zed\") } }");
        Assert.Equal(["?a=:alice ?n=\"Alice\"", "?a=:bob ?n=\"Bob\""], rows);
    }

    [Fact]
    public void Values_alone_returns_terms_not_in_the_store()
    {
        var rows = Rows(People, "SELECT ?x WHERE { VALUES ?x { :new 42 } }");
        Assert.Equal(["?x=42", "?x=:new"], rows);
    }

    [Fact]
    public void Minus_removes_compatible_rows_that_share_a_variable()
    {
        var rows = Rows(People, "SELECT ?a WHERE { ?a :name ?n MINUS { ?a :knows :bob } }");
        Assert.Equal(["?a=:bob", "?a=:carol"], rows);
        // No shared variable: nothing is removed (§8.3.1).
        Assert.Equal(3, Rows(People, "SELECT ?a WHERE { ?a :name ?n MINUS { ?x :knows ?y } }").Count);
    }

    [Fact]
    public void Join_with_subquery_uses_its_own_scope()
    {
        // ?n inside the sub-select is not projected, so it does not join with the outer ?n.
        var rows = Rows(People, "SELECT ?a ?n WHERE { ?a :knows ?b . { SELECT ?b WHERE { ?b :name ?n FILTER(?n = \"Bob\") } } ?a :name ?n }");
        Assert.Equal(["?a=:alice ?n=\"Alice\""], rows);
    }

    [Fact]
    public void Filter_in_a_nested_group_does_not_see_outer_variables()
    {
        // The inner FILTER reads ?age, which the inner group does not bind: it is an error there, so no rows.
        var rows = Rows(People, "SELECT ?a WHERE { ?a :age ?age { ?a :name ?n FILTER(?age > 0) } }");
        Assert.Empty(rows);
    }

    [Fact]
    public void Exists_and_not_exists_substitute_the_row()
    {
        var rows = Rows(People, "SELECT ?a WHERE { ?a :name ?n FILTER NOT EXISTS { ?a :knows ?b } }");
        Assert.Equal(["?a=:carol"], rows);
        rows = Rows(People, "SELECT ?a WHERE { ?a :name ?n FILTER EXISTS { ?x :knows ?a } }");
        Assert.Equal(["?a=:alice", "?a=:bob", "?a=:carol"], rows);
    }

    [Fact]
    public void Ask_answers_whether_there_is_a_solution()
    {
        Assert.True(((AskResult)Execute(People, "ASK { :alice :knows :bob }")).Value);
        Assert.False(((AskResult)Execute(People, "ASK { :bob :knows :alice }")).Value);
    }

    [Fact]
    public void Filter_equality_on_an_iri_gives_the_same_rows_as_without_pushing()
    {
        var rows = Rows(People, "SELECT ?a ?n WHERE { ?a :knows ?b . ?b :name ?n FILTER(?b = :bob) }");
        Assert.Equal(["?a=:alice ?n=\"Bob\""], rows);
        // The variable is only optionally bound: the filter applies to the joined rows as written.
        rows = Rows(People, "SELECT ?a WHERE { ?a :name ?n OPTIONAL { ?a :knows ?b } FILTER(?b = :bob) }");
        Assert.Equal(["?a=:alice"], rows);
        // A literal compares by value, so "25"^^xsd:integer = 25.0 matches; nothing is pushed for it.
        rows = Rows(People, "SELECT ?a WHERE { ?a :age ?x FILTER(?x = 25.0) }");
        Assert.Equal(["?a=:bob"], rows);
    }

    [Fact]
    public void Exists_inside_graph_reads_the_active_graph()
    {
        const string Data = ":g { :a :p 1 . :a :q 2 . :b :p 1 . } :a :q 3 .";
        var rows = Rows(Data, "SELECT ?s WHERE { GRAPH :g { ?s :p 1 FILTER EXISTS { ?s :q ?v } } }");
        Assert.Equal(["?s=:a"], rows);
        rows = Rows(Data, "SELECT ?s ?v WHERE { GRAPH :g { ?s :p 1 } OPTIONAL { ?s :q ?v } }");
        Assert.Equal(["?s=:a ?v=3", "?s=:b"], rows);
    }

    [Fact]
    public void Subquery_with_aggregate_joins_on_its_projection()
    {
        var rows = Rows(People, "SELECT ?a ?n WHERE { ?a :name ?name { SELECT ?a (COUNT(?b) AS ?n) WHERE { ?a :knows ?b } GROUP BY ?a } }");
        Assert.Equal(["?a=:alice ?n=1", "?a=:bob ?n=1"], rows);
    }
}
