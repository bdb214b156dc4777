using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation;
using static DihNode.Rdf.Tests.Sparql.Evaluation.EvaluationFixture;

namespace DihNode.Rdf.Tests.Sparql.Evaluation;

public class QueryFormTests
{
    private const string Data = """
        :a :name "A" ; :addr [ :city "X" ; :geo [ :lat 1 ] ] ; :knows :b .
        :b :name "B" ; :addr [ :city "Y" ] .
        :c :name "C" .
        """;

    [Fact]
    public void Construct_instantiates_the_template_per_solution_with_fresh_blank_nodes()
    {
        var result = (GraphResult)Execute(Data, "CONSTRUCT { ?p :card _:c . _:c :label ?n } WHERE { ?p :name ?n }");
        var triples = result.Triples.ToList();
        Assert.Equal(6, triples.Count);
        var cards = triples.Where(t => t.Predicate.Value.EndsWith("card", StringComparison.Ordinal)).Select(t => t.Object).ToList();
        Assert.Equal(3, cards.Distinct().Count());
        Assert.All(cards, c => Assert.True(c.IsBlankNode));
    }

    [Fact]
    public void Construct_fresh_blank_nodes_differ_from_the_data_blank_nodes()
    {
        var triples = ((GraphResult)Execute(Data, "CONSTRUCT { ?b :copy _:n } WHERE { ?p :addr ?b }")).Triples.ToList();
        Assert.Equal(2, triples.Count);
        var data = triples.Select(t => t.Subject).ToHashSet();
        Assert.All(triples, t => Assert.DoesNotContain(t.Object, data));
    }

    [Fact]
    public void Construct_skips_unbound_and_ill_formed_triples_and_removes_duplicates()
    {
        var triples = Triples(Data, "CONSTRUCT { ?n :of ?p . ?p :has ?missing . :all :member ?p . :fixed :x :y } WHERE { ?p :name ?n }");
        // ?n is a literal, so "?n :of ?p" is ill-formed; ?missing is unbound; :fixed :x :y appears once.
        Assert.Equal([":all :member :a", ":all :member :b", ":all :member :c", ":fixed :x :y"], triples);
    }

    [Fact]
    public void Construct_where_shorthand_copies_the_matches()
    {
        var triples = Triples(Data, "CONSTRUCT WHERE { ?p :knows ?q }");
        Assert.Equal([":a :knows :b"], triples);
    }

    [Fact]
    public void Describe_gives_outgoing_triples_through_blank_nodes()
    {
        var triples = Triples(Data, "DESCRIBE :a");
        // :a's three triples, its address node's two, the geo node's one.
        Assert.Equal(6, triples.Count);
        Assert.Contains(triples, t => t.EndsWith(":lat 1", StringComparison.Ordinal));
        Assert.DoesNotContain(triples, t => t.Contains("\"B\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Describe_a_variable_describes_each_binding()
    {
        var triples = Triples(Data, "DESCRIBE ?x WHERE { ?x :name ?n FILTER(?n != \"A\") }");
        Assert.Equal([":b :addr", ":b :name", ":c :name"], triples.Select(t => string.Join(" ", t.Split(' ').Take(2))).Where(t => t.StartsWith(':')).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void Select_result_lists_variables_in_projection_order()
    {
        var result = (SelectResult)Execute(Data, "SELECT ?n ?p WHERE { ?p :name ?n }");
        Assert.Equal(["n", "p"], result.Variables.Select(v => v.Name));
        Assert.All(result.Rows, row => Assert.IsType<Literal>(row[0]));
    }
}
