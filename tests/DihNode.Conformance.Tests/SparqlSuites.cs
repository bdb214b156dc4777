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

/// <summary>The SPARQL 1.1 HTTP suites (Protocol, Graph Store Protocol, Service Description), each test against a fresh node server.</summary>
public class SparqlHttpSuites
{
    public static IEnumerable<object[]> ProtocolTests => ManifestTestData.For("sparql11-protocol");
    public static IEnumerable<object[]> GraphStoreTests => ManifestTestData.For("sparql11-gsp");
    public static IEnumerable<object[]> ServiceDescriptionTests => ManifestTestData.For("sparql11-service-description");
    public static IEnumerable<object[]> ServiceTests => ManifestTestData.For("sparql11-service");

    [SkippableTheory]
    [MemberData(nameof(ProtocolTests))]
    public void Sparql11Protocol(string test) => ManifestTestData.Check("sparql11-protocol", test);

    [SkippableTheory]
    [MemberData(nameof(GraphStoreTests))]
    public void Sparql11GraphStore(string test) => ManifestTestData.Check("sparql11-gsp", test);

    [SkippableTheory]
    [MemberData(nameof(ServiceDescriptionTests))]
    public void Sparql11ServiceDescription(string test) => ManifestTestData.Check("sparql11-service-description", test);

    [SkippableTheory]
    [MemberData(nameof(ServiceTests))]
    public void Sparql11Service(string test) => ManifestTestData.Check("sparql11-service", test);
}
