using DihNode.Conformance.Manifests;
using DihNode.Conformance.Running;

namespace DihNode.Conformance.Tests;

/// <summary>Manifest loading on a small suite written to a temporary folder.</summary>
public sealed class ManifestLoaderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "dihnode-manifest-" + Guid.NewGuid().ToString("N"));

    public ManifestLoaderTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "suite", "sub"));
        File.WriteAllText(Path.Combine(_root, "suite", "manifest.ttl"), """
            @prefix mf: <http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#> .
            @prefix rdft: <http://www.w3.org/ns/rdftest#> .
            <> a mf:Manifest ;
               mf:include ( <sub/manifest.ttl> ) ;
               mf:entries ( <#top> ) .
            <#top> a rdft:TestTurtlePositiveSyntax ; mf:name "top" ; mf:action <ok.ttl> ; rdft:approval rdft:Approved .
            """);
        File.WriteAllText(Path.Combine(_root, "suite", "sub", "manifest.ttl"), """
            @prefix mf: <http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#> .
            @prefix rdft: <http://www.w3.org/ns/rdftest#> .
            @prefix dawgt: <http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#> .
            @prefix : <http://example.org/sub#> .
            <> a mf:Manifest ; mf:entries ( :bad :eval [ a rdft:TestTurtlePositiveSyntax ; mf:action <ok.ttl> ] ) .
            :bad a rdft:TestTurtleNegativeSyntax ; mf:name "bad" ; mf:action <bad.ttl> ; dawgt:approval dawgt:Proposed .
            :eval a rdft:TestTurtleEval ; mf:name "eval" ; mf:action <ok.ttl> ; mf:result <ok.nt> .
            """);
        File.WriteAllText(Path.Combine(_root, "suite", "ok.ttl"), "<a> <b> [ <c> \"d\" ] .\n");
        File.WriteAllText(Path.Combine(_root, "suite", "sub", "ok.ttl"), "<a> <b> [ <c> \"d\" ] .\n");
        File.WriteAllText(Path.Combine(_root, "suite", "sub", "bad.ttl"), "<a> <b> .\n");
        File.WriteAllText(Path.Combine(_root, "suite", "sub", "ok.nt"),
            "<http://example.org/base/sub/a> <http://example.org/base/sub/b> _:x .\n_:x <http://example.org/base/sub/c> \"d\" .\n");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void IncludedManifestsComeFirstAndEntriesKeepTheirIris()
    {
        var suite = new Suite("temp", "suite", ["manifest.ttl"], "http://example.org/base/");
        var tests = ManifestLoader.Load(suite, _root);
        Assert.Equal(
            ["http://example.org/sub#bad", "http://example.org/sub#eval", "http://example.org/base/sub/manifest.ttl#entry3", "http://example.org/base/manifest.ttl#top"],
            tests.Select(t => t.Id));
        Assert.Equal("bad", tests[0].Name);
        Assert.Equal("http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#Proposed", tests[0].Approval?.Value);
        Assert.Equal("http://www.w3.org/ns/rdftest#Approved", tests[3].Approval?.Value);
        Assert.Equal(Path.Combine(_root, "suite", "sub", "manifest.ttl"), tests[0].Manifest.Path);

        // Relative IRIs in the actions resolve against each action's own IRI (no mf:assumedTestBase here).
        Assert.All(tests, t => Assert.Equal(TestStatus.Passed, ConformanceRunner.Run(t).Status));
    }

    [Fact]
    public void FileBaseIsUsedWithoutAPublishedBase()
    {
        var tests = ManifestLoader.Load(new Suite("temp", "suite", ["manifest.ttl"], null), _root);
        Assert.StartsWith("file:///", tests[^1].Id);
        Assert.EndsWith("/suite/manifest.ttl#top", tests[^1].Id);
        Assert.Equal(TestStatus.Passed, ConformanceRunner.Run(tests[^1]).Status);
    }
}
