using DihNode.Conformance.Manifests;
using DihNode.Conformance.Running;

namespace DihNode.Conformance.Tests;

/// <summary>The SPARQL handlers disagree with wrong expectations; the suites list every manifest entry.</summary>
public class SparqlHandlerTests
{
    [Fact]
    public void SyntaxHandlersDisagreeWithTheWrongExpectation()
    {
        var suite = ConformanceRunner.Load("sparql11-query");
        var good = suite.Get("http://www.w3.org/2009/sparql/docs/tests/data-sparql11/syntax-query/manifest#test_1");
        var bad = suite.Get("http://www.w3.org/2009/sparql/docs/tests/data-sparql11/syntax-query/manifest#test_43");
        Assert.Equal(TestStatus.Passed, SparqlSyntaxTests.Positive(good, update: false).Status);
        Assert.Equal(TestStatus.Passed, SparqlSyntaxTests.Negative(bad, update: false).Status);
        var rejected = SparqlSyntaxTests.Positive(bad, update: false);
        Assert.Equal(TestStatus.Failed, rejected.Status);
        Assert.Contains("line ", rejected.Reason);
        Assert.Contains("accepted invalid query", SparqlSyntaxTests.Negative(good, update: false).Reason);
        // A query is not an update request.
        Assert.Equal(TestStatus.Failed, SparqlSyntaxTests.Positive(good, update: true).Status);
    }

    [Fact]
    public void UpdateFilesInNegativeSyntaxTest11AreParsedAsUpdates()
    {
        var suite = ConformanceRunner.Load("sparql11-update");
        var tests = suite.Tests.Where(t => t.Types.Any(ty => ty.Value == Mf.NegativeSyntaxTest11)).ToList();
        Assert.Equal(8, tests.Count);
        Assert.All(tests, t => Assert.EndsWith(".ru", ((DihNode.Rdf.Model.Iri)t.Action!).Value));
        Assert.All(tests, t => Assert.Equal(TestStatus.Passed, ConformanceRunner.Run(t).Status));
    }

    [Fact]
    public void SparqlSuitesListEveryManifestEntry()
    {
        // Entries per suite by type (shared conformance SOURCE.md); sparql11-query also holds the 3
        // positive syntax tests of syntax-fed.
        static int Count(string suite, string type) => ConformanceRunner.Load(suite).Tests.Count(t => t.Types.Any(ty => ty.Value == type));
        Assert.Equal(149, Count("sparql10", Mf.PositiveSyntaxTest));
        Assert.Equal(50, Count("sparql10", Mf.NegativeSyntaxTest));
        Assert.Equal(63 + 3, Count("sparql11-query", Mf.PositiveSyntaxTest11));
        Assert.Equal(40, Count("sparql11-query", Mf.NegativeSyntaxTest11));
        Assert.Equal(225, Count("sparql11-query", Mf.QueryEvaluationTest));
        Assert.Equal(7, Count("sparql11-results", Mf.QueryEvaluationTest));
        Assert.Equal(3, Count("sparql11-results", Mf.CsvResultFormatTest));
        Assert.Equal(42, Count("sparql11-update", Mf.PositiveUpdateSyntaxTest11));
        Assert.Equal(13, Count("sparql11-update", Mf.NegativeUpdateSyntaxTest11));
        Assert.Equal(8, Count("sparql11-update", Mf.NegativeSyntaxTest11));
        Assert.Equal(94, Count("sparql11-update", Mf.UpdateEvaluationTest));
    }

    [Fact]
    public void EverySparqlTestHasAHandler()
    {
        foreach (string suite in new[] { "sparql10", "sparql11-query", "sparql11-results", "sparql11-update" })
            Assert.All(ConformanceRunner.Load(suite).Tests, t => Assert.NotNull(TestHandlers.For(t)));
    }

    [Fact]
    public void UpdateSuiteIsInTheDefaultRun()
    {
        Assert.True(Suites.Get("sparql11-update").InDefaultRun);
        Assert.True(Suites.Get("sparql10").InDefaultRun);
    }
}
