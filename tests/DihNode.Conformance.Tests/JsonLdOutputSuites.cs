using DihNode.Conformance.JsonLd;
using DihNode.Conformance.Running;

namespace DihNode.Conformance.Tests;

/// <summary>
/// The JSON-LD 1.1 output suites (fromRdf, compact, flatten): one theory per manifest.
/// Every test must pass or be skipped with a reason (JSON-LD 1.0-only tests).
/// </summary>
public class JsonLdOutputSuites
{
    public static IEnumerable<object[]> FromRdfTests => ManifestTestData.For("jsonld-fromRdf");
    public static IEnumerable<object[]> CompactTests => ManifestTestData.For("jsonld-compact");
    public static IEnumerable<object[]> FlattenTests => ManifestTestData.For("jsonld-flatten");

    [SkippableTheory]
    [MemberData(nameof(FromRdfTests))]
    public void FromRdf(string test) => ManifestTestData.Check("jsonld-fromRdf", test);

    [SkippableTheory]
    [MemberData(nameof(CompactTests))]
    public void Compact(string test) => ManifestTestData.Check("jsonld-compact", test);

    [SkippableTheory]
    [MemberData(nameof(FlattenTests))]
    public void Flatten(string test) => ManifestTestData.Check("jsonld-flatten", test);

    [Fact]
    public void SuitesListEveryManifestEntry()
    {
        Assert.Equal(54, ConformanceRunner.Load("jsonld-fromRdf").Tests.Count);
        Assert.Equal(246, ConformanceRunner.Load("jsonld-compact").Tests.Count);
        Assert.Equal(58, ConformanceRunner.Load("jsonld-flatten").Tests.Count);
    }

    [Fact]
    public void JsonLd10OnlyTestsAreSkippedNotPassed()
    {
        var suite = ConformanceRunner.Load("jsonld-compact");
        var results = suite.Tests.Where(t => JsonLdManifest.Case(t.Id).Option("specVersion") == "json-ld-1.0").Select(ConformanceRunner.Run).ToList();
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.Equal(TestStatus.Skipped, r.Status));
    }

    [Fact]
    public void CompactionAgainstAnotherTestsExpectationFails()
    {
        var suite = ConformanceRunner.Load("jsonld-compact");
        var test = suite.Get("https://w3c.github.io/json-ld-api/tests/compact-manifest#t0002");
        var other = suite.Get("https://w3c.github.io/json-ld-api/tests/compact-manifest#t0003");
        Assert.Equal(TestStatus.Passed, ConformanceRunner.Run(test).Status);
        var testCase = JsonLdManifest.Case(test.Id);
        var swapped = testCase with { ExpectUrl = JsonLdManifest.Case(other.Id).ExpectUrl };
        var outcome = JsonLdTestSupport.Compare(test, swapped, () => Rdf.Io.JsonLd.JsonLdProcessor.Compact(testCase.InputUrl, JsonLdTestSupport.Context(test, testCase), JsonLdTestSupport.OptionsFor(test, testCase)));
        Assert.Equal(TestStatus.Failed, outcome.Status);
        Assert.Contains("result differs", outcome.Reason);
    }
}
