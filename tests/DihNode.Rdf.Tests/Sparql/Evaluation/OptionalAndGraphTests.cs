using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Syntax;
using static DihNode.Rdf.Tests.Sparql.Evaluation.EvaluationFixture;

namespace DihNode.Rdf.Tests.Sparql.Evaluation;

public class OptionalAndGraphTests
{
    private const string Data = """
        :a :name "A" ; :mail "a@x" ; :age 10 .
        :b :name "B" ; :age 20 .
        :c :name "C" ; :mail "c@x" ; :age 30 .
        :g1 { :a :in :g1 . :b :in :g1 . }
        :g2 { :c :in :g2 . :a :tag "two" . }
        """;

    [Fact]
    public void Optional_keeps_left_rows_without_a_match()
    {
        var rows = Rows(Data, "SELECT ?s ?m WHERE { ?s :name ?n OPTIONAL { ?s :mail ?m } }");
        Assert.Equal(["?s=:a ?m=\"a@x\"", "?s=:b", "?s=:c ?m=\"c@x\""], rows);
    }

    [Fact]
    public void Optional_filter_sees_both_sides()
    {
        // The filter reads ?age from the left and ?m from the right; a failing filter keeps the left row alone.
        var rows = Rows(Data, "SELECT ?s ?m WHERE { ?s :age ?age OPTIONAL { ?s :mail ?m FILTER(?age > 15) } }");
        Assert.Equal(["?s=:a", "?s=:b", "?s=:c ?m=\"c@x\""], rows);
    }

    [Fact]
    public void Optional_with_a_complex_right_side_is_joined_by_hash()
    {
        var rows = Rows(Data, "SELECT ?s ?x WHERE { ?s :name ?n OPTIONAL { { SELECT ?s (1 AS ?x) WHERE { ?s :mail ?m } } } }");
        Assert.Equal(["?s=:a ?x=1", "?s=:b", "?s=:c ?x=1"], rows);
    }

    [Fact]
    public void Nested_optionals_bind_what_they_can()
    {
        var rows = Rows(Data, "SELECT ?s ?m ?t WHERE { ?s :name ?n OPTIONAL { ?s :mail ?m OPTIONAL { GRAPH ?g { ?s :tag ?t } } } }");
        Assert.Equal(["?s=:a ?m=\"a@x\" ?t=\"two\"", "?s=:b", "?s=:c ?m=\"c@x\""], rows);
    }

    [Fact]
    public void Graph_variable_iterates_named_graphs_only()
    {
        var rows = Rows(Data, "SELECT ?g ?s WHERE { GRAPH ?g { ?s :in ?x } }");
        Assert.Equal(["?g=:g1 ?s=:a", "?g=:g1 ?s=:b", "?g=:g2 ?s=:c"], rows);
        Assert.Empty(Rows(Data, "SELECT * WHERE { GRAPH ?g { ?s :name ?n } }"));
    }

    [Fact]
    public void Graph_pattern_does_not_see_its_own_graph_variable()
    {
        // §18.5: the inner pattern is evaluated alone, then joined with ?g (W3C graph-variable-scope).
        Assert.Empty(Rows(Data, "SELECT * WHERE { GRAPH ?g { FILTER(BOUND(?g)) } }"));
        // An OPTIONAL inside may bind ?g itself, and must agree with the graph name.
        Assert.Empty(Rows(Data, "SELECT ?s WHERE { GRAPH ?g { ?s :in ?x OPTIONAL { ?s :in ?g } FILTER(?x = :nothing) } }"));
        Assert.Equal(3, Rows(Data, "SELECT ?s WHERE { GRAPH ?g { ?s :in ?x OPTIONAL { ?s :in ?g } } }").Count);
    }

    [Fact]
    public void Graph_variable_over_a_bgp_keeps_each_solution_in_one_graph()
    {
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < 50; i++) sb.Append($":h{i} {{ :s :p :x{i} . :s :q :y{i} . }}\n");
        sb.Append(":lonely { :s :p :z . } :other { :s :q :w . }");
        var rows = Rows(sb.ToString(), "SELECT ?g ?x ?y WHERE { GRAPH ?g { :s :p ?x . :s :q ?y } }");
        Assert.Equal(50, rows.Count);
        Assert.All(rows, r => Assert.Matches(@"^\?g=:h(\d+) \?x=:x\1 \?y=:y\1$", r));
        rows = Rows(sb.ToString(), "SELECT ?g ?x WHERE { GRAPH ?g { :s :p ?x } }");
        Assert.Equal(51, rows.Count);
        rows = Rows(sb.ToString(), "SELECT ?g ?x FROM NAMED :h7 FROM NAMED :lonely WHERE { GRAPH ?g { :s :p ?x } }");
        Assert.Equal(["?g=:h7 ?x=:x7", "?g=:lonely ?x=:z"], rows);
    }

    [Fact]
    public void Graph_with_an_iri_reads_that_graph()
    {
        Assert.Equal(["?s=:c"], Rows(Data, "SELECT ?s WHERE { GRAPH :g2 { ?s :in ?x } }"));
        Assert.Empty(Rows(Data, "SELECT ?s WHERE { GRAPH :nowhere { ?s ?p ?o } }"));
    }

    [Fact]
    public void Graph_variable_already_bound_joins()
    {
        var rows = Rows(Data, "SELECT ?s WHERE { :a :in ?g . GRAPH ?g { ?s :in ?g } }");
        Assert.Empty(rows);
        rows = Rows(Data, "SELECT ?s ?g WHERE { GRAPH ?g { :a :in ?g } GRAPH ?g { ?s :in ?x } }");
        Assert.Equal(["?s=:a ?g=:g1", "?s=:b ?g=:g1"], rows);
    }

    [Fact]
    public void From_merges_graphs_into_the_default_graph_and_from_named_restricts()
    {
        var rows = Rows(Data, "SELECT ?s FROM :g1 FROM :g2 WHERE { ?s :in ?g }");
        Assert.Equal(["?s=:a", "?s=:b", "?s=:c"], rows);
        // With FROM only there are no named graphs.
        Assert.Empty(Rows(Data, "SELECT ?s FROM :g1 WHERE { GRAPH ?g { ?s ?p ?o } }"));
        rows = Rows(Data, "SELECT DISTINCT ?g FROM NAMED :g2 WHERE { GRAPH ?g { ?s ?p ?o } }");
        Assert.Equal(["?g=:g2"], rows);
        // With FROM NAMED only the default graph is empty.
        Assert.Empty(Rows(Data, "SELECT ?s FROM NAMED :g2 WHERE { ?s :name ?n }"));
    }

    [Fact]
    public void Protocol_dataset_overrides_the_query_dataset()
    {
        var options = new QueryOptions
        {
            DefaultGraphs = [Iri.FromTrusted("http://example.org/g2")],
            NamedGraphs = [Iri.FromTrusted("http://example.org/g1")],
        };
        Assert.Equal(["?s=:a", "?s=:c"], Rows(Data, "SELECT ?s FROM :g1 WHERE { ?s ?p ?o }", options));
        Assert.Equal(["?g=:g1"], Rows(Data, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", options));
    }

    private sealed class FixedService : IServiceHandler
    {
        public SelectResult Evaluate(Iri endpoint, Op pattern, CancellationToken cancellationToken) =>
            new([new Variable("s"), new Variable("remote")], [[Iri.FromTrusted("http://example.org/a"), Literal.Simple("r")]]);
    }

    private sealed class FailingService : IServiceHandler
    {
        public SelectResult Evaluate(Iri endpoint, Op pattern, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("down");
    }

    [Fact]
    public void Service_joins_the_handler_rows()
    {
        var rows = Rows(Data, "SELECT ?s ?remote WHERE { ?s :name ?n SERVICE <http://remote/> { ?s :p ?remote } }",
            new QueryOptions { ServiceHandler = new FixedService() });
        Assert.Equal(["?s=:a ?remote=\"r\""], rows);
    }

    /// <summary>Answers each endpoint from its own store through <see cref="QueryEvaluator.Evaluate"/>.</summary>
    private sealed class LoopbackService(Dictionary<string, string> data) : IServiceHandler
    {
        public List<string> Calls { get; } = [];

        public SelectResult Evaluate(Iri endpoint, Op pattern, CancellationToken cancellationToken)
        {
            Calls.Add(endpoint.Value);
            return QueryEvaluator.Evaluate(pattern, Load(data[endpoint.Value]));
        }
    }

    [Fact]
    public void Service_with_a_variable_endpoint_is_called_per_binding()
    {
        var service = new LoopbackService(new()
        {
            ["http://example.org/e1"] = ":x :title \"one\" .",
            ["http://example.org/e2"] = ":y :title \"two\" . _:b :title \"three\" .",
        });
        var rows = Rows(":a :endpoint :e1 . :b :endpoint :e2 .",
            "SELECT ?s ?t WHERE { ?s :endpoint ?e SERVICE ?e { ?item :title ?t } }", new QueryOptions { ServiceHandler = service });
        Assert.Equal(["?s=:a ?t=\"one\"", "?s=:b ?t=\"three\"", "?s=:b ?t=\"two\""], rows);
        Assert.Equal(["http://example.org/e1", "http://example.org/e2"], service.Calls.Order());
    }

    [Fact]
    public void Evaluate_a_pattern_lists_its_user_variables()
    {
        Op pattern = SparqlParser.ParseQuery(QueryPrefixes + "SELECT * WHERE { ?s :name ?n ; :age _:b ; :in/:in* ?g OPTIONAL { ?s :mail ?m } }").ToAlgebra();
        pattern = ((Project)pattern).Input;
        var result = QueryEvaluator.Evaluate(pattern, Load(Data));
        // No blank-node or path-step variables.
        Assert.Equal(["g", "m", "n", "s"], result.Variables.Select(v => v.Name).Order());
        Assert.Empty(result.Rows);
        result = QueryEvaluator.Evaluate(((Project)SparqlParser.ParseQuery(QueryPrefixes + "SELECT * WHERE { ?s :age _:b }").ToAlgebra()).Input, Load(Data));
        Assert.Equal(3, result.Rows.Count());
    }

    [Fact]
    public void Service_failure_is_an_error_unless_silent()
    {
        const string Query = "SELECT ?s WHERE { ?s :name ?n SERVICE <http://remote/> { ?s :p ?o } }";
        var error = Assert.Throws<QueryEvaluationException>(() => Rows(Data, Query));
        Assert.Contains("handler", error.Message);
        Assert.Throws<QueryEvaluationException>(() => Rows(Data, Query, new QueryOptions { ServiceHandler = new FailingService() }));
        var rows = Rows(Data, "SELECT ?s WHERE { ?s :name ?n SERVICE SILENT <http://remote/> { ?s :p ?o } }",
            new QueryOptions { ServiceHandler = new FailingService() });
        Assert.Equal(3, rows.Count);
    }
}
