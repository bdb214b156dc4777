using System.Text.Json;
using System.Text.Json.Nodes;
using DihNode.Conformance.Manifests;
using DihNode.Conformance.Running;
using DihNode.Rdf.Io;
using DihNode.Rdf.Io.JsonLd;
using DihNode.Rdf.Model;

namespace DihNode.Conformance.JsonLd;

/// <summary>What the JSON-LD test handlers share: skips, options, documents, checking results and error codes.</summary>
internal static class JsonLdTestSupport
{
    /// <summary>Why a test is not run: it is for JSON-LD 1.0 only (this processor implements 1.1).</summary>
    public static string? SkipReason(JsonLdTestCase test) =>
        test.Option("specVersion") == JsonLdOptions.JsonLd10
            ? "specVersion json-ld-1.0: the test targets JSON-LD 1.0 processing, which this 1.1 processor does not implement"
            : null;

    /// <summary>
    /// The options of a test as <see cref="JsonLdOptions"/> (base, compactArrays, compactToRelative,
    /// processingMode, ordered, useNativeTypes, useRdfType, rdfDirection, produceGeneralizedRdf,
    /// extractAllScripts, expandContext), with the suite's offline document loader.
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
            ProduceGeneralizedRdf = test.Flag("produceGeneralizedRdf"),
            ExtractAllScripts = test.Options["extractAllScripts"] is JsonValue all ? all.GetValue<bool>() : null,
        };
        if (test.Options["compactArrays"] is JsonValue compactArrays) options.CompactArrays = compactArrays.GetValue<bool>();
        if (test.Options["compactToRelative"] is JsonValue compactToRelative) options.CompactToRelative = compactToRelative.GetValue<bool>();
        if (test.Option("expandContext") is { } expandContext) options.ExpandContext = Document(entry, JsonLdManifest.PublicBase + expandContext);
        return options;
    }

    /// <summary>A suite document (expected output, context) by its published IRI, parsed.</summary>
    public static JsonNode? Document(TestEntry entry, string url) =>
        JsonNode.Parse(File.ReadAllText(entry.Manifest.Locator.PathOf(url)), documentOptions: new JsonDocumentOptions { MaxDepth = 512 });

    /// <summary>The test's context document (the "context" entry), or null.</summary>
    public static JsonNode? Context(TestEntry entry, JsonLdTestCase test) =>
        test.Entry["context"]?.GetValue<string>() is { } context ? Document(entry, JsonLdManifest.PublicBase + context) : null;

    /// <summary>
    /// Runs <paramref name="produce"/> and checks it: a positive test against the expected document by
    /// <see cref="JsonLdComparison"/> (then <paramref name="alsoCheck"/>), a negative test against the
    /// expected error code.
    /// </summary>
    public static TestOutcome Compare(TestEntry entry, JsonLdTestCase test, Func<JsonNode?> produce, Func<JsonNode?, JsonNode?, string?>? alsoCheck = null) =>
        Check(test, () =>
        {
            var actual = produce();
            if (test.ExpectUrl is null) return null;
            var expected = Document(entry, test.ExpectUrl);
            if (JsonLdComparison.Difference(expected, actual) is { } difference) return "result differs: " + difference;
            return alsoCheck?.Invoke(expected, actual);
        });

    /// <summary>
    /// Runs <paramref name="body"/>, which returns null when the output is right: a negative test (one
    /// with an expectErrorCode) passes when it throws that error, a positive one when it does not throw
    /// and finds no problem.
    /// </summary>
    public static TestOutcome Check(JsonLdTestCase test, Func<string?> body)
    {
        try
        {
            string? problem = body();
            if (test.ExpectErrorCode is { } code) return TestOutcome.Fail($"expected the error \"{code}\", but processing succeeded");
            return problem is null ? TestOutcome.Pass : TestOutcome.Fail(problem);
        }
        catch (JsonLdException e)
        {
            if (test.ExpectErrorCode is not { } code) return TestOutcome.Fail($"unexpected error: {e.Message}");
            return e.CodeText == code ? TestOutcome.Pass : TestOutcome.Fail($"expected the error \"{code}\", got \"{e.CodeText}\": {e.Message}");
        }
    }

    /// <summary>A suite N-Quads file by its published IRI, parsed by our N-Quads parser.</summary>
    public static List<Quad> ReadNQuads(TestEntry entry, string url)
    {
        var quads = new QuadList();
        using var stream = File.OpenRead(entry.Manifest.Locator.PathOf(url));
        RdfParser.Parse(stream, RdfFormat.NQuads, quads, new RdfParserOptions { BaseIri = url, SourceName = url });
        return quads.Quads;
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
        return JsonLdComparison.Difference(e, a) is { } difference ? "result differs after expansion: " + difference : null;
    }

    /// <summary>A sink that keeps the quads in order.</summary>
    internal sealed class QuadList : IQuadSink
    {
        public List<Quad> Quads { get; } = [];

        public void Add(in Quad quad) => Quads.Add(quad);
    }
}
