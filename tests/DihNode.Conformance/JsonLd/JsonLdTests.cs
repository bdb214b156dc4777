using System.Text.Json;
using System.Text.Json.Nodes;
using DihNode.Conformance.Manifests;
using DihNode.Conformance.Running;
using DihNode.Rdf.Io;
using DihNode.Rdf.Io.JsonLd;
using DihNode.Rdf.Model;

namespace DihNode.Conformance.JsonLd;

/// <summary>
/// Handlers of the JSON-LD test types (jld:ExpandTest, jld:ToRDFTest), positive and negative
/// (https://w3c.github.io/json-ld-api/tests/README): the input is loaded through
/// <see cref="TestDocumentLoader"/>, so expand, toRdf, remote-doc and html tests share one path.
/// </summary>
internal static class JsonLdTests
{
    private const string Positive = JsonLdManifest.Vocab + "PositiveEvaluationTest";
    private const string Negative = JsonLdManifest.Vocab + "NegativeEvaluationTest";

    public static TestOutcome Expand(TestEntry entry)
    {
        var test = JsonLdManifest.Case(entry.Id);
        if (SkipReason(test) is { } skip) return TestOutcome.Skip(skip);
        var options = Options(entry, test);
        return Run(entry, test, () =>
        {
            var actual = JsonLdProcessor.Expand(test.InputUrl, options);
            if (test.ExpectUrl is null) return null;
            var expected = LoadJson(entry, test.ExpectUrl!);
            return JsonLdComparison.Equal(expected, actual)
                ? null
                : $"expanded output differs\n  expected: {expected?.ToJsonString()}\n  actual:   {actual.ToJsonString()}";
        });
    }

    public static TestOutcome ToRdf(TestEntry entry)
    {
        var test = JsonLdManifest.Case(entry.Id);
        if (SkipReason(test) is { } skip) return TestOutcome.Skip(skip);
        var options = Options(entry, test);
        return Run(entry, test, () =>
        {
            var actual = new QuadList();
            JsonLdProcessor.ToRdf(test.InputUrl, actual, options);
            if (test.ExpectUrl is null) return null; // a positive syntax test: no error is all it asks
            var expected = new QuadList();
            using (var stream = File.OpenRead(PathOf(entry, test.ExpectUrl)))
                RdfParser.Parse(stream, RdfFormat.NQuads, expected, new RdfParserOptions { SourceName = test.ExpectUrl });
            return Isomorphism.DescribeDifference(expected.Quads, actual.Quads) is { } difference
                ? "the dataset differs: " + difference
                : null;
        });
    }

    /// <summary>Runs <paramref name="body"/> (which returns null when the output is right) as a positive or negative test.</summary>
    private static TestOutcome Run(TestEntry entry, JsonLdTestCase test, Func<string?> body)
    {
        bool negative = entry.Types.Any(t => t.Value == Negative);
        try
        {
            string? problem = body();
            if (negative) return TestOutcome.Fail($"expected the error \"{test.ExpectErrorCode}\", but processing succeeded");
            return problem is null ? TestOutcome.Pass : TestOutcome.Fail(problem);
        }
        catch (JsonLdException e)
        {
            if (!negative) return TestOutcome.Fail($"unexpected error: {e.Message}");
            return e.CodeText == test.ExpectErrorCode
                ? TestOutcome.Pass
                : TestOutcome.Fail($"expected the error \"{test.ExpectErrorCode}\", got \"{e.CodeText}\" ({e.Message})");
        }
    }

    /// <summary>Tests written for JSON-LD 1.0 processing only: a 1.1 processor need not pass them.</summary>
    /// <summary>
    /// Tests written for JSON-LD 1.0 processing only (a 1.1 processor need not pass them), and tests
    /// that require generalized RDF (an optional feature: our quads cannot have blank-node predicates).
    /// </summary>
    private static string? SkipReason(JsonLdTestCase test)
    {
        if (test.Option("specVersion") == JsonLdOptions.JsonLd10)
            return "specVersion json-ld-1.0: the test targets JSON-LD 1.0 processing, which this 1.1 processor does not implement";
        if (test.Entry["requires"]?.GetValue<string>() == "GeneralizedRdf")
            return "requires GeneralizedRdf, an optional feature: the RDF model has no blank-node predicates";
        return null;
    }

    private static JsonLdOptions Options(TestEntry entry, JsonLdTestCase test)
    {
        var options = new JsonLdOptions
        {
            DocumentLoader = new TestDocumentLoader(entry.Manifest.Locator.Folder, test),
            Base = test.Option("base"),
            ProcessingMode = test.Option("processingMode") ?? JsonLdOptions.JsonLd11,
            RdfDirection = test.Option("rdfDirection"),
            ProduceGeneralizedRdf = test.Flag("produceGeneralizedRdf"),
            ExtractAllScripts = test.Options.ContainsKey("extractAllScripts") ? test.Flag("extractAllScripts") : null,
        };
        if (test.Option("expandContext") is { } expandContext)
            options.ExpandContext = LoadJson(entry, JsonLdManifest.PublicBase + expandContext);
        return options;
    }

    private static string PathOf(TestEntry entry, string url) =>
        Path.Combine(entry.Manifest.Locator.Folder, url[JsonLdManifest.PublicBase.Length..]);

    private static JsonNode? LoadJson(TestEntry entry, string url) =>
        JsonNode.Parse(File.ReadAllText(PathOf(entry, url)), documentOptions: new JsonDocumentOptions { MaxDepth = 512 });

    private sealed class QuadList : IQuadSink
    {
        public List<Quad> Quads { get; } = [];

        public void Add(in Quad quad) => Quads.Add(quad);
    }
}
