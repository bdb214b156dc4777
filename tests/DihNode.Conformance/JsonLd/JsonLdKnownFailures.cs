namespace DihNode.Conformance.JsonLd;

/// <summary>
/// JSON-LD tests known to fail, by test IRI, each with the reason: the one list for the JSON-LD
/// suites. They still run and still count as failed in the console runner; the xunit theories
/// assert that each of them does fail, so a fix forces its entry out of this list.
/// </summary>
internal static class JsonLdKnownFailures
{
    private const string Html = "https://w3c.github.io/json-ld-api/tests/html-manifest#";

    public static readonly IReadOnlyDictionary<string, string> Reasons = new Dictionary<string, string>(StringComparer.Ordinal)
    {
    };

    public static string? ReasonFor(string testId) => Reasons.GetValueOrDefault(testId);
}
