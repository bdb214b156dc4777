using DihNode.Conformance.Manifests;

namespace DihNode.Conformance.Tests;

/// <summary>
/// The SPARQL suites as xunit theories, one case per test IRI. sparql10, sparql11-query and
/// sparql11-results run whole; of sparql11-update only the syntax tests, until update execution exists.
/// </summary>
public class SparqlSuites
{
    private static readonly HashSet<string> s_syntaxTypes = new(StringComparer.Ordinal)
    {
        Mf.PositiveSyntaxTest, Mf.NegativeSyntaxTest, Mf.PositiveSyntaxTest11, Mf.NegativeSyntaxTest11,
        Mf.PositiveUpdateSyntaxTest11, Mf.NegativeUpdateSyntaxTest11,
    };

    private static bool IsSyntaxTest(TestEntry test) => test.Types.Any(t => s_syntaxTypes.Contains(t.Value));

    public static IEnumerable<object[]> Sparql10Tests => ManifestTestData.For("sparql10");
    public static IEnumerable<object[]> Sparql11QueryTests => ManifestTestData.For("sparql11-query");
    public static IEnumerable<object[]> Sparql11UpdateSyntaxTests => ManifestTestData.For("sparql11-update", IsSyntaxTest);
    public static IEnumerable<object[]> Sparql11ResultsTests => ManifestTestData.For("sparql11-results");

    [SkippableTheory]
    [MemberData(nameof(Sparql10Tests))]
    public void Sparql10(string test) => ManifestTestData.Check("sparql10", test);

    [SkippableTheory]
    [MemberData(nameof(Sparql11QueryTests))]
    public void Sparql11Query(string test) => ManifestTestData.Check("sparql11-query", test);

    [SkippableTheory]
    [MemberData(nameof(Sparql11UpdateSyntaxTests))]
    public void Sparql11UpdateSyntax(string test) => ManifestTestData.Check("sparql11-update", test);

    [SkippableTheory]
    [MemberData(nameof(Sparql11ResultsTests))]
    public void Sparql11Results(string test) => ManifestTestData.Check("sparql11-results", test);
}
