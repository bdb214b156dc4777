using System.Text.Json.Nodes;
using DihNode.Conformance.Manifests;
using DihNode.Conformance.Running;
using DihNode.Rdf.Io.JsonLd;
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
    public static TestOutcome Compare(TestEntry test, Func<JsonNode?> produce, Func<JsonNode?, JsonNode?, string?>? alsoCheck = null)
    {
        if (IsNegative(test))
        {
            string code = (test.Result as Literal)?.LexicalForm ?? "(no expectErrorCode)";
            try
            {
                var produced = produce();
                return TestOutcome.Fail($"expected error \"{code}\", got a result: {Shorten(produced?.ToJsonString())}");
            }
            catch (JsonLdException e)
            {
                return e.CodeText == code ? TestOutcome.Pass : TestOutcome.Fail($"expected error \"{code}\", got \"{e.CodeText}\": {e.Message}");
            }
        }
        if (test.Result is not Iri expectIri) return TestOutcome.Fail("positive test without an expect document");
        var expected = Document(test, expectIri);
        var actualResult = produce();
        string? difference = JsonLdObjectComparison.Difference(expected, actualResult);
        if (difference is not null) return TestOutcome.Fail("result differs: " + difference);
        if (alsoCheck?.Invoke(expected, actualResult) is { } problem) return TestOutcome.Fail(problem);
        return TestOutcome.Pass;
    }

    /// <summary>
    /// The options of a test as <see cref="JsonLdOptions"/>: base, compactArrays, compactToRelative,
    /// processingMode, ordered and expandContext (a document named relative to the manifest), with a
    /// document loader that serves the suite's own files.
    /// </summary>
    public static JsonLdOptions OptionsFor(TestEntry test)
    {
        var option = JsonLdOutManifests.Options(test);
        var options = new JsonLdOptions { DocumentLoader = new SuiteDocumentLoader(test.Manifest.Locator) };
        if (option["base"]?.GetValue<string>() is { } baseIri) options.Base = baseIri;
        if (option["compactArrays"]?.GetValue<bool>() is { } compactArrays) options.CompactArrays = compactArrays;
        if (option["compactToRelative"]?.GetValue<bool>() is { } compactToRelative) options.CompactToRelative = compactToRelative;
        if (option["processingMode"]?.GetValue<string>() is { } mode) options.ProcessingMode = mode;
        if (option["ordered"]?.GetValue<bool>() is { } ordered) options.Ordered = ordered;
        if (option["expandContext"]?.GetValue<string>() is { } expandContext)
            options.ExpandContext = Document(test, Iri.FromTrusted(test.Manifest.Locator.BaseIri + expandContext));
        return options;
    }

    private static string Shorten(string? s) => s is null ? "null" : s.Length <= 300 ? s : s[..300] + "...";
}
