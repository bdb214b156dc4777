using DihNode.Conformance.JsonLd;
using DihNode.Conformance.Running;

namespace DihNode.Conformance.Tests;

/// <summary>
/// The JSON-LD 1.1 suites (expand, toRdf, remote-doc, html): one theory per manifest.
/// Every test must pass or be skipped with a reason.
/// </summary>
public class JsonLdSuites
{
    public static IEnumerable<object[]> ExpandTests => ManifestTestData.For("jsonld-expand");
    public static IEnumerable<object[]> ToRdfTests => ManifestTestData.For("jsonld-toRdf");
    public static IEnumerable<object[]> RemoteDocTests => ManifestTestData.For("jsonld-remote-doc");
    public static IEnumerable<object[]> HtmlTests => ManifestTestData.For("jsonld-html");

    [SkippableTheory]
    [MemberData(nameof(ExpandTests))]
    public void Expand(string test) => ManifestTestData.Check("jsonld-expand", test);

    [SkippableTheory]
    [MemberData(nameof(ToRdfTests))]
    public void ToRdf(string test) => ManifestTestData.Check("jsonld-toRdf", test);

    [SkippableTheory]
    [MemberData(nameof(RemoteDocTests))]
    public void RemoteDoc(string test) => ManifestTestData.Check("jsonld-remote-doc", test);

    [SkippableTheory]
    [MemberData(nameof(HtmlTests))]
    public void Html(string test) => ManifestTestData.Check("jsonld-html", test);
}
