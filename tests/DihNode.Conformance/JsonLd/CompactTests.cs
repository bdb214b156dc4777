using System.Text.Json.Nodes;
using DihNode.Conformance.Manifests;
using DihNode.Conformance.Running;
using DihNode.Rdf.Io.JsonLd;
using DihNode.Rdf.Io.JsonLd.Compaction;
using DihNode.Rdf.Model;

namespace DihNode.Conformance.JsonLd;

/// <summary>
/// jld:CompactTest: the input expanded and compacted with the test's context
/// (https://www.w3.org/TR/json-ld11-api/#dom-jsonldprocessor-compact), compared with the expected
/// document by JSON-LD object comparison and, as the suite's README asks when the test is not
/// ordered, once more after expanding both.
/// </summary>
internal static class CompactTests
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
            () => JsonLdCompaction.CompactDocument(input, context, options, inputIri.Value),
            (expected, actual) => ReExpanded(expected, actual, options, inputIri.Value));
    }

    /// <summary>Both documents expanded must match too: arrays that were @list containers keep their order there.</summary>
    internal static string? ReExpanded(JsonNode? expected, JsonNode? actual, JsonLdOptions options, string documentUrl)
    {
        if (options.Ordered) return null;
        var expandOptions = options.Clone();
        expandOptions.ExpandContext = null;
        JsonNode e, a;
        try
        {
            e = JsonLdCompaction.ExpandForCompaction(expected?.DeepClone(), expandOptions, documentUrl);
        }
        catch (JsonLdException)
        {
            return null; // the expected document itself does not expand here; the first comparison stands
        }
        a = JsonLdCompaction.ExpandForCompaction(actual?.DeepClone(), expandOptions, documentUrl);
        string? difference = JsonLdObjectComparison.Difference(e, a);
        return difference is null ? null : "result differs after expansion: " + difference;
    }
}
