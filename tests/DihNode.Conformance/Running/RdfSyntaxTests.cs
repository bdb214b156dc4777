using DihNode.Conformance.Manifests;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;

namespace DihNode.Conformance.Running;

/// <summary>
/// The RDF syntax test types (RDF 1.1 test vocabulary, http://www.w3.org/ns/rdftest#): positive and
/// negative syntax tests, and evaluation tests whose mf:result is the expected graph or dataset in
/// N-Triples / N-Quads, compared by isomorphism (RDF 1.1 Concepts §3.6).
/// </summary>
internal static class RdfSyntaxTests
{
    public static TestOutcome PositiveSyntax(TestEntry test, RdfFormat format)
    {
        var (path, baseIri) = Action(test);
        try
        {
            Parse(path, format, baseIri);
            return TestOutcome.Pass;
        }
        catch (RdfSyntaxException e)
        {
            return TestOutcome.Fail($"rejected valid input {Path.GetFileName(path)}: {e.Message}");
        }
    }

    public static TestOutcome NegativeSyntax(TestEntry test, RdfFormat format)
    {
        var (path, baseIri) = Action(test);
        try
        {
            var quads = Parse(path, format, baseIri);
            return TestOutcome.Fail($"accepted invalid input {Path.GetFileName(path)} ({quads.Count} quads, expected RdfSyntaxException)");
        }
        catch (RdfSyntaxException)
        {
            return TestOutcome.Pass;
        }
    }

    public static TestOutcome Evaluation(TestEntry test, RdfFormat format)
    {
        var (path, baseIri) = Action(test);
        if (test.Result is not Iri resultIri) return TestOutcome.Fail("evaluation test without an mf:result IRI");
        string resultPath = test.Manifest.Locator.PathOf(resultIri.Value);
        var resultFormat = RdfFormats.FromFileName(resultPath)
            ?? (format.SupportsDatasets() ? RdfFormat.NQuads : RdfFormat.NTriples);

        List<Quad> actual;
        try
        {
            actual = Parse(path, format, baseIri);
        }
        catch (RdfSyntaxException e)
        {
            return TestOutcome.Fail($"rejected valid input {Path.GetFileName(path)}: {e.Message}");
        }
        List<Quad> expected;
        try
        {
            expected = Parse(resultPath, resultFormat, resultIri.Value);
        }
        catch (RdfSyntaxException e)
        {
            return TestOutcome.Fail($"could not read the expected result {Path.GetFileName(resultPath)}: {e.Message}");
        }

        string? difference = Isomorphism.DescribeDifference(expected, actual);
        return difference is null
            ? TestOutcome.Pass
            : TestOutcome.Fail($"{Path.GetFileName(path)} does not match {Path.GetFileName(resultPath)}: {difference}");
    }

    /// <summary>
    /// The action's file and the base IRI to parse it with: mf:assumedTestBase + the action's path
    /// when the manifest declares one, else the action's own IRI.
    /// </summary>
    private static (string Path, string BaseIri) Action(TestEntry test)
    {
        if (test.Action is not Iri action) throw new InvalidDataException($"{test.Id}: mf:action is not an IRI");
        var locator = test.Manifest.Locator;
        string baseIri = test.Manifest.AssumedTestBase is { } assumed
            ? assumed + locator.RelativePath(action.Value)
            : action.Value;
        return (locator.PathOf(action.Value), baseIri);
    }

    /// <summary>Parses a file into a list of quads.</summary>
    public static List<Quad> Parse(string path, RdfFormat format, string baseIri)
    {
        var sink = new QuadList();
        using var stream = File.OpenRead(path);
        RdfParser.Parse(stream, format, sink, new RdfParserOptions { BaseIri = baseIri, SourceName = Path.GetFileName(path) });
        return sink.Quads;
    }

    private sealed class QuadList : IQuadSink
    {
        public List<Quad> Quads { get; } = [];

        public void Add(in Quad quad) => Quads.Add(quad);
    }
}
