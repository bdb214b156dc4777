using static DihNode.Rdf.Tests.Sparql.Evaluation.EvaluationFixture;

namespace DihNode.Rdf.Tests.Sparql.Evaluation;

public class PathTests
{
    // a -> b -> c -> a (a cycle), c -> d, and e alone with a label.
    private const string Cycle = """
        :a :next :b . :b :next :c . :c :next :a . :c :next :d .
        :a :label "A" . :e :label "E" .
        """;

    [Fact]
    public void Zero_or_more_from_a_node_follows_the_cycle_once()
    {
        var rows = Rows(Cycle, "SELECT ?x WHERE { :a :next* ?x }");
        Assert.Equal(["?x=:a", "?x=:b", "?x=:c", "?x=:d"], rows);
    }

    [Fact]
    public void One_or_more_reaches_the_start_only_through_the_cycle()
    {
        Assert.Equal(["?x=:a", "?x=:b", "?x=:c", "?x=:d"], Rows(Cycle, "SELECT ?x WHERE { :a :next+ ?x }"));
        Assert.Equal(["?x=:a", "?x=:b", "?x=:c"], Rows(Cycle, "SELECT ?x WHERE { ?x :next+ :a }"));
        Assert.Empty(Rows(Cycle, "SELECT ?x WHERE { :d :next+ ?x }"));
    }

    [Fact]
    public void Zero_or_more_with_both_ends_open_includes_every_node_of_the_graph()
    {
        var rows = Rows(Cycle, "SELECT ?x ?y WHERE { ?x :next* ?y }");
        // 4 nodes in the cycle component reach 4 (a,b,c) or 1 (d); plus "A", :e and "E" reach themselves.
        Assert.Equal(3 * 4 + 1 + 3, rows.Count);
        Assert.Contains("?x=\"E\" ?y=\"E\"", rows);
        Assert.Equal(rows.Count, rows.Distinct().Count());
    }

    [Fact]
    public void Zero_length_path_matches_constants_and_nodes_of_the_graph()
    {
        // A constant matches itself; a value joined in from VALUES is not a node of the graph (W3C "values_and_path").
        Assert.Equal(["?x=:zzz"], Rows(Cycle, "SELECT ?x WHERE { :zzz :next* ?x }"));
        Assert.Empty(Rows(Cycle, "SELECT ?x WHERE { VALUES ?x { 1 } ?x :next? ?x }"));
        Assert.Equal(["?x=:e"], Rows(Cycle, "SELECT ?x WHERE { :e :next* ?x }"));
        Assert.Equal([""], Rows(Cycle, "SELECT * WHERE { :a :next* :a }"));
    }

    [Fact]
    public void Zero_or_one_gives_each_pair_once()
    {
        Assert.Equal(["?x=:a", "?x=:b"], Rows(Cycle, "SELECT ?x WHERE { :a :next? ?x }"));
        Assert.Equal(["?x=:a", "?x=:c"], Rows(Cycle, "SELECT ?x WHERE { ?x :next? :a }"));
    }

    [Fact]
    public void Same_variable_at_both_ends_finds_cycles()
    {
        Assert.Equal(["?x=:a", "?x=:b", "?x=:c"], Rows(Cycle, "SELECT ?x WHERE { ?x :next+ ?x }"));
    }

    [Fact]
    public void Sequence_alternative_and_inverse()
    {
        Assert.Equal(["?x=:c"], Rows(Cycle, "SELECT ?x WHERE { :a :next/:next ?x }"));
        Assert.Equal(["?x=\"A\"", "?x=:b"], Rows(Cycle, "SELECT ?x WHERE { :a :next|:label ?x }"));
        Assert.Equal(["?x=:c"], Rows(Cycle, "SELECT ?x WHERE { :a ^:next ?x }"));
        // A sequence inside a closure: two steps at a time around the 3-cycle reaches every node.
        Assert.Equal(["?x=:a", "?x=:b", "?x=:c", "?x=:d"], Rows(Cycle, "SELECT ?x WHERE { :a (:next/:next)* ?x }"));
    }

    [Fact]
    public void Sequences_keep_duplicates()
    {
        // Two routes a -> x -> z give two solutions (bag semantics of / in the algebra).
        const string Diamond = ":a :p :x1 . :a :p :x2 . :x1 :q :z . :x2 :q :z .";
        Assert.Equal(["?z=:z", "?z=:z"], Rows(Diamond, "SELECT ?z WHERE { :a :p/:q ?z }"));
        Assert.Equal(4, Rows(Diamond, "SELECT ?z WHERE { :a (:p/:q)|(:p/:q) ?z }").Count);
        // Inside ? the pairs are a set again.
        Assert.Equal(["?z=:a", "?z=:z"], Rows(Diamond, "SELECT ?z WHERE { :a (:p/:q)? ?z }"));
    }

    [Fact]
    public void Negated_property_sets_forward_and_inverse()
    {
        Assert.Equal(["?x=\"A\""], Rows(Cycle, "SELECT ?x WHERE { :a !:next ?x }"));
        Assert.Equal(["?x=:c"], Rows(Cycle, "SELECT ?x WHERE { :a !^:label ?x }"));
        Assert.Equal(["?x=\"A\"", "?x=:c"], Rows(Cycle, "SELECT ?x WHERE { :a !(:next|^:label) ?x }"));
    }
}
