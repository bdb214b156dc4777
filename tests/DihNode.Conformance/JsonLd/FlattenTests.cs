using DihNode.Conformance.Manifests;
using DihNode.Conformance.Running;
using DihNode.Rdf.Io.JsonLd;

namespace DihNode.Conformance.JsonLd;

/// <summary>
/// jld:FlattenTest: the input flattened (https://www.w3.org/TR/json-ld11-api/#dom-jsonldprocessor-flatten),
/// compacted when the test has a context, compared with the expected document by JSON-LD object
/// comparison with blank node relabelling (and again after expansion when compacted).
/// </summary>
internal static class FlattenTests
{
    public static TestOutcome Run(TestEntry entry)
    {
        var test = JsonLdManifest.Case(entry.Id);
        if (JsonLdTestSupport.SkipReason(test) is { } skip) return TestOutcome.Skip(skip);
        var options = JsonLdTestSupport.OptionsFor(entry, test);
        var context = JsonLdTestSupport.Context(entry, test);
        return JsonLdTestSupport.Compare(entry, test,
            () => JsonLdProcessor.Flatten(test.InputUrl, context, options),
            context is null ? null : (expected, actual) => JsonLdTestSupport.ReExpanded(expected, actual, options, test.InputUrl));
    }
}
