using DihNode.Conformance.Manifests;

namespace DihNode.Conformance.Tests;

/// <summary>
/// The SPARQL suites as xunit theories, one case per test IRI. Syntax tests (query and update) run
/// here from every suite; evaluation tests join once the evaluator passes them (until then the
/// console runner, <c>DihNode.Conformance sparql10 sparql11-query sparql11-results</c>, runs them).
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

    [Theory]
    [MemberData(nameof(Sparql10SyntaxTests))]
    public void Sparql10Syntax(string test) => ManifestTestData.Check("sparql10", test);

    [Theory]
    [MemberData(nameof(Sparql11QuerySyntaxTests))]
    public void Sparql11QuerySyntax(string test) => ManifestTestData.Check("sparql11-query", test);

    [Theory]
    [MemberData(nameof(Sparql11UpdateSyntaxTests))]
    public void Sparql11UpdateSyntax(string test) => ManifestTestData.Check("sparql11-update", test);
}
