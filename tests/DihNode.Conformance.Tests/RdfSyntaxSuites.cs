namespace DihNode.Conformance.Tests;

/// <summary>The RDF 1.1 syntax suites (Turtle, TriG, N-Triples, N-Quads, RDF/XML): one theory per manifest.</summary>
public class RdfSyntaxSuites
{
    public static IEnumerable<object[]> TurtleTests => ManifestTestData.For("rdf-turtle");
    public static IEnumerable<object[]> TrigTests => ManifestTestData.For("rdf-trig");
    public static IEnumerable<object[]> NTriplesTests => ManifestTestData.For("rdf-n-triples");
    public static IEnumerable<object[]> NQuadsTests => ManifestTestData.For("rdf-n-quads");
    public static IEnumerable<object[]> RdfXmlTests => ManifestTestData.For("rdf-xml");

    [SkippableTheory]
    [MemberData(nameof(TurtleTests))]
    public void Turtle(string test) => ManifestTestData.Check("rdf-turtle", test);

    [SkippableTheory]
    [MemberData(nameof(TrigTests))]
    public void Trig(string test) => ManifestTestData.Check("rdf-trig", test);

    [SkippableTheory]
    [MemberData(nameof(NTriplesTests))]
    public void NTriples(string test) => ManifestTestData.Check("rdf-n-triples", test);

    [SkippableTheory]
    [MemberData(nameof(NQuadsTests))]
    public void NQuads(string test) => ManifestTestData.Check("rdf-n-quads", test);

    [SkippableTheory]
    [MemberData(nameof(RdfXmlTests))]
    public void RdfXml(string test) => ManifestTestData.Check("rdf-xml", test);
}
