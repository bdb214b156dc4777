using DihNode.Conformance.Manifests;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Shacl;

namespace DihNode.Conformance.Running;

/// <summary>
/// The SHACL test suite's sht:Validate tests (https://w3c.github.io/data-shapes/data-shapes-test-suite/):
/// validate the action's sht:dataGraph against its sht:shapesGraph and compare the report with the
/// mf:result report as graphs, without sh:message / sh:resultMessage; an mf:result of sht:Failure
/// expects validation to fail.
/// </summary>
internal static class ShaclTests
{
    public const string Namespace = "http://www.w3.org/ns/shacl-test#";
    public const string Validate = Namespace + "Validate";
    private static readonly Iri DataGraph = Iri.FromTrusted(Namespace + "dataGraph");
    private static readonly Iri ShapesGraph = Iri.FromTrusted(Namespace + "shapesGraph");
    private static readonly Iri Failure = Iri.FromTrusted(Namespace + "Failure");
    private static readonly Iri Message = Iri.FromTrusted("http://www.w3.org/ns/shacl#message");
    private static readonly Iri ResultMessage = Iri.FromTrusted("http://www.w3.org/ns/shacl#resultMessage");

    public static TestOutcome Run(TestEntry test)
    {
        var graph = test.Manifest.Graph;
        if (test.Action is null || graph.Object(test.Action, DataGraph) is not Iri data || graph.Object(test.Action, ShapesGraph) is not Iri shapes)
            return TestOutcome.Fail("action without sht:dataGraph and sht:shapesGraph IRIs");
        if (test.Result is null) return TestOutcome.Fail("no mf:result");

        var dataQuads = Load(test, data);
        var shapesQuads = shapes.Equals(data) ? dataQuads : Load(test, shapes);
        ValidationReport report;
        try
        {
            report = ShaclValidator.Validate(dataQuads, shapesQuads);
        }
        catch (ShaclException e)
        {
            return test.Result.Equals(Failure) ? TestOutcome.Pass : TestOutcome.Fail("validation failed: " + e.Message);
        }
        if (test.Result.Equals(Failure)) return TestOutcome.Fail("validation succeeded but a failure was expected");

        var expected = Closure(graph, test.Result);
        var actual = report.ToQuads().Where(q => !q.Predicate.Equals(ResultMessage) && !q.Predicate.Equals(Message)).ToList();
        string? difference = Isomorphism.DescribeDifference(expected, actual);
        return difference is null ? TestOutcome.Pass : TestOutcome.Fail("report differs: " + difference);
    }

    private static readonly HashSet<string> NotFollowed = ["http://www.w3.org/ns/shacl#focusNode", "http://www.w3.org/ns/shacl#value",
        "http://www.w3.org/ns/shacl#sourceShape", "http://www.w3.org/ns/shacl#sourceConstraint"];

    private static List<Quad> Load(TestEntry test, Iri iri) =>
        RdfSyntaxTests.Parse(test.Manifest.Locator.PathOf(iri.Value), RdfFormat.Turtle, iri.Value);

    /// <summary>The expected report: the triples reached from its node through blank nodes, messages left out.</summary>
    private static List<Quad> Closure(ManifestGraph graph, Term root)
    {
        var quads = new List<Quad>();
        var seen = new HashSet<Term>();
        var stack = new Stack<Term>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!seen.Add(node)) continue;
            foreach (var q in graph.Quads)
            {
                if (!q.Subject.Equals(node) || q.Predicate.Equals(Message) || q.Predicate.Equals(ResultMessage)) continue;
                quads.Add(q with { Graph = null });
                // Shapes and data nodes are named, not described, by the report.
                if (q.Object is BlankNode && !NotFollowed.Contains(q.Predicate.Value)) stack.Push(q.Object);
            }
        }
        return quads;
    }
}
