using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Tests.Sparql.Syntax;

/// <summary>Errors carry line, column and the expected tokens; static rules are enforced.</summary>
public class ErrorTests
{
    private static SparqlSyntaxException QueryError(string text) =>
        Assert.Throws<SparqlSyntaxException>(() => SparqlParser.ParseQuery(text));

    private static SparqlSyntaxException UpdateError(string text) =>
        Assert.Throws<SparqlSyntaxException>(() => SparqlParser.ParseUpdate(text));

    [Fact]
    public void UnexpectedKeywordNamesPositionAndAlternatives()
    {
        var e = QueryError("PREFIX : <http://e/>\nSELECT *\nWHERE { ?s ?p ?o . SELECT }");
        Assert.Equal(3, e.Line);
        Assert.Equal(20, e.Column);
        Assert.StartsWith("line 3, column 20: expected one of ", e.Message);
        Assert.Contains("'}'", e.Message);
        Assert.Contains("FILTER", e.Message);
        Assert.EndsWith("found 'SELECT'", e.Message);
    }

    [Fact]
    public void MissingClosingBrace()
    {
        var e = QueryError("SELECT * { ?s ?p ?o ");
        Assert.Equal((1, 21), (e.Line, e.Column));
        Assert.Contains("found end of input", e.Message);
    }

    [Fact]
    public void UndeclaredPrefix()
    {
        var e = QueryError("SELECT * {\n  ?s foo:bar ?o }");
        Assert.Equal((2, 6), (e.Line, e.Column));
        Assert.Contains("undeclared prefix 'foo:'", e.Message);
    }

    [Fact]
    public void ColumnsCountEscapesAsWritten()
    {
        // "\u0041" is six characters in the text but one after §19.2 processing.
        var e = QueryError("SELECT * { ?s ?p \"\\u0041\" ?x }");
        Assert.Equal((1, 27), (e.Line, e.Column));
    }

    [Fact]
    public void UnterminatedString() => Assert.Equal(1, QueryError("SELECT * { ?s ?p \"abc }").Line);

    [Fact]
    public void TwoTriplesWithoutDot() => Assert.Contains("'.'", QueryError("SELECT * { ?s ?p ?o ?a ?b ?c }").Message);

    [Theory]
    [InlineData("SELECT ?x { ?x ?p ?o BIND(1 AS ?o) }", "already in scope")]
    [InlineData("SELECT ?x { ?x ?p ?o OPTIONAL { ?o ?q ?r } BIND(1 AS ?r) }", "already in scope")]
    [InlineData("SELECT (1 AS ?x) { ?x ?p ?o }", "already in scope")]
    [InlineData("SELECT (1 AS ?y) (2 AS ?y) { }", "already projected")]
    [InlineData("SELECT ?o { ?s ?p ?o } GROUP BY ?s", "neither grouped nor aggregated")]
    [InlineData("SELECT (?o + COUNT(*) AS ?c) { ?s ?p ?o }", "not a GROUP BY variable")]
    [InlineData("SELECT * { ?s ?p ?o } GROUP BY ?s", "SELECT *")]
    [InlineData("SELECT ?s { ?s ?p ?o FILTER(COUNT(?o) > 1) }", "aggregate COUNT is not allowed")]
    [InlineData("SELECT ?s { ?s ?p ?o BIND(SUM(?o) AS ?t) }", "aggregate SUM is not allowed")]
    [InlineData("SELECT (COUNT(SUM(?o)) AS ?c) { ?s ?p ?o }", "aggregate SUM is not allowed")]
    [InlineData("SELECT ?s { ?s ?p ?o } GROUP BY (MAX(?o))", "aggregate MAX is not allowed")]
    [InlineData("SELECT * { _:a ?p ?o OPTIONAL { _:a ?q ?r } }", "already used in another basic graph pattern")]
    [InlineData("SELECT * { _:a ?p ?o . { _:a ?q ?r } }", "already used in another basic graph pattern")]
    [InlineData("SELECT * { } VALUES (?a ?b) { (1) }", "1 values for 2 variables")]
    [InlineData("SELECT * { FILTER(STR(?a, ?b)) }", "STR takes 1 arguments, not 2")]
    [InlineData("SELECT * { ?s ?p \"x\"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString> }", "language tag")]
    public void StaticRules(string query, string problem) => Assert.Contains(problem, QueryError(query).Problem);

    [Fact]
    public void BlankNodeLabelMayCrossAFilter()
    {
        Query q = SparqlParser.ParseQuery("SELECT * { _:a ?p ?o FILTER(true) _:a ?q ?r }");
        Assert.Equal("(project (?p ?o ?q ?r) (filter \"true\"^^<http://www.w3.org/2001/XMLSchema#boolean> (bgp (triple _:a ?p ?o) (triple _:a ?q ?r))))",
            q.ToAlgebra().ToString());
    }

    [Fact]
    public void SelectExpressionMayUseEarlierAliasInGroupedQuery()
    {
        Query q = SparqlParser.ParseQuery("SELECT ?s (COUNT(?o) AS ?n) (?n * 2 AS ?m) { ?s ?p ?o } GROUP BY ?s");
        Assert.Equal(3, q.Projection.Count);
    }

    [Theory]
    [InlineData("INSERT DATA { ?s <http://e/p> 1 }", "INSERT DATA cannot contain variables")]
    [InlineData("DELETE DATA { _:b <http://e/p> 1 }", "DELETE DATA cannot contain blank nodes")]
    [InlineData("DELETE WHERE { [] <http://e/p> ?o }", "DELETE WHERE cannot contain blank nodes")]
    [InlineData("DELETE { _:b <http://e/p> ?o } WHERE { ?s ?p ?o }", "DELETE template cannot contain blank nodes")]
    [InlineData("INSERT DATA { _:b <http://e/p> 1 } ; INSERT DATA { _:b <http://e/p> 2 }", "already used")]
    [InlineData("INSERT DATA { GRAPH <http://e/g> { GRAPH <http://e/h> { } } }", "expected")]
    public void UpdateRules(string update, string problem) => Assert.Contains(problem, UpdateError(update).Problem);

    [Fact]
    public void NestingDepthIsBoundedWithoutStackOverflow()
    {
        string deepExpr = "SELECT * { FILTER(" + new string('(', 100_000) + "1" + new string(')', 100_000) + ") }";
        Assert.Contains("nesting deeper than 128", QueryError(deepExpr).Message);
        string deepGroups = "SELECT * " + string.Concat(Enumerable.Repeat("{ ", 200)) + string.Concat(Enumerable.Repeat("} ", 200));
        Assert.Contains("nesting", QueryError(deepGroups).Message);
        string deepList = "SELECT * { ?s ?p " + new string('(', 5000) + "1" + new string(')', 5000) + " }";
        Assert.Contains("nesting", QueryError(deepList).Message);
        // Within the limit it parses.
        SparqlParser.ParseQuery("SELECT * " + string.Concat(Enumerable.Repeat("{ ", 100)) + string.Concat(Enumerable.Repeat("} ", 100)));
        Assert.Contains("nesting deeper than 10", Assert.Throws<SparqlSyntaxException>(() =>
            SparqlParser.ParseQuery("SELECT * { FILTER(((((((((((((1))))))))))))) }", null, 10)).Message);
    }
}
