namespace DihNode.Conformance.Tests;

/// <summary>The W3C SHACL suites (Core and SHACL-SPARQL) as xunit theories, one case per test IRI.</summary>
public class ShaclSuites
{
    public static IEnumerable<object[]> CoreTests => ManifestTestData.For("shacl-core");
    public static IEnumerable<object[]> SparqlTests => ManifestTestData.For("shacl-sparql");

    [SkippableTheory]
    [MemberData(nameof(CoreTests))]
    public void ShaclCore(string test) => ManifestTestData.Check("shacl-core", test);

    [SkippableTheory]
    [MemberData(nameof(SparqlTests))]
    public void ShaclSparql(string test) => ManifestTestData.Check("shacl-sparql", test);
}
