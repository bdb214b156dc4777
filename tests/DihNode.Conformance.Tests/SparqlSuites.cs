using DihNode.Conformance.Manifests;

namespace DihNode.Conformance.Tests;

/// <summary>
/// The SPARQL suites as xunit theories, one case per test IRI. sparql11-results runs whole; of
/// sparql10 and sparql11-query only the syntax tests run here until the evaluator passes their
/// evaluation tests (the console runner, <c>DihNode.Conformance sparql10 sparql11-query</c>, runs
/// them all); of sparql11-update only the syntax tests, until update execution exists.
/// </summary>
public class SparqlSuites
{
    private static readonly HashSet<string> s_syntaxTypes = new(StringComparer.Ordinal)
    {
        Mf.PositiveSyntaxTest, Mf.NegativeSyntaxTest, Mf.PositiveSyntaxTest11, Mf.NegativeSyntaxTest11,
        Mf.PositiveUpdateSyntaxTest11, Mf.NegativeUpdateSyntaxTest11,
    };

    private static bool IsSyntaxTest(TestEntry test) => test.Types.Any(t => s_syntaxTypes.Contains(t.Value));

    public static IEnumerable<object[]> Sparql10SyntaxTests => ManifestTestData.For("sparql10", IsSyntaxTest);
    public static IEnumerable<object[]> Sparql11QuerySyntaxTests => ManifestTestData.For("sparql11-query", IsSyntaxTest);
    public static IEnumerable<object[]> Sparql11UpdateSyntaxTests => ManifestTestData.For("sparql11-update", IsSyntaxTest);
    public static IEnumerable<object[]> Sparql11ResultsTests => ManifestTestData.For("sparql11-results");

    [Theory]
    [MemberData(nameof(Sparql10SyntaxTests))]
    public void Sparql10Syntax(string test) => ManifestTestData.Check("sparql10", test);

    [Theory]
    [MemberData(nameof(Sparql11QuerySyntaxTests))]
    public void Sparql11QuerySyntax(string test) => ManifestTestData.Check("sparql11-query", test);

    [Theory]
    [MemberData(nameof(Sparql11UpdateSyntaxTests))]
    public void Sparql11UpdateSyntax(string test) => ManifestTestData.Check("sparql11-update", test);

    [Theory]
    [MemberData(nameof(Sparql11ResultsTests))]
    public void Sparql11Results(string test) => ManifestTestData.Check("sparql11-results", test);
}
