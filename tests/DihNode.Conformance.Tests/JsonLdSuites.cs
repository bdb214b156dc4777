using DihNode.Conformance.JsonLd;
using DihNode.Conformance.Running;

namespace DihNode.Conformance.Tests;

/// <summary>
/// The JSON-LD 1.1 suites (expand, toRdf, remote-doc, html): one theory per manifest. A test listed
/// in <see cref="JsonLdKnownFailures"/> must still fail (so the list shrinks when it is fixed);
/// every other test must pass or be skipped with a reason.
/// </summary>
public class JsonLdSuites
{
    public static IEnumerable<object[]> ExpandTests => ManifestTestData.For("jsonld-expand");
    public static IEnumerable<object[]> ToRdfTests => ManifestTestData.For("jsonld-toRdf");
    public static IEnumerable<object[]> RemoteDocTests => ManifestTestData.For("jsonld-remote-doc");
    public static IEnumerable<object[]> HtmlTests => ManifestTestData.For("jsonld-html");

    [SkippableTheory]
    [MemberData(nameof(ExpandTests))]
    public void Expand(string test) => Check("jsonld-expand", test);

    [SkippableTheory]
    [MemberData(nameof(ToRdfTests))]
    public void ToRdf(string test) => Check("jsonld-toRdf", test);

    [SkippableTheory]
    [MemberData(nameof(RemoteDocTests))]
    public void RemoteDoc(string test) => Check("jsonld-remote-doc", test);

    [SkippableTheory]
    [MemberData(nameof(HtmlTests))]
    public void Html(string test) => Check("jsonld-html", test);

    private static void Check(string suiteName, string testId)
    {
        if (JsonLdKnownFailures.ReasonFor(testId) is not { } knownReason)
        {
            ManifestTestData.Check(suiteName, testId);
            return;
        }
        var result = ConformanceRunner.Run(ConformanceRunner.Load(suiteName).Get(testId));
        Assert.True(result.Status == TestStatus.Failed,
            $"<{testId}> is listed as a known failure ({knownReason}) but now {result.Status}: remove it from JsonLdKnownFailures");
    }
}
