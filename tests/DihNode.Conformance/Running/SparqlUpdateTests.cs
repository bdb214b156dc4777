using DihNode.Conformance.Manifests;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Rdf.Sparql.Update;
using DihNode.Rdf.Store;

namespace DihNode.Conformance.Running;

/// <summary>The update test vocabulary (https://www.w3.org/2009/sparql/docs/tests/README-update.html).</summary>
internal static class Ut
{
    public const string Namespace = "http://www.w3.org/2009/sparql/tests/test-update#";
    public static readonly Iri Request = Iri.FromTrusted(Namespace + "request");
    public static readonly Iri Data = Iri.FromTrusted(Namespace + "data");
    public static readonly Iri GraphData = Iri.FromTrusted(Namespace + "graphData");
    public static readonly Iri Graph = Iri.FromTrusted(Namespace + "graph");
}

/// <summary>
/// mf:UpdateEvaluationTest: the mf:action's ut:data (default graph) and ut:graphData (named graphs:
/// ut:graph is the file, rdfs:label the graph's name) make the store; ut:request is run on it; the
/// store must then equal the dataset that mf:result describes the same way (an empty mf:result: an
/// empty store), compared as datasets up to blank-node renaming. The store keeps no empty graphs,
/// so a graph the expected dataset names with an empty file is simply absent on both sides.
/// </summary>
internal static class SparqlUpdateTests
{
    public static TestOutcome UpdateEvaluation(TestEntry test)
    {
        var graph = test.Manifest.Graph;
        if (test.Action is null) return TestOutcome.Fail("no mf:action");
        if (graph.Object(test.Action, Ut.Request) is not Iri requestIri) return TestOutcome.Fail("mf:action has no ut:request IRI");
        string requestPath = test.Manifest.Locator.PathOf(requestIri.Value);

        UpdateRequest request;
        try
        {
            request = SparqlParser.ParseUpdate(SparqlSyntaxTests.ReadText(requestPath), requestIri.Value);
        }
        catch (SparqlSyntaxException e)
        {
            return TestOutcome.Fail($"parser: {Path.GetFileName(requestPath)} rejected: {e.Message}");
        }

        var store = new MemoryDataset();
        var expected = new MemoryDataset();
        try
        {
            LoadDataset(test, test.Action, store);
            if (test.Result is not null) LoadDataset(test, test.Result, expected);
        }
        catch (TestInputException e)
        {
            return TestOutcome.Fail(e.Message);
        }

        try
        {
            UpdateExecutor.Execute(request, store, new UpdateOptions { BaseIri = requestIri.Value });
        }
        catch (Exception e) when (e is UpdateExecutionException or QueryEvaluationException)
        {
            return TestOutcome.Fail($"executor: {e.GetType().Name}: {e.Message}");
        }

        string? difference = Isomorphism.DescribeDifference(expected.Quads().ToList(), store.Quads().ToList());
        return difference is null ? TestOutcome.Pass : TestOutcome.Fail($"store after the update differs from mf:result: {difference}");
    }

    /// <summary>Loads a node's ut:data files into the default graph and its ut:graphData files into named graphs.</summary>
    private static void LoadDataset(TestEntry test, Term node, MemoryDataset dataset)
    {
        var graph = test.Manifest.Graph;
        foreach (var data in graph.Objects(node, Ut.Data))
        {
            if (data is not Iri iri) throw new TestInputException($"ut:data {data} is not an IRI");
            Load(test, dataset, iri.Value, null);
        }
        foreach (var data in graph.Objects(node, Ut.GraphData))
        {
            if (data is Iri direct)
            {
                Load(test, dataset, direct.Value, direct);
                continue;
            }
            if (graph.Object(data, Ut.Graph) is not Iri file) throw new TestInputException($"ut:graphData {data} has no ut:graph IRI");
            string? label = graph.Text(data, Rdfs.Label);
            Load(test, dataset, file.Value, label is null ? file : Iri.Create(label));
        }
    }

    private static void Load(TestEntry test, MemoryDataset dataset, string fileIri, Iri? graphName)
    {
        string path = test.Manifest.Locator.PathOf(fileIri);
        var format = RdfFormats.FromFileName(path) ?? throw new TestInputException($"no RDF format for {Path.GetFileName(path)}");
        List<Quad> quads;
        try
        {
            quads = RdfSyntaxTests.Parse(path, format, fileIri);
        }
        catch (RdfSyntaxException e)
        {
            throw new TestInputException($"data {Path.GetFileName(path)} does not parse: {e.Message}", e);
        }
        dataset.Load(sink =>
        {
            foreach (var q in quads)
                sink.Add(graphName is null ? q : new Quad(q.Subject, q.Predicate, q.Object, graphName));
        });
    }
}
