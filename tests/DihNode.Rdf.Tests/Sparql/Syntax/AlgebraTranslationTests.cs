using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Tests.Sparql.Syntax;

/// <summary>The algebra (§18.2) of representative queries, compared in SSE form.</summary>
public class AlgebraTranslationTests
{
    private const string P = "PREFIX : <http://e/> ";

    private static string Algebra(string query) => SparqlParser.ParseQuery(P + query).ToAlgebra().ToString();

    [Theory]
    [InlineData("SELECT * { ?s ?p ?o }",
        "(project (?s ?p ?o) (bgp (triple ?s ?p ?o)))")]
    [InlineData("SELECT ?s { ?s :p ?o FILTER(?o > 1) ?s :q ?x }",
        "(project (?s) (filter (> ?o \"1\"^^<http://www.w3.org/2001/XMLSchema#integer>) (bgp (triple ?s <http://e/p> ?o) (triple ?s <http://e/q> ?x))))")]
    [InlineData("SELECT ?s { ?s :p ?o OPTIONAL { ?s :q ?x FILTER(?x = ?o) } }",
        "(project (?s) (leftjoin (bgp (triple ?s <http://e/p> ?o)) (bgp (triple ?s <http://e/q> ?x)) (= ?x ?o)))")]
    [InlineData("SELECT ?s { ?s :p ?o OPTIONAL { { ?s :q ?x FILTER(?x = ?o) } } }",
        "(project (?s) (leftjoin (bgp (triple ?s <http://e/p> ?o)) (filter (= ?x ?o) (bgp (triple ?s <http://e/q> ?x)))))")]
    [InlineData("SELECT ?s { ?s :p ?o OPTIONAL { ?s :q ?x } }",
        "(project (?s) (leftjoin (bgp (triple ?s <http://e/p> ?o)) (bgp (triple ?s <http://e/q> ?x))))")]
    [InlineData("SELECT ?s { { ?s :p ?o } UNION { ?s :q ?o } UNION { ?s :r ?o } }",
        "(project (?s) (union (union (bgp (triple ?s <http://e/p> ?o)) (bgp (triple ?s <http://e/q> ?o))) (bgp (triple ?s <http://e/r> ?o))))")]
    [InlineData("SELECT ?s { ?s :p ?o MINUS { ?s :q 1 } }",
        "(project (?s) (minus (bgp (triple ?s <http://e/p> ?o)) (bgp (triple ?s <http://e/q> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer>))))")]
    [InlineData("SELECT * { GRAPH ?g { ?s ?p ?o } }",
        "(project (?g ?s ?p ?o) (graph ?g (bgp (triple ?s ?p ?o))))")]
    [InlineData("SELECT * { ?s :p ?o SERVICE SILENT <http://remote/sparql> { ?o :q ?x } }",
        "(project (?s ?o ?x) (join (bgp (triple ?s <http://e/p> ?o)) (service silent <http://remote/sparql> (bgp (triple ?o <http://e/q> ?x)))))")]
    [InlineData("SELECT ?z { ?s :p ?o BIND(?o + 1 AS ?z) ?z :q ?w }",
        "(project (?z) (join (extend ((?z (+ ?o \"1\"^^<http://www.w3.org/2001/XMLSchema#integer>))) (bgp (triple ?s <http://e/p> ?o))) (bgp (triple ?z <http://e/q> ?w))))")]
    [InlineData("SELECT * { VALUES ?x { :a UNDEF } ?x :p ?y }",
        "(project (?x ?y) (join (table (vars ?x) (row [?x <http://e/a>]) (row)) (bgp (triple ?x <http://e/p> ?y))))")]
    [InlineData("SELECT * { ?x :p ?y } VALUES (?x ?y) { (:a 1) }",
        "(project (?x ?y) (join (bgp (triple ?x <http://e/p> ?y)) (table (vars ?x ?y) (row [?x <http://e/a>] [?y \"1\"^^<http://www.w3.org/2001/XMLSchema#integer>]))))")]
    [InlineData("SELECT DISTINCT ?s { ?s ?p ?o } ORDER BY DESC(?o) ?s LIMIT 10 OFFSET 5",
        "(slice 5 10 (distinct (project (?s) (order ((desc ?o) ?s) (bgp (triple ?s ?p ?o))))))")]
    [InlineData("SELECT REDUCED ?s { ?s ?p ?o } OFFSET 3",
        "(slice 3 _ (reduced (project (?s) (bgp (triple ?s ?p ?o)))))")]
    public void GraphPatterns(string query, string expected) => Assert.Equal(expected, Algebra(query));

    [Theory]
    [InlineData("SELECT * { ?s :p/:q ?o }",
        "(project (?s ?o) (bgp (triple ?s <http://e/p> ??P0) (triple ??P0 <http://e/q> ?o)))")]
    [InlineData("SELECT * { ?s ^:p ?o }",
        "(project (?s ?o) (bgp (triple ?o <http://e/p> ?s)))")]
    [InlineData("SELECT * { ?s :p* ?o }",
        "(project (?s ?o) (path ?s (path* <http://e/p>) ?o))")]
    [InlineData("SELECT * { ?s (:p|^:q)+ ?o }",
        "(project (?s ?o) (path ?s (path+ (alt <http://e/p> (reverse <http://e/q>))) ?o))")]
    [InlineData("SELECT * { ?s !(:p|^:q|a) ?o }",
        "(project (?s ?o) (path ?s (alt (notoneof <http://e/p> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>) (reverse (notoneof <http://e/q>))) ?o))")]
    [InlineData("SELECT * { ?s !^:q ?o }",
        "(project (?s ?o) (path ?o (notoneof <http://e/q>) ?s))")]
    [InlineData("SELECT * { ?s !() ?o }",
        "(project (?s ?o) (path ?s (notoneof) ?o))")]
    [InlineData("SELECT * { ?s ^(:p/:q) ?o }",
        "(project (?s ?o) (bgp (triple ?o <http://e/p> ??P0) (triple ??P0 <http://e/q> ?s)))")]
    [InlineData("SELECT * { ?s :a/:b? ?o . ?o :c ?z }",
        "(project (?s ?o ?z) (join (join (bgp (triple ?s <http://e/a> ??P0)) (path ??P0 (path? <http://e/b>) ?o)) (bgp (triple ?o <http://e/c> ?z))))")]
    public void PropertyPaths(string query, string expected) => Assert.Equal(expected, Algebra(query));

    [Theory]
    [InlineData("SELECT ?s (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY ?s",
        "(project (?s ?n) (extend ((?n ?.0)) (group (?s) ((?.0 (count))) (bgp (triple ?s ?p ?o)))))")]
    [InlineData("SELECT (SUM(?o) AS ?t) { ?s :p ?o } HAVING (SUM(?o) > 10)",
        "(project (?t) (extend ((?t ?.0)) (filter (> ?.0 \"10\"^^<http://www.w3.org/2001/XMLSchema#integer>) (group () ((?.0 (sum ?o))) (bgp (triple ?s <http://e/p> ?o))))))")]
    [InlineData("SELECT ?k (GROUP_CONCAT(DISTINCT ?o; SEPARATOR=\", \") AS ?all) { ?s :p ?o } GROUP BY (STR(?s) AS ?k)",
        "(project (?k ?all) (extend ((?all ?.0)) (group ((?k (str ?s))) ((?.0 (group_concat distinct (separator \", \") ?o))) (bgp (triple ?s <http://e/p> ?o)))))")]
    [InlineData("SELECT (AVG(?o) + MIN(?o) AS ?x) (COUNT(DISTINCT ?s) AS ?c) { ?s :p ?o }",
        "(project (?x ?c) (extend ((?c ?.2)) (extend ((?x (+ ?.0 ?.1))) (group () ((?.0 (avg ?o)) (?.1 (min ?o)) (?.2 (count distinct ?s))) (bgp (triple ?s <http://e/p> ?o))))))")]
    [InlineData("SELECT (SUM(?o + 1) AS ?t) { ?s :p ?o } HAVING (SUM(?o + 1) > 0)",
        "(project (?t) (extend ((?t ?.0)) (filter (> ?.0 \"0\"^^<http://www.w3.org/2001/XMLSchema#integer>) (group () ((?.0 (sum (+ ?o \"1\"^^<http://www.w3.org/2001/XMLSchema#integer>)))) (bgp (triple ?s <http://e/p> ?o))))))")]
    [InlineData("SELECT ?s { ?s :p ?o } GROUP BY ?s ORDER BY DESC(MAX(?o))",
        "(project (?s) (order ((desc ?.0)) (group (?s) ((?.0 (max ?o))) (bgp (triple ?s <http://e/p> ?o)))))")]
    public void Aggregates(string query, string expected) => Assert.Equal(expected, Algebra(query));

    [Theory]
    [InlineData("SELECT ?s { ?s :p ?o FILTER NOT EXISTS { ?s :q ?o } }",
        "(project (?s) (filter (notexists (bgp (triple ?s <http://e/q> ?o))) (bgp (triple ?s <http://e/p> ?o))))")]
    [InlineData("SELECT ?s { ?s :p ?o FILTER(?o IN (1, 2) && ?s NOT IN (:a)) }",
        "(project (?s) (filter (&& (in ?o \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> \"2\"^^<http://www.w3.org/2001/XMLSchema#integer>) (notin ?s <http://e/a>)) (bgp (triple ?s <http://e/p> ?o))))")]
    [InlineData("SELECT ?s { ?s :p ?o FILTER(regex(str(?o), \"^a\", \"i\")) FILTER(<http://f/g>(?o, -2)) }",
        "(project (?s) (filter (exprlist (regex (str ?o) \"^a\" \"i\") (<http://f/g> ?o \"-2\"^^<http://www.w3.org/2001/XMLSchema#integer>)) (bgp (triple ?s <http://e/p> ?o))))")]
    [InlineData("SELECT ?s { ?s :p ?o FILTER(!bound(?x) || -?o < 2 * ?o) }",
        "(project (?s) (filter (|| (! (bound ?x)) (< (- ?o) (* \"2\"^^<http://www.w3.org/2001/XMLSchema#integer> ?o))) (bgp (triple ?s <http://e/p> ?o))))")]
    public void Expressions(string query, string expected) => Assert.Equal(expected, Algebra(query));

    [Fact]
    public void SubqueryBecomesToMultiset()
    {
        Assert.Equal(
            "(project (?s ?n) (join (bgp (triple ?s <http://e/p> ?o)) (tomultiset (project (?s ?n) (extend ((?n ?.0)) (group (?s) ((?.0 (count ?x))) (bgp (triple ?s <http://e/q> ?x))))))))",
            Algebra("SELECT ?s ?n { ?s :p ?o { SELECT ?s (COUNT(?x) AS ?n) { ?s :q ?x } GROUP BY ?s } }"));
    }

    [Fact]
    public void ConstructWhereUsesThePatternAsTemplate()
    {
        Query q = SparqlParser.ParseQuery(P + "CONSTRUCT WHERE { ?s :p ?o . ?o :q [] }");
        Assert.Equal(QueryForm.Construct, q.Form);
        Assert.Equal(2, q.Template.Count);
        Assert.Equal("(bgp (triple ?s <http://e/p> ?o) (triple ?o <http://e/q> _:b0))", q.ToAlgebra().ToString());
    }

    [Fact]
    public void CollectionsExpandToFirstRest()
    {
        Assert.Equal(
            "(project (?x) (bgp (triple _:b0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> ?x) (triple _:b0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> _:b1) "
            + "(triple _:b1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> \"2\"^^<http://www.w3.org/2001/XMLSchema#integer>) (triple _:b1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil>) "
            + "(triple :s <http://e/p> _:b0)))".Replace(":s ", "<http://e/s> "),
            Algebra("SELECT ?x { :s :p (?x 2) }"));
    }

    [Fact]
    public void QueryAstKeepsNegatedSetAsWritten()
    {
        Query q = SparqlParser.ParseQuery(P + "SELECT * { ?s !(:p|^:q) ?o }");
        var t = Assert.IsType<TriplesBlock>(q.Where!.Elements[0]).Triples[0];
        var n = Assert.IsType<NegatedPropertySet>(t.Path);
        Assert.Equal("http://e/p", Assert.Single(n.Forward).Value);
        Assert.Equal("http://e/q", Assert.Single(n.Inverse).Value);
    }

    [Fact]
    public void UpdateWhereTranslates()
    {
        UpdateRequest u = SparqlParser.ParseUpdate(P + "DELETE { ?s :p ?o } WHERE { ?s :p ?o OPTIONAL { ?s :q ?x } }");
        var m = Assert.IsType<ModifyOperation>(Assert.Single(u.Operations));
        Assert.Equal("(leftjoin (bgp (triple ?s <http://e/p> ?o)) (bgp (triple ?s <http://e/q> ?x)))", m.WhereAlgebra().ToString());
    }
}
