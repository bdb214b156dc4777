using DihNode.Conformance.Manifests;
using DihNode.Conformance.Running;

namespace DihNode.Conformance.Tests;

/// <summary>Checks on the harness itself that do not need a parser.</summary>
public class RunnerTests
{
    [Fact]
    public void EveryRdfSyntaxTestTypeHasAHandler()
    {
        foreach (string type in new[]
                 {
                     Rdft.TestTurtleEval, Rdft.TestTurtlePositiveSyntax, Rdft.TestTurtleNegativeSyntax,
                     Rdft.TestTrigEval, Rdft.TestTrigPositiveSyntax, Rdft.TestTrigNegativeSyntax,
                     Rdft.TestNTriplesPositiveSyntax, Rdft.TestNTriplesNegativeSyntax,
                     Rdft.TestNQuadsPositiveSyntax, Rdft.TestNQuadsNegativeSyntax,
                 })
            Assert.True(TestHandlers.ByType.ContainsKey(type), type);
    }

    [Fact]
    public void RdfSyntaxSuitesHaveNoSkips()
    {
        foreach (string name in new[] { "rdf-turtle", "rdf-trig", "rdf-n-triples", "rdf-n-quads" })
        {
            var suite = Suites.Get(name);
            Assert.DoesNotContain(Skips.Reasons.Keys, id => id.StartsWith(suite.PublicBase!, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void SharedFolderHoldsTheSuites()
    {
        foreach (var suite in Suites.All)
            foreach (string manifest in suite.Manifests)
                Assert.True(File.Exists(Path.Combine(SharedFolder.Conformance, suite.Folder, manifest)), suite.Name);
    }

    [Fact]
    public void LocatorMapsIrisToFilesAndBack()
    {
        var folder = Path.Combine(SharedFolder.Conformance, "rdf11", "rdf-turtle");
        var locator = new DocumentLocator("https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-turtle/", folder);
        string path = locator.PathOf("https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-turtle/manifest.ttl#IRI_subject");
        Assert.Equal(Path.Combine(folder, "manifest.ttl"), path);
        Assert.Equal("https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-turtle/manifest.ttl", locator.IriOf(path));
        Assert.Throws<ArgumentException>(() => locator.PathOf("http://example.org/elsewhere.ttl"));

        var files = DocumentLocator.ForFiles(folder);
        Assert.StartsWith("file:///", files.BaseIri);
        Assert.Equal(path, files.PathOf(files.IriOf(path)));
    }

    [Fact]
    public void UnknownTestTypeFails()
    {
        var graph = new ManifestGraph();
        var manifest = new LoadedManifest(DihNode.Rdf.Model.Iri.Create("http://example.org/manifest"), "manifest.ttl", graph, null,
            new DocumentLocator("http://example.org/", "."));
        var entry = new TestEntry("http://example.org/manifest#t", DihNode.Rdf.Model.Iri.Create("http://example.org/manifest#t"), "t",
            [DihNode.Rdf.Model.Iri.Create("http://example.org/UnknownTest")], null, null, null, null, manifest);
        var result = ConformanceRunner.Run(entry);
        Assert.Equal(TestStatus.Failed, result.Status);
        Assert.Contains("no handler", result.Reason);
    }
}
