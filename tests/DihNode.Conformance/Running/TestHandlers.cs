using DihNode.Conformance.Manifests;
using DihNode.Rdf.Io;

namespace DihNode.Conformance.Running;

/// <summary>Runs one test of a given type and says whether it passed.</summary>
internal delegate TestOutcome TestHandler(TestEntry test);

/// <summary>
/// The dispatch table: test type IRI -> handler. A test runs with the handler of the first of its
/// rdf:types found here; a test with no known type fails, so new suites cannot pass by accident.
/// </summary>
internal static class TestHandlers
{
    public static readonly IReadOnlyDictionary<string, TestHandler> ByType = new Dictionary<string, TestHandler>(StringComparer.Ordinal)
    {
        [Rdft.TestTurtleEval] = t => RdfSyntaxTests.Evaluation(t, RdfFormat.Turtle),
        [Rdft.TestTurtlePositiveSyntax] = t => RdfSyntaxTests.PositiveSyntax(t, RdfFormat.Turtle),
        [Rdft.TestTurtleNegativeSyntax] = t => RdfSyntaxTests.NegativeSyntax(t, RdfFormat.Turtle),
        [Rdft.TestTurtleNegativeEval] = t => RdfSyntaxTests.NegativeSyntax(t, RdfFormat.Turtle),
        [Rdft.TestTrigEval] = t => RdfSyntaxTests.Evaluation(t, RdfFormat.TriG),
        [Rdft.TestTrigPositiveSyntax] = t => RdfSyntaxTests.PositiveSyntax(t, RdfFormat.TriG),
        [Rdft.TestTrigNegativeSyntax] = t => RdfSyntaxTests.NegativeSyntax(t, RdfFormat.TriG),
        [Rdft.TestTrigNegativeEval] = t => RdfSyntaxTests.NegativeSyntax(t, RdfFormat.TriG),
        [Rdft.TestNTriplesPositiveSyntax] = t => RdfSyntaxTests.PositiveSyntax(t, RdfFormat.NTriples),
        [Rdft.TestNTriplesNegativeSyntax] = t => RdfSyntaxTests.NegativeSyntax(t, RdfFormat.NTriples),
        [Rdft.TestNQuadsPositiveSyntax] = t => RdfSyntaxTests.PositiveSyntax(t, RdfFormat.NQuads),
        [Rdft.TestNQuadsNegativeSyntax] = t => RdfSyntaxTests.NegativeSyntax(t, RdfFormat.NQuads),
        [Mf.PositiveSyntaxTest] = t => SparqlSyntaxTests.Positive(t, update: false),
        [Mf.NegativeSyntaxTest] = t => SparqlSyntaxTests.Negative(t, update: false),
        [Mf.PositiveSyntaxTest11] = SparqlSyntaxTests.PositiveByExtension,
        [Mf.NegativeSyntaxTest11] = SparqlSyntaxTests.NegativeByExtension,
        [Mf.PositiveUpdateSyntaxTest11] = t => SparqlSyntaxTests.Positive(t, update: true),
        [Mf.NegativeUpdateSyntaxTest11] = t => SparqlSyntaxTests.Negative(t, update: true),
        [Mf.QueryEvaluationTest] = SparqlEvaluationTests.QueryEvaluation,
        [Mf.CsvResultFormatTest] = SparqlEvaluationTests.CsvResultFormat,
        [Mf.UpdateEvaluationTest] = SparqlUpdateTests.UpdateEvaluation,
        [Rdft.TestXMLEval] = t => RdfSyntaxTests.Evaluation(t, RdfFormat.RdfXml),
        [Rdft.TestXMLNegativeSyntax] = t => RdfSyntaxTests.NegativeSyntax(t, RdfFormat.RdfXml),
        [JsonLd.JsonLdManifest.Vocab + "ExpandTest"] = JsonLd.JsonLdTests.Expand,
        [JsonLd.JsonLdManifest.Vocab + "ToRDFTest"] = JsonLd.JsonLdTests.ToRdf,
        [JsonLd.JsonLdManifest.Vocab + "FromRDFTest"] = JsonLd.JsonLdTests.FromRdf,
        [JsonLd.JsonLdManifest.Vocab + "CompactTest"] = JsonLd.JsonLdTests.Compact,
        [JsonLd.JsonLdManifest.Vocab + "FlattenTest"] = JsonLd.JsonLdTests.Flatten,
        [ShaclTests.Validate] = ShaclTests.Run,
        [Mf.Namespace + "ProtocolTest"] = HttpExchangeTests.Protocol,
        [Mf.Namespace + "GraphStoreProtocolTest"] = HttpExchangeTests.GraphStore,
        [Mf.Namespace + "ServiceDescriptionTest"] = ServiceDescriptionTests.Run,
    };

    /// <summary>The handler for <paramref name="test"/>'s type, or null when none of its types is known.</summary>
    public static TestHandler? For(TestEntry test)
    {
        foreach (var type in test.Types)
            if (ByType.TryGetValue(type.Value, out var handler)) return handler;
        return null;
    }
}
