namespace DihNode.Conformance;

/// <summary>
/// Tests we deliberately do not run, by test IRI, each with the reason. The one place for skips:
/// a test fails until it is either fixed or listed here with a reason a reviewer can accept.
/// The RDF syntax suites (Turtle, TriG, N-Triples, N-Quads, RDF/XML) have none; JSON-LD tests for
/// JSON-LD 1.0 only (specVersion json-ld-1.0) are skipped by that rule in JsonLdTestSupport.SkipReason.
/// </summary>
internal static class Skips
{
    public static readonly IReadOnlyDictionary<string, string> Reasons = new Dictionary<string, string>(StringComparer.Ordinal)
    {
    };

    public static string? ReasonFor(string testId) => Reasons.GetValueOrDefault(testId);
}
