using System.Text.Json.Nodes;
using DihNode.Conformance.Manifests;
using DihNode.Conformance.Running;
using DihNode.Rdf.Io;
using DihNode.Rdf.Io.JsonLd.FromRdf;
using DihNode.Rdf.Model;

namespace DihNode.Conformance.JsonLd;

/// <summary>
/// jld:FromRDFTest: the input N-Quads, parsed by our N-Quads parser, serialized as JSON-LD
/// (https://www.w3.org/TR/json-ld11-api/#serialize-rdf-as-json-ld-algorithm) and compared with the
/// expected document by JSON-LD object comparison; negative tests expect the error code.
/// </summary>
internal static class FromRdfTests
{
    public static TestOutcome Run(TestEntry test)
    {
        if (JsonLdTestSupport.SkipReason(test) is { } skip) return TestOutcome.Skip(skip);
        var options = JsonLdOutManifests.Options(test);
        var fromRdf = new FromRdfOptions
        {
            UseNativeTypes = options["useNativeTypes"]?.GetValue<bool>() ?? false,
            UseRdfType = options["useRdfType"]?.GetValue<bool>() ?? false,
            RdfDirection = options["rdfDirection"]?.GetValue<string>() switch
            {
                "i18n-datatype" => RdfDirectionMode.I18nDatatype,
                "compound-literal" => RdfDirectionMode.CompoundLiteral,
                _ => RdfDirectionMode.None,
            },
            ProcessingMode = options["processingMode"]?.GetValue<string>() ?? "json-ld-1.1",
        };

        string inputPath = test.Manifest.Locator.PathOf(((Iri)test.Action!).Value);
        var quads = new List<Quad>();
        using (var stream = File.OpenRead(inputPath))
            RdfParser.Parse(stream, RdfFormat.NQuads, new ListSink(quads), new RdfParserOptions { BaseIri = ((Iri)test.Action).Value });

        return JsonLdTestSupport.Compare(test, () => RdfToJsonLd.Convert(quads, fromRdf));
    }

    private sealed class ListSink(List<Quad> quads) : IQuadSink
    {
        public void Add(in Quad quad) => quads.Add(quad);
    }
}
