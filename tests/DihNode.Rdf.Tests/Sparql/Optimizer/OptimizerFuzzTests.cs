using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Rdf.Tests.Sparql.Evaluation;
using static DihNode.Rdf.Tests.Sparql.Evaluation.EvaluationFixture;

namespace DihNode.Rdf.Tests.Sparql.Optimizer;

/// <summary>
/// Random queries (the evaluator's fuzz generator) over random data, run with the optimiser on and
/// off (or with one pass off): the multisets of rows must agree.
/// </summary>
public class OptimizerFuzzTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("constant-folding")]
    [InlineData("filter-push-down")]
    [InlineData("filter-equality-binding")]
    [InlineData("bgp-ordering")]
    [InlineData("join-strategy")]
    public void The_optimiser_does_not_change_results_of_random_queries(string? disabledPass)
    {
        var random = new Random(20261126);
        var off = disabledPass is null ? new QueryOptions { Optimize = false } : new QueryOptions { DisabledOptimizerPasses = [disabledPass] };
        int compared = 0;
        for (int trial = 0; trial < 1000; trial++)
        {
            var dataset = Load(JoinStrategyFuzzTests.Data(random));
            string where = new JoinStrategyFuzzTests.Generator(random).Group(3);
            // Some constant expressions for the folding pass, an error among them.
            if (trial % 3 == 0) where = where[..^1] + $" FILTER(?a != :n{random.Next(4)} || 1 + 1 = {1 + random.Next(2)}) BIND(2 * 3 AS ?k) BIND(1/0 AS ?z) }}";
            // Equality filters over a graph name and over a path, for the binding pass.
            else if (trial % 3 == 1) where = where[..^1] + $" {{ GRAPH ?h {{ ?a :p ?b }} FILTER(?h = :g{random.Next(2)}) }} {{ ?c :q* ?d FILTER(?c = :n{random.Next(4)}) }} }}";
            string text = QueryPrefixes + "SELECT * WHERE " + where;
            Query query;
            try { query = SparqlParser.ParseQuery(text); }
            catch (SparqlSyntaxException) { continue; }
            var optimised = Format((SelectResult)QueryEvaluator.Execute(query, dataset)).Order(StringComparer.Ordinal).ToList();
            var plain = Format((SelectResult)QueryEvaluator.Execute(query, dataset, off)).Order(StringComparer.Ordinal).ToList();
            Assert.True(optimised.SequenceEqual(plain), $"{text}\noptimised: {string.Join(" | ", optimised)}\nplain: {string.Join(" | ", plain)}");
            compared++;
        }
        Assert.True(compared > 700, $"only {compared} queries parsed");
    }
}
