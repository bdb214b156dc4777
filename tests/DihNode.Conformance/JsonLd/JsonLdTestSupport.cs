using System.Text.Json.Nodes;
using DihNode.Conformance.Manifests;
using DihNode.Conformance.Running;
using DihNode.Rdf.Model;

namespace DihNode.Conformance.JsonLd;

/// <summary>What the JSON-LD output suites (fromRdf, compact, flatten) share: skips, expected documents, error codes.</summary>
internal static class JsonLdTestSupport
{
    /// <summary>Why a test is not run: it is for JSON-LD 1.0 only (this processor implements 1.1).</summary>
    public static string? SkipReason(TestEntry test) =>
        JsonLdOutManifests.Options(test)["specVersion"]?.GetValue<string>() == "json-ld-1.0"
            ? "specVersion json-ld-1.0: a JSON-LD 1.0-only test; this processor implements JSON-LD 1.1"
            : null;

    public static bool IsNegative(TestEntry test) => test.Types.Any(t => t.Value == JsonLdOutManifests.Vocab + "NegativeEvaluationTest");

    /// <summary>The document a test names by IRI (input, expect, context), parsed.</summary>
    public static JsonNode? Document(TestEntry test, Iri iri) =>
        JsonNode.Parse(File.ReadAllText(test.Manifest.Locator.PathOf(iri.Value)));

    /// <summary>
    /// Runs <paramref name="produce"/> and checks it: a positive test against the expected document, a
    /// negative test against the expected error code (the start of the exception's message).
    /// </summary>
    public static TestOutcome Compare(TestEntry test, Func<JsonNode?> produce)
    {
        if (IsNegative(test))
        {
            string code = (test.Result as Literal)?.LexicalForm ?? "(no expectErrorCode)";
            try
            {
                var produced = produce();
                return TestOutcome.Fail($"expected error \"{code}\", got a result: {Shorten(produced?.ToJsonString())}");
            }
            catch (Exception e) when (ErrorCode(e) is { } actual)
            {
                return actual == code ? TestOutcome.Pass : TestOutcome.Fail($"expected error \"{code}\", got \"{actual}\": {e.Message}");
            }
        }
        if (test.Result is not Iri expectIri) return TestOutcome.Fail("positive test without an expect document");
        var expected = Document(test, expectIri);
        var actualResult = produce();
        string? difference = JsonLdObjectComparison.Difference(expected, actualResult);
        return difference is null ? TestOutcome.Pass : TestOutcome.Fail("result differs: " + difference);
    }

    /// <summary>The JSON-LD error code an exception stands for, or null for an unexpected crash.</summary>
    public static string? ErrorCode(Exception e)
    {
        // JSON-LD errors read "code: detail".
        if (e is InvalidDataException or InvalidOperationException || e.GetType().Name == "JsonLdException")
        {
            int colon = e.Message.IndexOf(':');
            return colon < 0 ? e.Message : e.Message[..colon];
        }
        return null;
    }

    private static string Shorten(string? s) => s is null ? "null" : s.Length <= 300 ? s : s[..300] + "...";
}
