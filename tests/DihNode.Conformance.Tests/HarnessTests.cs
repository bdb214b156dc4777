using DihNode.Conformance.Manifests;
using DihNode.Conformance.Reporting;
using DihNode.Conformance.Running;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;

namespace DihNode.Conformance.Tests;

/// <summary>The manifest graph helpers and the EARL report.</summary>
public class HarnessTests
{
    private static readonly Iri P = Iri.Create("http://example.org/p");

    private static TestEntry Entry(string id, ManifestGraph graph) => new(id, Iri.Create(id), id, [], null, null, null, null,
        new LoadedManifest(Iri.Create("http://example.org/manifest"), "manifest.ttl", graph, null, new DocumentLocator("http://example.org/", ".")));

    [Fact]
    public void ListsAreWalkedInOrder()
    {
        var g = new ManifestGraph();
        var (l1, l2) = (new BlankNode("l1"), new BlankNode("l2"));
        g.Add(new Quad(Iri.Create("http://example.org/m"), P, l1, null));
        g.Add(new Quad(l1, Vocabulary.Rdf.First, Iri.Create("http://example.org/a"), null));
        g.Add(new Quad(l1, Vocabulary.Rdf.Rest, l2, null));
        g.Add(new Quad(l2, Vocabulary.Rdf.First, Iri.Create("http://example.org/b"), null));
        g.Add(new Quad(l2, Vocabulary.Rdf.Rest, Vocabulary.Rdf.Nil, null));
        var head = g.Object(Iri.Create("http://example.org/m"), P)!;
        Assert.Equal(["<http://example.org/a>", "<http://example.org/b>"], g.List(head).Select(t => t.ToString()));
        Assert.Empty(g.List(Vocabulary.Rdf.Nil));

        g.Add(new Quad(new BlankNode("c"), Vocabulary.Rdf.First, Literal.Simple("x"), null));
        g.Add(new Quad(new BlankNode("c"), Vocabulary.Rdf.Rest, new BlankNode("c"), null));
        Assert.Throws<InvalidDataException>(() => g.List(new BlankNode("c")));
    }

    [Fact]
    public void EarlReportHasOneAssertionPerTest()
    {
        var g = new ManifestGraph();
        var results = new[]
        {
            new TestResult(Entry("http://example.org/manifest#ok", g), TestStatus.Passed, null, TimeSpan.Zero),
            new TestResult(Entry("http://example.org/manifest#bad", g), TestStatus.Failed, "line 1, column 2: \"quoted\"", TimeSpan.Zero),
        };
        var quads = EarlReport.Build(results, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var assertionType = Iri.Create("http://www.w3.org/ns/earl#Assertion");
        Assert.Equal(2, quads.Count(q => q.Predicate.Equals(Vocabulary.Rdf.Type) && q.Object.Equals(assertionType)));
        Assert.Contains(quads, q => q.Object.Equals(Iri.Create("http://www.w3.org/ns/earl#failed")));
        Assert.Contains(quads, q => q.Object.Equals(Literal.Simple("line 1, column 2: \"quoted\"")));
        Assert.Contains(quads, q => q.Object.Equals(Literal.Typed("2026-01-02T03:04:05Z", Vocabulary.Xsd.DateTime)));
    }

    [Fact]
    public void EarlTurtleAndNTriplesSayTheSame()
    {
        var g = new ManifestGraph();
        var results = new[] { new TestResult(Entry("http://example.org/manifest#t1", g), TestStatus.Failed, "why\nnot", TimeSpan.Zero) };
        string dir = Path.Combine(Path.GetTempPath(), "dihnode-earl-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string ttl = Path.Combine(dir, "earl.ttl"), nt = Path.Combine(dir, "earl.nt");
            EarlReport.Write(ttl, results, DateTimeOffset.UnixEpoch);
            EarlReport.Write(nt, results, DateTimeOffset.UnixEpoch);
            Assert.Contains("earl:outcome earl:failed", File.ReadAllText(ttl));
            var fromTurtle = RdfSyntaxTests.Parse(ttl, RdfFormat.Turtle, "http://example.org/");
            var fromNTriples = RdfSyntaxTests.Parse(nt, RdfFormat.NTriples, "http://example.org/");
            Assert.Null(Isomorphism.DescribeDifference(EarlReport.Build(results, DateTimeOffset.UnixEpoch), fromTurtle));
            Assert.Null(Isomorphism.DescribeDifference(fromNTriples, fromTurtle));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
