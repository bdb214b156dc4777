using System.Globalization;
using System.Text;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Results;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Rdf.Sparql.Update;
using DihNode.Rdf.Store;
using DihNode.Rdf.Store.Sqlite;
using DihNode.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace DihNode.Reliability.Tests.Fuzz;

/// <summary>
/// Issue 11 item 9, differential runs: the optimiser on and off give the same answers on every W3C
/// query evaluation test's query and data (SPARQL 1.0 and 1.1 suites); the SQLite store and the memory
/// store hold the same dataset after the same random updates.
/// </summary>
public sealed class DifferentialTests(ITestOutputHelper output) : IDisposable
{
    private const string Mf = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
    private const string Qt = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#";
    private static readonly DateTimeOffset s_now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private readonly string _dir = Directory.CreateTempSubdirectory("dihnode-differential-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
    }

    private sealed record EvaluationTest(string Name, string Query, IReadOnlyList<string> Data, IReadOnlyList<string> GraphData);

    [Fact]
    public void TheOptimiserChangesNoAnswerOfTheW3CQueryTests()
    {
        var tests = new List<EvaluationTest>();
        foreach (string suite in new[] { "sparql10", "sparql11" })
            foreach (string manifest in Directory.EnumerateFiles(Path.Combine(TestEnvironment.Conformance, suite), "manifest.ttl", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                tests.AddRange(ReadManifest(manifest));
        int compared = 0, bothFailed = 0, skipped = 0;
        var differences = new List<string>();
        foreach (var test in tests)
        {
            string text = File.ReadAllText(test.Query);
            // Answers that legitimately differ between runs: random values, fresh identifiers, the clock.
            if (text.Contains("RAND(", StringComparison.OrdinalIgnoreCase) || text.Contains("UUID(", StringComparison.OrdinalIgnoreCase)
                || text.Contains("SERVICE", StringComparison.OrdinalIgnoreCase))
            {
                skipped++;
                continue;
            }
            Query query;
            try { query = SparqlParser.ParseQuery(text, new Uri(test.Query).AbsoluteUri); }
            catch (SparqlSyntaxException) { skipped++; continue; }
            var store = Load(test);
            var on = Run(query, store, optimize: true);
            var off = Run(query, store, optimize: false);
            if (on.Error is not null || off.Error is not null)
            {
                if (on.Error?.GetType() != off.Error?.GetType())
                    differences.Add($"{test.Name}: optimised {on.Error?.GetType().Name ?? "answered"}, unoptimised {off.Error?.GetType().Name ?? "answered"} ({on.Error?.Message}{off.Error?.Message})");
                else bothFailed++;
                continue;
            }
            compared++;
            if (Difference(text, on.Result!, off.Result!) is { } difference) differences.Add($"{test.Name}: {difference}");
        }
        output.WriteLine($"{tests.Count} W3C query evaluation tests: {compared} compared, {bothFailed} failing alike, {skipped} skipped (RAND/UUID/SERVICE or not parseable), {differences.Count} differences");
        foreach (string d in differences) output.WriteLine(d);
        Assert.True(compared > 300, $"only {compared} compared");
        Assert.Empty(differences);
    }

    private static (QueryResult? Result, Exception? Error) Run(Query query, IQuadStore store, bool optimize)
    {
        try
        {
            var result = QueryEvaluator.Execute(query, store, new QueryOptions { Optimize = optimize, Now = s_now, Timeout = TimeSpan.FromSeconds(10) });
            // Materialise inside the try: evaluation may be lazy.
            return result switch
            {
                SelectResult s => (new SelectResult(s.Variables, s.Rows.ToList()), null),
                GraphResult g => (new GraphResult(g.Triples.ToList()), null),
                _ => (result, null),
            };
        }
        catch (Exception e) when (e is QueryEvaluationException or OperationCanceledException)
        {
            return (null, e);
        }
    }

    private static string? Difference(string queryText, QueryResult on, QueryResult off)
    {
        switch (on, off)
        {
            case (AskResult a, AskResult b):
                return a.Value == b.Value ? null : $"ASK {a.Value} against {b.Value}";
            case (GraphResult a, GraphResult b):
                return Isomorphism.AreIsomorphic(a.Triples, b.Triples) ? null : $"graphs differ ({a.Triples.Count()} against {b.Triples.Count()} triples)";
            case (SelectResult a, SelectResult b):
                {
                    var names = a.Variables.Select(v => v.Name).ToList();
                    var left = SparqlResult.FromTable(names, a.Rows.ToList());
                    var right = SparqlResult.FromTable(b.Variables.Select(v => v.Name).ToList(), b.Rows.ToList());
                    var comparison = ResultSetComparer.Compare(left, right);
                    if (comparison.AreEqual) return null;
                    // ORDER BY with LIMIT/OFFSET may cut ties differently: there the row counts must agree.
                    bool sliced = queryText.Contains("ORDER BY", StringComparison.OrdinalIgnoreCase)
                        && (queryText.Contains("LIMIT", StringComparison.OrdinalIgnoreCase) || queryText.Contains("OFFSET", StringComparison.OrdinalIgnoreCase));
                    return sliced && left.Rows.Count == right.Rows.Count ? null : comparison.Difference;
                }
            default:
                return $"different result kinds {on.GetType().Name} and {off.GetType().Name}";
        }
    }

    private static MemoryDataset Load(EvaluationTest test)
    {
        var store = new MemoryDataset();
        store.Load(sink =>
        {
            foreach (string file in test.Data) Parse(file, sink, null);
            foreach (string file in test.GraphData) Parse(file, sink, Iri.FromTrusted(new Uri(file).AbsoluteUri));
        });
        return store;
    }

    private static void Parse(string file, IQuadSink sink, Iri? graph)
    {
        var format = RdfFormats.FromFileName(file) ?? RdfFormat.Turtle;
        using var stream = File.OpenRead(file);
        RdfParser.Parse(stream, format, graph is null ? sink : new IntoGraph(sink, graph), new RdfParserOptions { BaseIri = new Uri(file).AbsoluteUri });
    }

    private sealed class IntoGraph(IQuadSink inner, Iri graph) : IQuadSink
    {
        public void Add(in Quad quad) => inner.Add(quad with { Graph = graph });
    }

    /// <summary>The query evaluation tests of one manifest: the query file, its default-graph data and named-graph data.</summary>
    private static IEnumerable<EvaluationTest> ReadManifest(string path)
    {
        var quads = new List<Quad>();
        using (var stream = File.OpenRead(path))
            RdfParser.Parse(stream, RdfFormat.Turtle, new ListSink(quads), new RdfParserOptions { BaseIri = new Uri(path).AbsoluteUri });
        var bySubject = quads.ToLookup(q => q.Subject);
        Term? One(Term s, string p) => bySubject[(NamedOrBlankNode)s].FirstOrDefault(q => q.Predicate.Value == p).Object;
        IEnumerable<Term> All(Term s, string p) => bySubject[(NamedOrBlankNode)s].Where(q => q.Predicate.Value == p).Select(q => q.Object);
        string Local(Term t) => new Uri(((Iri)t).Value).LocalPath;
        foreach (var test in quads.Where(q => q.Predicate.Value == Vocabulary.Rdf.Type.Value && q.Object is Iri { Value: Mf + "QueryEvaluationTest" }).Select(q => q.Subject))
        {
            if (One(test, Mf + "action") is not { } action || One(action, Qt + "query") is not Iri query) continue;
            string file = Local(query);
            if (!File.Exists(file)) continue;
            yield return new EvaluationTest(test.ToString()!, file,
                [.. All(action, Qt + "data").OfType<Iri>().Select(Local)],
                [.. All(action, Qt + "graphData").OfType<Iri>().Select(Local)]);
        }
    }

    private sealed class ListSink(List<Quad> quads) : IQuadSink
    {
        public void Add(in Quad quad) => quads.Add(quad);
    }

    [Fact]
    public void TheSqliteStoreAndTheMemoryStoreAgreeAfterTheSameRandomUpdates()
    {
        int rounds = TestEnvironment.Long ? 5_000 : 300;
        var random = new Random(11);
        using var sqlite = SqliteRdfStore.Open(Path.Combine(_dir, "store.db"));
        using var memory = new MemoryDataset();
        int failedAlike = 0;
        for (int i = 0; i < rounds; i++)
        {
            string update = RandomUpdate(random, i);
            Exception? a = Apply(sqlite, update), b = Apply(memory, update);
            Assert.True(a?.GetType() == b?.GetType(), $"update {i} `{update}`: SQLite {a?.Message ?? "ok"}, memory {b?.Message ?? "ok"}");
            if (a is not null) failedAlike++;
            if (i % 50 == 49 || i == rounds - 1)
                Assert.True(Isomorphism.AreIsomorphic(Quads(sqlite.Snapshot()), Quads(memory.Snapshot())), $"the stores differ after update {i}: `{update}`");
        }
        // Reopened from its file, the SQLite store still holds the same dataset.
        var expected = Quads(memory.Snapshot());
        sqlite.Dispose();
        using var reopened = SqliteRdfStore.Open(Path.Combine(_dir, "store.db"), create: false);
        var actual = Quads(reopened.Snapshot());
        output.WriteLine($"{rounds} random updates ({failedAlike} failing alike); {actual.Count} quads in both stores");
        Assert.True(Isomorphism.AreIsomorphic(expected, actual), "the reopened SQLite store differs from the memory store");
    }

    private static Exception? Apply(IRdfStore store, string update)
    {
        try
        {
            UpdateExecutor.Execute(update, store);
            return null;
        }
        catch (UpdateExecutionException e)
        {
            return e;
        }
    }

    private static List<Quad> Quads(IQuadStore snapshot)
    {
        var list = new List<Quad>();
        var cursor = snapshot.Find(Rdf.Store.QuadPattern.InAllGraphs());
        while (cursor.MoveNext())
        {
            var q = cursor.Current;
            list.Add(new Quad((NamedOrBlankNode)snapshot.GetTerm(q.S), (Iri)snapshot.GetTerm(q.P), snapshot.GetTerm(q.O), q.G == 0 ? null : (NamedOrBlankNode)snapshot.GetTerm(q.G)));
        }
        return list;
    }

    private static string RandomUpdate(Random random, int i)
    {
        string S() => $"<http://example.org/s{random.Next(20)}>";
        string P() => $"<http://example.org/p{random.Next(4)}>";
        string G() => $"<http://example.org/g{random.Next(4)}>";
        string O() => random.Next(7) switch
        {
            0 => S(),
            1 => random.Next(100).ToString(CultureInfo.InvariantCulture),
            2 => $"\"text {random.Next(30)}\"@{(random.Next(2) == 0 ? "en" : "de")}",
            3 => $"\"{random.Next(10)}.5\"^^<http://www.w3.org/2001/XMLSchema#decimal>",
            4 => "_:b" + random.Next(5),
            5 => "\"with \\\"quotes\\\" and \\u00e9\"",
            _ => $"\"value {random.Next(50)}\"",
        };
        string Plain() => random.Next(2) == 0 ? S() : $"\"value {random.Next(50)}\"";
        string Triples(int n) => string.Join(" ", Enumerable.Range(0, n).Select(_ => $"{S()} {P()} {O()} ."));
        return random.Next(10) switch
        {
            0 or 1 => $"INSERT DATA {{ {Triples(random.Next(1, 6))} }}",
            2 or 3 => $"INSERT DATA {{ GRAPH {G()} {{ {Triples(random.Next(1, 6))} }} }}",
            4 => $"DELETE DATA {{ {S()} {P()} {Plain()} . {S()} {P()} {Plain()} }}",
            5 => $"DELETE WHERE {{ GRAPH {G()} {{ {S()} ?p ?o }} }}",
            6 => $"DELETE {{ ?s {P()} ?o }} INSERT {{ ?s {P()} \"moved {i}\" }} WHERE {{ ?s {P()} ?o FILTER(isLiteral(?o)) }}",
            7 => random.Next(3) == 0 ? $"CLEAR GRAPH {G()}" : $"COPY {G()} TO {G()}",
            8 => random.Next(2) == 0 ? $"ADD DEFAULT TO {G()}" : $"MOVE {G()} TO {G()}",
            _ => $"INSERT {{ GRAPH {G()} {{ ?s {P()} ?o }} }} WHERE {{ ?s {P()} ?o }} ; DROP SILENT GRAPH {G()}",
        };
    }
}
