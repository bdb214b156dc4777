using DihNode.Conformance.Manifests;
using DihNode.Conformance.Running;
using DihNode.Rdf.Io.JsonLd;

namespace DihNode.Conformance.JsonLd;

/// <summary>
/// jld:CompactTest: the input loaded, expanded and compacted with the test's context
/// (https://www.w3.org/TR/json-ld11-api/#dom-jsonldprocessor-compact), compared with the expected
/// document by JSON-LD object comparison, and once more after expanding both.
/// </summary>
internal static class CompactTests
{
    public static TestOutcome Run(TestEntry entry)
    {
        var test = JsonLdManifest.Case(entry.Id);
        if (JsonLdTestSupport.SkipReason(test) is { } skip) return TestOutcome.Skip(skip);
        var options = JsonLdTestSupport.OptionsFor(entry, test);
        var context = JsonLdTestSupport.Context(entry, test);
        return JsonLdTestSupport.Compare(entry, test,
            () => JsonLdProcessor.Compact(test.InputUrl, context, options),
            (expected, actual) => JsonLdTestSupport.ReExpanded(expected, actual, options, test.InputUrl));
    }
}
