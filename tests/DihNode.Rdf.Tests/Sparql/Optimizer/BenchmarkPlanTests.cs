using DihNode.Rdf.Sparql.Optimizer;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Rdf.Store;
using DihNode.Rdf.Tests.Sparql.Results;

namespace DihNode.Rdf.Tests.Sparql.Optimizer;

/// <summary>
/// Plan-shape regression tests: the plans of the benchmark queries Q1–Q5
/// (tools/bench/queries) over a small catalogue of the same shape. A change of pattern order,
/// filter placement or join choice shows up here first.
/// </summary>
public class BenchmarkPlanTests
{
    private static readonly Lazy<MemoryDataset> Catalogue = new(() => CatalogueSample.Load());

    private static readonly (string Prefix, string Namespace)[] Namespaces =
    [
        ("rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"), ("dct:", "http://purl.org/dc/terms/"),
        ("foaf:", "http://xmlns.com/foaf/0.1/"), ("org:", "http://www.w3.org/ns/org#"),
        ("skos:", "http://www.w3.org/2004/02/skos/core#"), ("vcard:", "http://www.w3.org/2006/vcard/ns#"),
        ("country:", "http://publications.europa.eu/resource/authority/country/"), ("hub:", "https://dih.example.org/org/"),
    ];

    private static string PlanOf(string file)
    {
        string path = Path.Combine(SharedFiles.Root, "tools", "bench", "queries", file);
        Query query = SparqlParser.ParseQuery(File.ReadAllText(path));
        string text = PassHarness.Optimize(query, Catalogue.Value).ToString();
        foreach ((string prefix, string ns) in Namespaces)
            text = System.Text.RegularExpressions.Regex.Replace(text, "<" + System.Text.RegularExpressions.Regex.Escape(ns) + "([^>]*)>", prefix + "$1");
        return text;
    }

    [Fact]
    public void Q1_binds_the_country_and_starts_from_it()
        => Assert.Equal(
            "(project (?org ?name ?city) (extend ((?c country:DEU)) (bgp (triple ?org dct:spatial country:DEU) (triple ?org rdf:type org:Organization) "
            + "(triple ?org foaf:name ?name) (triple ?org vcard:hasAddress ?a) (triple ?a vcard:locality ?city))))",
            PlanOf("q1-filter-country.rq"));

    [Fact]
    public void Q2_starts_from_the_tag_label()
        => Assert.Equal(
            "(slice _ 20 (project (?org ?name ?founded) (order ((desc ?founded) ?org) (bgp (triple ?tag skos:prefLabel \"Machine Learning\"@en) "
            + "(triple ?org dct:subject ?tag) (triple ?org dct:spatial country:FRA) (triple ?org dct:issued ?founded) (triple ?org foaf:name ?name)))))",
            PlanOf("q2-tag-country-order.rq"));

    [Fact]
    public void Q3_scans_the_countries_then_checks_the_type()
        => Assert.Equal(
            "(project (?c ?n) (order ((desc ?n) ?c) (extend ((?n ?.0)) (group (?c) ((?.0 (count ?org))) "
            + "(bgp (triple ?org dct:spatial ?c) (triple ?org rdf:type org:Organization))))))",
            PlanOf("q3-count-by-country.rq"));

    [Fact]
    public void Q4_tests_the_regex_right_after_the_name_before_the_type_and_the_optional()
        => Assert.Equal(
            "(project (?org ?name ?home) (leftjoin (join (filter (regex ?name \"robotics.*lab\" \"i\") (bgp (triple ?org foaf:name ?name))) "
            + "(bgp (triple ?org rdf:type org:Organization))) (bgp (triple ?org foaf:homepage ?home)))) joins: index",
            PlanOf("q4-optional-regex.rq"));

    [Fact]
    public void Q5_keeps_the_optional_condition_on_the_left_join()
        => Assert.Equal(
            "(leftjoin (bgp (triple hub:4242 ?p ?o)) (bgp (triple ?o ?p2 ?o2)) (|| (isblank ?o) (= ?p2 skos:prefLabel)))",
            PlanOf("q5-construct-one.rq"));
}
