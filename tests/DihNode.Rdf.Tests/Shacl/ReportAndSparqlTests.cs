using System.Diagnostics;
using DihNode.Rdf.Model;
using DihNode.Rdf.Shacl;
using DihNode.Rdf.Store;
using static DihNode.Rdf.Tests.Shacl.ShaclTestSupport;

namespace DihNode.Rdf.Tests.Shacl;

/// <summary>Property paths, SHACL-SPARQL constraints, the RDF and text reports, and agreement with Jena.</summary>
public class ReportAndSparqlTests
{
    private const string PathData = """
        ex:a ex:child ex:b . ex:b ex:child ex:c . ex:c ex:name "C" . ex:b ex:alias "B" .
        """;

    [Theory]
    [InlineData("ex:child", "b")]
    [InlineData("( ex:child ex:child )", "c")]
    [InlineData("[ sh:alternativePath ( ex:child ex:alias ) ]", "b")]
    [InlineData("[ sh:zeroOrMorePath ex:child ]", "a b c")]
    [InlineData("[ sh:oneOrMorePath ex:child ]", "b c")]
    [InlineData("[ sh:zeroOrOnePath ex:child ]", "a b")]
    [InlineData("( [ sh:oneOrMorePath ex:child ] ex:name )", "C")]
    public void PathsReachTheirValueNodes(string path, string expected)
    {
        // sh:in with an empty list rejects every value node, so the results name the values reached.
        var report = Validate(PathData, $"ex:S sh:targetNode ex:a ; sh:property [ sh:path {path} ; sh:in () ] .");
        Assert.Equal(expected.Split(' ').Order(StringComparer.Ordinal), report.Results.Select(r => Short(r.Value!)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void InversePath()
    {
        var report = Validate(PathData, "ex:S sh:targetNode ex:c ; sh:property [ sh:path [ sh:inversePath ex:child ] ; sh:in () ] .");
        Assert.Equal("b", Short(Assert.Single(report.Results).Value!));
    }

    [Fact]
    public void InverseOfAComplexPath()
    {
        // ^(child/child): from c back to a; ^(child+): from c back to b and a.
        var sequence = Validate(PathData, "ex:S sh:targetNode ex:c ; sh:property [ sh:path [ sh:inversePath ( ex:child ex:child ) ] ; sh:in () ] .");
        Assert.Equal(["a"], sequence.Results.Select(r => Short(r.Value!)));
        var repeat = Validate(PathData, "ex:S sh:targetNode ex:c ; sh:property [ sh:path [ sh:inversePath [ sh:oneOrMorePath ex:child ] ] ; sh:in () ] .");
        Assert.Equal(["a", "b"], repeat.Results.Select(r => Short(r.Value!)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ReportGraphCarriesTheResultAndItsPath()
    {
        var report = Validate(PathData, "ex:S sh:targetNode ex:a ; sh:property [ sh:path ( ex:child ex:child ) ; sh:maxCount 0 ] .");
        var quads = report.ToQuads();
        var sh = "http://www.w3.org/ns/shacl#";
        Assert.Contains(quads, q => q.Predicate.Value == sh + "conforms" && q.Object.Equals(Literal.Typed("false", Vocabulary.Xsd.Boolean)));
        Assert.Contains(quads, q => q.Predicate.Value == sh + "focusNode" && q.Object.Equals(I("a")));
        Assert.Contains(quads, q => q.Predicate.Value == sh + "sourceConstraintComponent" && q.Object.Equals(Iri.Create(sh + "MaxCountConstraintComponent")));
        var path = quads.Single(q => q.Predicate.Value == sh + "resultPath").Object;
        Assert.Contains(quads, q => q.Subject.Equals(path) && q.Predicate.Equals(Vocabulary.Rdf.First) && q.Object.Equals(I("child")));
        var conforming = Validate(PathData, "ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:child ; sh:minCount 1 ] .");
        Assert.True(conforming.Conforms);
        Assert.Equal(2, conforming.ToQuads().Count);
    }

    [Fact]
    public void TextReportHasOneLinePerResult()
    {
        var report = Validate("ex:a ex:p 1 .", """
            ex:S sh:targetNode ex:a, ex:b ; sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:message "p is required" ] .
            ex:T sh:targetNode ex:a ; sh:severity sh:Warning ; sh:class ex:C .
            """);
        var lines = report.ToText().TrimEnd('\n').Split('\n');
        Assert.Equal("Does not conform: 2 results", lines[0]);
        Assert.Contains("Violation <http://example.org/b> path <http://example.org/p> MinCountConstraintComponent: p is required", lines);
        Assert.Contains(lines, l => l.StartsWith("Warning <http://example.org/a> ClassConstraintComponent value <http://example.org/a>", StringComparison.Ordinal));
        Assert.Equal("Conforms: 0 results\n", ShaclValidator.Validate([], Turtle("ex:S sh:targetNode ex:a .")).ToText());
    }

    [Fact]
    public void SparqlConstraintWithPrefixesAndMessageTemplate()
    {
        var report = Validate("ex:a ex:label \"ok\" . ex:b ex:label \"bad\" .", """
            ex:Prefixes sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/"^^xsd:anyURI ] .
            ex:S sh:targetSubjectsOf ex:label ; sh:property ex:P .
            ex:P sh:path ex:label ;
              sh:sparql [ sh:prefixes ex:Prefixes ; sh:message "{$this} has label {?value}" ;
                sh:select "SELECT $this ?value WHERE { $this $PATH ?value . FILTER (?value = \"bad\") }" ] .
            """);
        var r = Assert.Single(report.Results);
        Assert.Equal(I("b"), r.FocusNode);
        Assert.Equal(Iri.Create("http://www.w3.org/ns/shacl#SPARQLConstraintComponent"), r.SourceConstraintComponent);
        Assert.Equal("http://example.org/b has label bad", Assert.Single(r.Messages).LexicalForm);
        Assert.NotNull(r.SourceConstraint);
    }

    [Fact]
    public void SparqlQueriesThatCannotBePreBoundFail() =>
        Assert.Throws<ShaclException>(() => Validate("ex:a ex:p 1 .",
            "ex:S sh:targetNode ex:a ; sh:sparql [ sh:select \"SELECT $this WHERE { $this ?p ?o MINUS { $this ?p 2 } }\" ] ."));

    [Fact]
    public void StoreInputGivesTheSameReport()
    {
        var store = new MemoryDataset();
        foreach (var q in Turtle("ex:a ex:p 1 .")) store.Add(q);
        var report = ShaclValidator.Validate(store, Turtle("ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:datatype xsd:string ] ."));
        Assert.Equal(["a Datatype 1"], Summary(report));
    }

    /// <summary>Apache Jena SHACL on the hubs example: same conformance, same focus nodes.</summary>
    [Fact]
    public void AgreesWithJenaOnTheHubsExample()
    {
        string shared = DihNode.Rdf.Tests.Io.WriteTestHelper.SharedRoot();
        string tool = Path.Combine(shared, "tools", "jena-shacl");
        string data = Path.Combine(shared, "tools", "examples", "hubs.ttl");
        string shapes = Path.Combine(shared, "tools", "examples", "hubs-shapes.ttl");
        Assert.True(File.Exists(tool), "Jena SHACL wrapper missing: " + tool);
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("--text");
        psi.ArgumentList.Add(data);
        psi.ArgumentList.Add(shapes);
        using var process = Process.Start(psi)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        bool jenaConforms = process.ExitCode == 0;
        var jenaFocus = output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("Node=<", StringComparison.Ordinal))
            .Select(l => l["Node=<".Length..^1]).ToHashSet();

        var report = ShaclValidator.Validate(Read(data), Read(shapes));
        Assert.Equal(jenaConforms, report.Conforms);
        Assert.Equal(jenaFocus.Order(StringComparer.Ordinal), report.Results.Select(r => ((Iri)r.FocusNode).Value).Distinct().Order(StringComparer.Ordinal));
        Assert.NotEmpty(jenaFocus);
    }

    private static List<Quad> Read(string path)
    {
        var quads = new List<Quad>();
        using var stream = File.OpenRead(path);
        DihNode.Rdf.Io.RdfParser.Parse(stream, DihNode.Rdf.Io.RdfFormat.Turtle, new Sink(quads), new DihNode.Rdf.Io.RdfParserOptions { BaseIri = "file://" + path });
        return quads;
    }

    private sealed class Sink(List<Quad> quads) : DihNode.Rdf.Io.IQuadSink
    {
        public void Add(in Quad quad) => quads.Add(quad);
    }
}
