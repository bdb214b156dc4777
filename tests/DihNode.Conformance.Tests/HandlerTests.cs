using DihNode.Conformance.Running;
using DihNode.Rdf.Io;

namespace DihNode.Conformance.Tests;

/// <summary>The handlers can fail: wrong expectations are caught, not passed.</summary>
public class HandlerTests
{
    private const string Turtle = "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-turtle/manifest.ttl#";

    [Fact]
    public void EvaluationAgainstAnotherTestsResultFails()
    {
        var suite = ConformanceRunner.Load("rdf-turtle");
        var test = suite.Get(Turtle + "IRI_subject");
        var other = suite.Get(Turtle + "labeled_blank_node_subject");
        Assert.Equal(TestStatus.Passed, ConformanceRunner.Run(test).Status);

        var outcome = RdfSyntaxTests.Evaluation(test with { Result = other.Result }, RdfFormat.Turtle);
        Assert.Equal(TestStatus.Failed, outcome.Status);
        Assert.Contains("does not match", outcome.Reason);
        Assert.Contains("only in expected", outcome.Reason);
    }

    [Fact]
    public void SyntaxHandlersDisagreeWithTheWrongExpectation()
    {
        var suite = ConformanceRunner.Load("rdf-turtle");
        var bad = suite.Tests.First(t => t.Types.Any(ty => ty.Value.EndsWith("NegativeSyntax", StringComparison.Ordinal)));
        var good = suite.Tests.First(t => t.Types.Any(ty => ty.Value.EndsWith("PositiveSyntax", StringComparison.Ordinal)));
        Assert.Equal(TestStatus.Passed, RdfSyntaxTests.NegativeSyntax(bad, RdfFormat.Turtle).Status);
        Assert.Equal(TestStatus.Failed, RdfSyntaxTests.PositiveSyntax(bad, RdfFormat.Turtle).Status);
        Assert.Equal(TestStatus.Passed, RdfSyntaxTests.PositiveSyntax(good, RdfFormat.Turtle).Status);
        var accepted = RdfSyntaxTests.NegativeSyntax(good, RdfFormat.Turtle);
        Assert.Equal(TestStatus.Failed, accepted.Status);
        Assert.Contains("accepted invalid input", accepted.Reason);
    }

    [Fact]
    public void SuitesListEveryManifestEntry()
    {
        // Counts of mf:entries per manifest (see the shared conformance SOURCE.md).
        Assert.Equal(313, ConformanceRunner.Load("rdf-turtle").Tests.Count);
        Assert.Equal(356, ConformanceRunner.Load("rdf-trig").Tests.Count);
        Assert.Equal(70, ConformanceRunner.Load("rdf-n-triples").Tests.Count);
        Assert.Equal(87, ConformanceRunner.Load("rdf-n-quads").Tests.Count);
    }
}
