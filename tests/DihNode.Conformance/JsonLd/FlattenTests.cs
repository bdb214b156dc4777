using System.Text.Json.Nodes;
using DihNode.Conformance.Manifests;
using DihNode.Conformance.Running;
using DihNode.Rdf.Io.JsonLd.Flattening;
using DihNode.Rdf.Model;

namespace DihNode.Conformance.JsonLd;

/// <summary>
/// jld:FlattenTest: the input flattened (https://www.w3.org/TR/json-ld11-api/#dom-jsonldprocessor-flatten),
/// compacted when the test has a context, compared with the expected document by JSON-LD object
/// comparison with blank node relabelling (and again after expansion when compacted).
/// </summary>
internal static class FlattenTests
{
    public static TestOutcome Run(TestEntry test)
    {
        if (JsonLdTestSupport.SkipReason(test) is { } skip) return TestOutcome.Skip(skip);
        var entry = JsonLdOutManifests.Entry(test);
        var inputIri = (Iri)test.Action!;
        var options = JsonLdTestSupport.OptionsFor(test);
        var input = JsonLdTestSupport.Document(test, inputIri);
        JsonNode? context = entry["context"]?.GetValue<string>() is { } contextPath
            ? JsonLdTestSupport.Document(test, Iri.FromTrusted(test.Manifest.Locator.BaseIri + contextPath))
            : null;
        return JsonLdTestSupport.Compare(test,
            () => JsonLdFlattening.Flatten(input, context, options, inputIri.Value),
            context is null ? null : (expected, actual) => CompactTests.ReExpanded(expected, actual, options, inputIri.Value));
    }
}
