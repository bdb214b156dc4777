using DihNode.Conformance.Manifests;

namespace DihNode.Conformance.Tests;

/// <summary>
/// The SPARQL suites as xunit theories, one case per test IRI, each suite whole.
/// </summary>
public class SparqlSuites
{
    public static IEnumerable<object[]> Sparql10Tests => ManifestTestData.For("sparql10");
    public static IEnumerable<object[]> Sparql11QueryTests => ManifestTestData.For("sparql11-query");
    public static IEnumerable<object[]> Sparql11UpdateTests => ManifestTestData.For("sparql11-update");
    public static IEnumerable<object[]> Sparql11ResultsTests => ManifestTestData.For("sparql11-results");

    [SkippableTheory]
    [MemberData(nameof(Sparql10Tests))]
    public void Sparql10(string test) => ManifestTestData.Check("sparql10", test);

    [SkippableTheory]
    [MemberData(nameof(Sparql11QueryTests))]
    public void Sparql11Query(string test) => ManifestTestData.Check("sparql11-query", test);

    [SkippableTheory]
    [MemberData(nameof(Sparql11UpdateTests))]
    public void Sparql11Update(string test) => ManifestTestData.Check("sparql11-update", test);

    [SkippableTheory]
    [MemberData(nameof(Sparql11ResultsTests))]
    public void Sparql11Results(string test) => ManifestTestData.Check("sparql11-results", test);
}
