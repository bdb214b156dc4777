using DihNode.Conformance.Manifests;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Results;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Rdf.Store;

namespace DihNode.Conformance.Running;

/// <summary>A test input that could not be read: the test fails with this message.</summary>
internal sealed class TestInputException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The expected outcome of a query evaluation test: a result (table or boolean) or a graph.</summary>
internal sealed record ExpectedAnswer(SparqlResult? Solutions, IReadOnlyList<Triple>? Graph, string FileName);

/// <summary>
/// Reads what a query evaluation test names (SPARQL test manifest vocabulary,
/// https://www.w3.org/2001/sw/DataAccess/tests/README): the mf:action node's qt:query (the query
/// file), qt:data (0..n files merged into the default graph) and qt:graphData (named graphs, each
/// named by its file's IRI), and the mf:result file. Files are read with their IRIs in the suite's
/// historical namespace as base, so relative IRIs resolve as the test authors expected.
/// </summary>
internal static class SparqlTestInputs
{
    /// <summary>The query file's path and IRI.</summary>
    public static (string Path, string Iri) QueryFile(TestEntry test)
    {
        var graph = test.Manifest.Graph;
        if (test.Action is null) throw new TestInputException("no mf:action");
        if (graph.Object(test.Action, Qt.Query) is not Iri query) throw new TestInputException("mf:action has no qt:query IRI");
        return (test.Manifest.Locator.PathOf(query.Value), query.Value);
    }

    /// <summary>Parses the test's query (with the query file's IRI as base).</summary>
    /// <exception cref="SparqlSyntaxException">The parser rejected the query.</exception>
    public static Query ParseQuery(TestEntry test)
    {
        var (path, iri) = QueryFile(test);
        return SparqlParser.ParseQuery(SparqlSyntaxTests.ReadText(path), iri);
    }

    /// <summary>
    /// The dataset to run the query on: qt:data in the default graph, qt:graphData as named graphs,
    /// and the graphs of the query's FROM / FROM NAMED clauses as named graphs under their IRIs.
    /// </summary>
    public static MemoryDataset LoadDataset(TestEntry test, Query query)
    {
        var graph = test.Manifest.Graph;
        var locator = test.Manifest.Locator;
        var dataset = new MemoryDataset();
        var action = test.Action!;
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var data in graph.Objects(action, Qt.Data))
        {
            if (data is not Iri iri) throw new TestInputException($"qt:data {data} is not an IRI");
            Load(dataset, locator, iri.Value, graphName: null);
        }
        foreach (var data in graph.Objects(action, Qt.GraphData))
        {
            var (fileIri, name) = GraphData(graph, data);
            if (named.Add(name.Value)) Load(dataset, locator, fileIri, name);
        }
        foreach (var from in query.From.Concat(query.FromNamed))
        {
            if (!named.Add(from.Value)) continue;
            if (!locator.Contains(from.Value))
                throw new TestInputException($"FROM <{from.Value}> is outside the test suite (no local file for it)");
            Load(dataset, locator, from.Value, from);
        }
        return dataset;
    }

    /// <summary>
    /// A qt:graphData value: usually the file's IRI, which also names the graph. The manifest
    /// vocabulary also allows a node with qt:graph (the file) and rdfs:label (the graph's name).
    /// </summary>
    private static (string FileIri, Iri Name) GraphData(ManifestGraph graph, Term data)
    {
        if (data is Iri iri) return (iri.Value, iri);
        if (graph.Object(data, Qt.Graph) is Iri file)
        {
            string? label = graph.Text(data, Rdfs.Label);
            return (file.Value, label is null ? file : Iri.Create(label));
        }
        throw new TestInputException($"qt:graphData {data} is neither an IRI nor a node with qt:graph");
    }

    private static void Load(MemoryDataset dataset, DocumentLocator locator, string fileIri, Iri? graphName)
    {
        string path = locator.PathOf(fileIri);
        var format = RdfFormats.FromFileName(path) ?? throw new TestInputException($"no RDF format for {Path.GetFileName(path)}");
        try
        {
            using var stream = File.OpenRead(path);
            dataset.Load(sink => RdfParser.Parse(stream, format, graphName is null ? sink : new IntoGraph(sink, graphName),
                new RdfParserOptions { BaseIri = fileIri, SourceName = Path.GetFileName(path) }));
        }
        catch (NotSupportedException e)
        {
            throw new TestInputException($"data {Path.GetFileName(path)}: {Unsupported(format)} ({e.Message})", e);
        }
        catch (RdfSyntaxException e)
        {
            throw new TestInputException($"data {Path.GetFileName(path)} does not parse: {e.Message}", e);
        }
    }

    /// <summary>Reads mf:result: a SPARQL result file, a result set in the DAWG vocabulary, or a graph.</summary>
    public static ExpectedAnswer ReadExpected(TestEntry test)
    {
        if (test.Result is not Iri result) throw new TestInputException("no mf:result IRI");
        string path = test.Manifest.Locator.PathOf(result.Value);
        string name = Path.GetFileName(path);
        if (SparqlResultFormats.FromFileName(path) is not null)
        {
            try
            {
                return new ExpectedAnswer(SparqlResultReader.ReadFile(path), null, name);
            }
            catch (SparqlResultsSyntaxException e)
            {
                throw new TestInputException($"expected result {name} does not read: {e.Message}", e);
            }
        }

        var format = RdfFormats.FromFileName(path) ?? throw new TestInputException($"no result or RDF format for {name}");
        List<Quad> quads;
        try
        {
            quads = RdfSyntaxTests.Parse(path, format, result.Value);
        }
        catch (NotSupportedException e)
        {
            throw new TestInputException($"expected result {name}: {Unsupported(format)} ({e.Message})", e);
        }
        catch (RdfSyntaxException e)
        {
            throw new TestInputException($"expected result {name} does not parse: {e.Message}", e);
        }
        if (ResultSetVocabularyReader.Contains(quads))
        {
            try
            {
                return new ExpectedAnswer(ResultSetVocabularyReader.Read(quads, name), null, name);
            }
            catch (SparqlResultsSyntaxException e)
            {
                throw new TestInputException($"expected result set {name} does not read: {e.Message}", e);
            }
        }
        return new ExpectedAnswer(null, quads.Select(q => new Triple(q.Subject, q.Predicate, q.Object)).ToList(), name);
    }

    private static string Unsupported(RdfFormat format) =>
        format == RdfFormat.RdfXml ? "RDF/XML not supported" : $"{format} not supported";

    /// <summary>Puts a parser's default-graph statements into a named graph.</summary>
    private sealed class IntoGraph(IQuadSink inner, Iri graph) : IQuadSink
    {
        public void Add(in Quad quad) => inner.Add(new Quad(quad.Subject, quad.Predicate, quad.Object, graph));
    }
}
