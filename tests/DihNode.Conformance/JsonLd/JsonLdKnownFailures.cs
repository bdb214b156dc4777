namespace DihNode.Conformance.JsonLd;

/// <summary>
/// JSON-LD tests known to fail, by test IRI, each with the reason: the one list for the JSON-LD
/// suites. They still run and still count as failed in the console runner; the xunit theories
/// assert that each of them does fail, so a fix forces its entry out of this list.
/// </summary>
internal static class JsonLdKnownFailures
{
    private const string Html = "https://w3c.github.io/json-ld-api/tests/html-manifest#";
    private const string NoCompaction = "CompactTest: compaction is not part of this processor core yet (no handler for the test type)";
    private const string NoFlattening = "FlattenTest: flattening is not part of this processor core yet (no handler for the test type)";

    public static readonly IReadOnlyDictionary<string, string> Reasons = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Html + "tc001"] = NoCompaction,
        [Html + "tc002"] = NoCompaction,
        [Html + "tc003"] = NoCompaction,
        [Html + "tc004"] = NoCompaction,
        [Html + "tf001"] = NoFlattening,
        [Html + "tf002"] = NoFlattening,
        [Html + "tf003"] = NoFlattening,
        [Html + "tf004"] = NoFlattening,
        [Html + "tf005"] = NoFlattening,
    };

    public static string? ReasonFor(string testId) => Reasons.GetValueOrDefault(testId);
}
