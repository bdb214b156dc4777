using DihNode.Conformance.Manifests;
using DihNode.Conformance.Running;
using DihNode.Rdf.Io;
using DihNode.Rdf.Io.JsonLd;
using DihNode.Rdf.Model;

namespace DihNode.Conformance.JsonLd;

/// <summary>
/// jld:FromRDFTest: the input N-Quads, parsed by our N-Quads parser, serialized as JSON-LD
/// (https://www.w3.org/TR/json-ld11-api/#serialize-rdf-as-json-ld-algorithm) and compared with the
/// expected document by JSON-LD object comparison (blank node labels matched one to one);
/// negative tests expect the error code.
/// </summary>
internal static class FromRdfTests
{
    public static TestOutcome Run(TestEntry entry)
    {
        var test = JsonLdManifest.Case(entry.Id);
        if (JsonLdTestSupport.SkipReason(test) is { } skip) return TestOutcome.Skip(skip);
        var options = JsonLdTestSupport.OptionsFor(entry, test);
        var quads = new List<Quad>();
        using (var stream = File.OpenRead(entry.Manifest.Locator.PathOf(test.InputUrl)))
            RdfParser.Parse(stream, RdfFormat.NQuads, new ListSink(quads), new RdfParserOptions { BaseIri = test.InputUrl, SourceName = test.InputUrl });
        return JsonLdTestSupport.Compare(entry, test, () => JsonLdProcessor.FromRdf(quads, options));
    }

    private sealed class ListSink(List<Quad> quads) : IQuadSink
    {
        public void Add(in Quad quad) => quads.Add(quad);
    }
}
