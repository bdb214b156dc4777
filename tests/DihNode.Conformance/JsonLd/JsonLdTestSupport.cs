using System.Text.Json.Nodes;
using DihNode.Conformance.Manifests;
using DihNode.Conformance.Running;
using DihNode.Rdf.Io.JsonLd;

namespace DihNode.Conformance.JsonLd;

/// <summary>What the JSON-LD output suites (fromRdf, compact, flatten) share: skips, options, documents, error codes.</summary>
internal static class JsonLdTestSupport
{
    /// <summary>Why a test is not run: it is for JSON-LD 1.0 only (this processor implements 1.1).</summary>
    public static string? SkipReason(JsonLdTestCase test) =>
        test.Option("specVersion") == JsonLdOptions.JsonLd10
            ? "specVersion json-ld-1.0: the test targets JSON-LD 1.0 processing, which this 1.1 processor does not implement"
            : null;

    /// <summary>
    /// The options of a test as <see cref="JsonLdOptions"/> (base, compactArrays, compactToRelative,
    /// processingMode, ordered, useNativeTypes, useRdfType, rdfDirection, expandContext), with the suite's
    /// offline document loader.
    /// </summary>
    public static JsonLdOptions OptionsFor(TestEntry entry, JsonLdTestCase test)
    {
        var options = new JsonLdOptions
        {
            DocumentLoader = new TestDocumentLoader(entry.Manifest.Locator.Folder, test),
            Base = test.Option("base"),
            ProcessingMode = test.Option("processingMode") ?? JsonLdOptions.JsonLd11,
            RdfDirection = test.Option("rdfDirection"),
            UseNativeTypes = test.Flag("useNativeTypes"),
            UseRdfType = test.Flag("useRdfType"),
            Ordered = test.Flag("ordered"),
            ExtractAllScripts = test.Options["extractAllScripts"] is System.Text.Json.Nodes.JsonValue all ? all.GetValue<bool>() : null,
        };
        if (test.Options["compactArrays"] is JsonValue compactArrays) options.CompactArrays = compactArrays.GetValue<bool>();
        if (test.Options["compactToRelative"] is JsonValue compactToRelative) options.CompactToRelative = compactToRelative.GetValue<bool>();
        if (test.Option("expandContext") is { } expandContext) options.ExpandContext = Document(entry, JsonLdManifest.PublicBase + expandContext);
        return options;
    }

    /// <summary>A suite document (expected output, context) by its published IRI, parsed.</summary>
    public static JsonNode? Document(TestEntry entry, string url) =>
        JsonNode.Parse(File.ReadAllText(entry.Manifest.Locator.PathOf(url)));

    /// <summary>The test's context document (the "context" entry), or null.</summary>
    public static JsonNode? Context(TestEntry entry, JsonLdTestCase test) =>
        test.Entry["context"]?.GetValue<string>() is { } context ? Document(entry, JsonLdManifest.PublicBase + context) : null;

    /// <summary>
    /// Runs <paramref name="produce"/> and checks it: a positive test against the expected document by
    /// JSON-LD object comparison (then <paramref name="alsoCheck"/>), a negative test against the
    /// expected error code.
    /// </summary>
    public static TestOutcome Compare(TestEntry entry, JsonLdTestCase test, Func<JsonNode?> produce, Func<JsonNode?, JsonNode?, string?>? alsoCheck = null)
    {
        if (test.ExpectErrorCode is { } code)
        {
            try
            {
                var produced = produce();
                return TestOutcome.Fail($"expected the error \"{code}\", got a result: {Shorten(produced?.ToJsonString())}");
            }
            catch (JsonLdException e)
            {
                return e.CodeText == code ? TestOutcome.Pass : TestOutcome.Fail($"expected the error \"{code}\", got \"{e.CodeText}\": {e.Message}");
            }
        }
        if (test.ExpectUrl is null) return TestOutcome.Fail("positive test without an expect document");
        JsonNode? actual;
        try
        {
            actual = produce();
        }
        catch (JsonLdException e)
        {
            return TestOutcome.Fail($"unexpected error: {e.Message}");
        }
        var expected = Document(entry, test.ExpectUrl);
        if (JsonLdObjectComparison.Difference(expected, actual) is { } difference) return TestOutcome.Fail("result differs: " + difference);
        if (alsoCheck?.Invoke(expected, actual) is { } problem) return TestOutcome.Fail(problem);
        return TestOutcome.Pass;
    }

    /// <summary>
    /// The suite's README: when not ordered, compacted results are also compared after expanding both,
    /// where arrays of @list containers keep their order.
    /// </summary>
    public static string? ReExpanded(JsonNode? expected, JsonNode? actual, JsonLdOptions options, string documentUrl)
    {
        if (options.Ordered) return null;
        var expandOptions = options.Clone();
        expandOptions.ExpandContext = null;
        expandOptions.Base ??= documentUrl;
        JsonNode e;
        try
        {
            e = JsonLdProcessor.Expand(expected?.DeepClone(), expandOptions);
        }
        catch (JsonLdException)
        {
            return null; // the expected document does not expand on its own; the first comparison stands
        }
        var a = JsonLdProcessor.Expand(actual?.DeepClone(), expandOptions);
        return JsonLdObjectComparison.Difference(e, a) is { } difference ? "result differs after expansion: " + difference : null;
    }

    private static string Shorten(string? s) => s is null ? "null" : s.Length <= 300 ? s : s[..300] + "...";
}
