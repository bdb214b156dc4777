using DihNode.Conformance.Manifests;
using DihNode.Conformance.Running;
using DihNode.Rdf.Io;
using DihNode.Rdf.Io.JsonLd;
using DihNode.Rdf.Model;

namespace DihNode.Conformance.JsonLd;

/// <summary>
/// Handlers of the JSON-LD test types (https://w3c.github.io/json-ld-api/tests/README), positive and
/// negative. Inputs are loaded through <see cref="TestDocumentLoader"/>, so expand, toRdf, remote-doc
/// and html tests share one path; JSON results are checked with <see cref="JsonLdComparison"/>.
/// </summary>
internal static class JsonLdTests
{
    /// <summary>jld:ExpandTest (https://www.w3.org/TR/json-ld11-api/#dom-jsonldprocessor-expand).</summary>
    public static TestOutcome Expand(TestEntry entry) =>
        Run(entry, (test, options) => JsonLdTestSupport.Compare(entry, test, () => JsonLdProcessor.Expand(test.InputUrl, options)));

    /// <summary>
    /// jld:CompactTest: the input compacted with the test's context
    /// (https://www.w3.org/TR/json-ld11-api/#dom-jsonldprocessor-compact), compared once more after expanding both.
    /// </summary>
    public static TestOutcome Compact(TestEntry entry) =>
        Run(entry, (test, options) =>
        {
            var context = JsonLdTestSupport.Context(entry, test);
            return JsonLdTestSupport.Compare(entry, test,
                () => JsonLdProcessor.Compact(test.InputUrl, context, options),
                (expected, actual) => JsonLdTestSupport.ReExpanded(expected, actual, options, test.InputUrl));
        });

    /// <summary>
    /// jld:FlattenTest: the input flattened (https://www.w3.org/TR/json-ld11-api/#dom-jsonldprocessor-flatten),
    /// compacted when the test has a context, and then compared once more after expanding both.
    /// </summary>
    public static TestOutcome Flatten(TestEntry entry) =>
        Run(entry, (test, options) =>
        {
            var context = JsonLdTestSupport.Context(entry, test);
            return JsonLdTestSupport.Compare(entry, test,
                () => JsonLdProcessor.Flatten(test.InputUrl, context, options),
                context is null ? null : (expected, actual) => JsonLdTestSupport.ReExpanded(expected, actual, options, test.InputUrl));
        });

    /// <summary>
    /// jld:FromRDFTest: the input N-Quads, parsed by our N-Quads parser, serialized as JSON-LD
    /// (https://www.w3.org/TR/json-ld11-api/#serialize-rdf-as-json-ld-algorithm).
    /// </summary>
    public static TestOutcome FromRdf(TestEntry entry) =>
        Run(entry, (test, options) =>
        {
            var quads = JsonLdTestSupport.ReadNQuads(entry, test.InputUrl);
            return JsonLdTestSupport.Compare(entry, test, () => JsonLdProcessor.FromRdf(quads, options));
        });

    /// <summary>
    /// jld:ToRDFTest (https://www.w3.org/TR/json-ld11-api/#dom-jsonldprocessor-tordf): the dataset is
    /// compared with the expected N-Quads by isomorphism (generalized RDF through <see cref="GeneralizedRdf"/>);
    /// a positive test without one only asks for no error.
    /// </summary>
    public static TestOutcome ToRdf(TestEntry entry) =>
        Run(entry, (test, options) => JsonLdTestSupport.Check(test, () =>
        {
            bool generalized = GeneralizedRdf.Required(test);
            List<Quad> actual;
            if (generalized)
            {
                var sink = new GeneralizedRdf.Sink();
                JsonLdProcessor.ToRdf(test.InputUrl, sink, options);
                actual = sink.Quads;
            }
            else
            {
                var sink = new JsonLdTestSupport.QuadList();
                JsonLdProcessor.ToRdf(test.InputUrl, sink, options);
                actual = sink.Quads;
            }
            if (test.ExpectUrl is null) return null;
            var expected = generalized ? GeneralizedRdf.ReadNQuads(entry, test.ExpectUrl) : JsonLdTestSupport.ReadNQuads(entry, test.ExpectUrl);
            return Isomorphism.DescribeDifference(expected, actual) is { } difference ? "the dataset differs: " + difference : null;
        }));

    private static TestOutcome Run(TestEntry entry, Func<JsonLdTestCase, JsonLdOptions, TestOutcome> body)
    {
        var test = JsonLdManifest.Case(entry.Id);
        if (JsonLdTestSupport.SkipReason(test) is { } skip) return TestOutcome.Skip(skip);
        return body(test, JsonLdTestSupport.OptionsFor(entry, test));
    }
}
