using DihNode.Rdf.Model;

namespace DihNode.Conformance.Manifests;

/// <summary>
/// The test-manifest vocabulary (https://www.w3.org/2001/sw/DataAccess/tests/test-manifest#) and the
/// RDF / DAWG test-type vocabularies the W3C suites use.
/// </summary>
internal static class Mf
{
    public const string Namespace = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
    public static readonly Iri Manifest = Iri.FromTrusted(Namespace + "Manifest");
    public static readonly Iri Entries = Iri.FromTrusted(Namespace + "entries");
    public static readonly Iri Include = Iri.FromTrusted(Namespace + "include");
    public static readonly Iri Name = Iri.FromTrusted(Namespace + "name");
    public static readonly Iri Action = Iri.FromTrusted(Namespace + "action");
    public static readonly Iri Result = Iri.FromTrusted(Namespace + "result");
    public static readonly Iri AssumedTestBase = Iri.FromTrusted(Namespace + "assumedTestBase");
    public static readonly Iri ResultCardinality = Iri.FromTrusted(Namespace + "resultCardinality");
    public static readonly Iri LaxCardinality = Iri.FromTrusted(Namespace + "LaxCardinality");

    // SPARQL test types (SPARQL 1.0 DAWG and SPARQL 1.1 working group manifests).
    public const string PositiveSyntaxTest = Namespace + "PositiveSyntaxTest";
    public const string NegativeSyntaxTest = Namespace + "NegativeSyntaxTest";
    public const string PositiveSyntaxTest11 = Namespace + "PositiveSyntaxTest11";
    public const string NegativeSyntaxTest11 = Namespace + "NegativeSyntaxTest11";
    public const string PositiveUpdateSyntaxTest11 = Namespace + "PositiveUpdateSyntaxTest11";
    public const string NegativeUpdateSyntaxTest11 = Namespace + "NegativeUpdateSyntaxTest11";
    public const string QueryEvaluationTest = Namespace + "QueryEvaluationTest";
    public const string CsvResultFormatTest = Namespace + "CSVResultFormatTest";
    public const string UpdateEvaluationTest = Namespace + "UpdateEvaluationTest";
}

/// <summary>
/// The query-test vocabulary (http://www.w3.org/2001/sw/DataAccess/tests/test-query#): what a
/// QueryEvaluationTest's action holds (the query, default-graph data, named graphs).
/// </summary>
internal static class Qt
{
    public const string Namespace = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#";
    public static readonly Iri Query = Iri.FromTrusted(Namespace + "query");
    public static readonly Iri Data = Iri.FromTrusted(Namespace + "data");
    public static readonly Iri GraphData = Iri.FromTrusted(Namespace + "graphData");
    public static readonly Iri Graph = Iri.FromTrusted(Namespace + "graph");
    public static readonly Iri ServiceData = Iri.FromTrusted(Namespace + "serviceData");
    public static readonly Iri Endpoint = Iri.FromTrusted(Namespace + "endpoint");
}

/// <summary>The RDF test vocabulary (http://www.w3.org/ns/rdftest#): test types of the RDF syntax suites.</summary>
internal static class Rdft
{
    public const string Namespace = "http://www.w3.org/ns/rdftest#";
    public static readonly Iri Approval = Iri.FromTrusted(Namespace + "approval");

    public const string TestTurtleEval = Namespace + "TestTurtleEval";
    public const string TestTurtlePositiveSyntax = Namespace + "TestTurtlePositiveSyntax";
    public const string TestTurtleNegativeSyntax = Namespace + "TestTurtleNegativeSyntax";
    public const string TestTurtleNegativeEval = Namespace + "TestTurtleNegativeEval";
    public const string TestTrigEval = Namespace + "TestTrigEval";
    public const string TestTrigPositiveSyntax = Namespace + "TestTrigPositiveSyntax";
    public const string TestTrigNegativeSyntax = Namespace + "TestTrigNegativeSyntax";
    public const string TestTrigNegativeEval = Namespace + "TestTrigNegativeEval";
    public const string TestNTriplesPositiveSyntax = Namespace + "TestNTriplesPositiveSyntax";
    public const string TestNTriplesNegativeSyntax = Namespace + "TestNTriplesNegativeSyntax";
    public const string TestNQuadsPositiveSyntax = Namespace + "TestNQuadsPositiveSyntax";
    public const string TestNQuadsNegativeSyntax = Namespace + "TestNQuadsNegativeSyntax";
    public const string TestXMLEval = Namespace + "TestXMLEval";
    public const string TestXMLNegativeSyntax = Namespace + "TestXMLNegativeSyntax";
}

/// <summary>The DAWG test vocabulary (http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#), used by SPARQL manifests.</summary>
internal static class Dawgt
{
    public const string Namespace = "http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#";
    public static readonly Iri Approval = Iri.FromTrusted(Namespace + "approval");
}

/// <summary>RDF Schema terms the manifests use for labels and comments.</summary>
internal static class Rdfs
{
    public const string Namespace = "http://www.w3.org/2000/01/rdf-schema#";
    public static readonly Iri Label = Iri.FromTrusted(Namespace + "label");
    public static readonly Iri Comment = Iri.FromTrusted(Namespace + "comment");
}
