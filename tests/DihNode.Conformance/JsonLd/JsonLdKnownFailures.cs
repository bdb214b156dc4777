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
        [Html + "tr006"] =
            "the suite contradicts itself: te006 expects \"loading document failed\" for an HTML page without a JSON-LD "
            + "script element (as API §9.4 step 5.2 says), tr006 expects an empty dataset from the same page; we follow te006",
    };

    public static string? ReasonFor(string testId) => Reasons.GetValueOrDefault(testId);
}
