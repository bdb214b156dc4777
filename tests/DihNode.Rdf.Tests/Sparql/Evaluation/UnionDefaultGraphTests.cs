using System.Text;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Rdf.Store;
using static DihNode.Rdf.Tests.Sparql.Evaluation.EvaluationFixture;

namespace DihNode.Rdf.Tests.Sparql.Evaluation;

/// <summary>
/// <see cref="QueryOptions.UnionDefaultGraph"/>: the default graph is the RDF merge of all graphs, so a
/// triple held by several graphs is one triple (Query §13.1). Each query must give exactly the rows of
/// the same query over a dataset whose default graph holds the merge itself (materialised here, once,
/// by a set), on every evaluation path; so must FROM graphs; and a scan of a merge must stream, not
/// collect its matches.
/// </summary>
public class UnionDefaultGraphTests
{
    private const EvaluationShortcuts New = EvaluationShortcuts.SortedRunJoins | EvaluationShortcuts.InPlaceGrouping | EvaluationShortcuts.IdCounting;

    private static readonly QueryOptions Union = new() { UnionDefaultGraph = true };

    private static readonly QueryOptions UnionFast = new() { UnionDefaultGraph = true, MergeJoinMinRun = 1, IndexedJoinAfter = 1 };

    private static readonly QueryOptions UnionGeneric = new()
    {
        UnionDefaultGraph = true,
        Shortcuts = EvaluationShortcuts.All & ~New & ~EvaluationShortcuts.IndexedBgpJoins,
    };

    /// <summary>
    /// Hubs in the hubs graph :gh (type, label, country, topics), their labels again in the default
    /// graph for some, a vocabulary graph :gv with labels of the countries and topics and some hub
    /// labels repeated, and a links graph :gl with a chain of :next links partly repeated.
    /// </summary>
    private static string Catalogue(int n)
    {
        var sb = new StringBuilder();
        for (int c = 0; c < 5; c++) sb.Append($":gv {{ :c{c} :label \"country {c}\" ; a :Country . }}\n:gh {{ :c{c} :label \"country {c}\" . }}\n");
        for (int i = 0; i < n; i++)
        {
            sb.Append($":gh {{ :h{i} a :Hub ; :label \"hub {i % 97}\" ; :country :c{i % 5} ; :topic :t{i % 7} . }}\n");
            if (i % 3 == 0) sb.Append($":h{i} :label \"hub {i % 97}\" . :h{i} a :Hub .\n");
            if (i % 4 == 0) sb.Append($":gv {{ :h{i} :label \"hub {i % 97}\" . :t{i % 7} :label \"topic {i % 7}\" . }}\n");
            if (i % 5 == 0) sb.Append($":gv {{ :h{i} :label \"other {i}\" . }}\n");
            sb.Append($":gl {{ :h{i} :next :h{(i + 1) % n} . }}\n");
            if (i % 2 == 0) sb.Append($":h{i} :next :h{(i + 1) % n} .\n");
        }
        return sb.ToString();
    }

    /// <summary>The same named graphs, and a default graph holding every triple of every graph once.</summary>
    private static MemoryDataset Merged(MemoryDataset source)
    {
        var merged = new MemoryDataset();
        merged.Load(sink =>
        {
            foreach (EncodedQuad q in source.Find(Rdf.Store.QuadPattern.InAllGraphs()))
            {
                var s = (NamedOrBlankNode)source.GetTerm(q.S);
                var p = (Iri)source.GetTerm(q.P);
                Term o = source.GetTerm(q.O);
                sink.Add(new Quad(s, p, o, null));
                if (q.G != 0) sink.Add(new Quad(s, p, o, (NamedOrBlankNode)source.GetTerm(q.G)));
            }
        });
        return merged;
    }

    private static List<string> Sorted(IQuadStore data, string query, QueryOptions options) =>
        [.. Format((SelectResult)QueryEvaluator.Execute(SparqlParser.ParseQuery(QueryPrefixes + query), data, options)).Order(StringComparer.Ordinal)];

    private static readonly Lazy<(MemoryDataset Data, MemoryDataset Merged)> s_catalogue = new(() =>
    {
        MemoryDataset data = Load(Catalogue(300));
        return (data, Merged(data));
    });

    [Theory]
    [InlineData("SELECT ?h ?name WHERE { ?h a :Hub ; :label ?name }")]
    [InlineData("SELECT ?h ?name WHERE { ?h :label ?name ; a :Hub }")]
    [InlineData("SELECT ?h ?name WHERE { ?h a :Hub ; :label ?name } ORDER BY ?name ?h LIMIT 20 OFFSET 37")]
    [InlineData("SELECT ?h ?name WHERE { ?h a :Hub ; :label ?name FILTER(CONTAINS(STR(?name), \"hub 1\")) }")]
    [InlineData("SELECT ?h ?name WHERE { ?h a :Hub ; :label ?name FILTER(STRSTARTS(STR(?h), \"http://example.org/h1\")) }")]
    [InlineData("SELECT ?s ?o WHERE { ?s :label ?o }")]
    [InlineData("SELECT (COUNT(*) AS ?n) WHERE { ?s :label ?o }")]
    [InlineData("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")]
    [InlineData("SELECT (COUNT(?h) AS ?n) WHERE { ?h a :Hub }")]
    [InlineData("SELECT ?c (COUNT(?h) AS ?n) WHERE { ?h a :Hub ; :country ?c } GROUP BY ?c")]
    [InlineData("SELECT ?c (COUNT(*) AS ?n) WHERE { ?h :label ?l ; :country ?c } GROUP BY ?c")]
    [InlineData("SELECT ?h ?c ?l WHERE { ?h :country ?c . ?c :label ?l ; a :Country }")]
    [InlineData("SELECT ?h ?t ?l WHERE { ?h a :Hub ; :topic ?t . OPTIONAL { ?t :label ?l } }")]
    [InlineData("SELECT ?h WHERE { ?h a :Hub . MINUS { ?h :label \"hub 3\" } }")]
    [InlineData("SELECT ?h ?n WHERE { :h0 :next+ ?h . ?h :label ?n } ORDER BY ?h ?n LIMIT 50")]
    [InlineData("SELECT ?x WHERE { :h5 :next* ?x }")]
    [InlineData("SELECT ?x ?y WHERE { ?x :next/:next ?y }")]
    [InlineData("SELECT ?x WHERE { ?x :label|:next ?y }")]
    [InlineData("SELECT ?g ?h WHERE { GRAPH ?g { ?h :label \"hub 5\" } }")]
    [InlineData("SELECT ?h ?name ?g WHERE { ?h a :Hub ; :label ?name . GRAPH ?g { ?h :label ?name } }")]
    [InlineData("SELECT ?h WHERE { ?h :label ?a , ?b FILTER(?a != ?b) }")]
    [InlineData("SELECT DISTINCT ?name WHERE { ?h :label ?name }")]
    internal void Rows_are_those_of_the_materialised_merge(string query)
    {
        var (data, merged) = s_catalogue.Value;
        List<string> want = Sorted(merged, query, QueryOptions.Default);
        Assert.NotEmpty(want);
        Assert.Equal(want, Sorted(data, query, Union));
        Assert.Equal(want, Sorted(data, query, UnionFast));
        Assert.Equal(want, Sorted(data, query, UnionGeneric));
    }

    /// <summary>The dataset with a default graph holding the merge of <paramref name="graphs"/> only, and no named graphs.</summary>
    private static MemoryDataset MergeOf(MemoryDataset source, params string[] graphs)
    {
        var merged = new MemoryDataset();
        merged.Load(sink =>
        {
            foreach (string local in graphs)
            {
                Assert.True(source.TryGetId(Iri.FromTrusted("http://example.org/" + local), out int g));
                foreach (EncodedQuad q in source.Find(Rdf.Store.QuadPattern.InGraph(g)))
                    sink.Add(new Quad((NamedOrBlankNode)source.GetTerm(q.S), (Iri)source.GetTerm(q.P), source.GetTerm(q.O), null));
            }
        });
        return merged;
    }

    [Theory]
    [InlineData("SELECT ?h ?name WHERE { ?h a :Hub ; :label ?name }")]
    [InlineData("SELECT ?h ?name WHERE { ?h a :Hub ; :label ?name } ORDER BY ?name ?h LIMIT 20 OFFSET 37")]
    [InlineData("SELECT ?s ?o WHERE { ?s :label ?o }")]
    [InlineData("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")]
    [InlineData("SELECT ?c (COUNT(*) AS ?n) WHERE { ?h :label ?l ; :country ?c } GROUP BY ?c")]
    [InlineData("SELECT ?h ?c ?l WHERE { ?h :country ?c . ?c :label ?l ; a :Country }")]
    [InlineData("SELECT ?h ?t ?l WHERE { ?h a :Hub ; :topic ?t . OPTIONAL { ?t :label ?l } }")]
    [InlineData("SELECT ?x WHERE { :h5 :next* ?x }")]
    [InlineData("SELECT ?h WHERE { ?h :label ?a , ?b FILTER(?a != ?b) }")]
    internal void Rows_from_several_graphs_are_those_of_their_materialised_merge(string query)
    {
        var (data, _) = s_catalogue.Value;
        foreach (string[] graphs in new[] { new[] { "gh", "gv" }, ["gv", "gl", "gh"], ["gl", "gv"] })
        {
            string from = string.Concat(graphs.Select(g => $" FROM :{g}"));
            string withFrom = query.Replace(" WHERE", from + " WHERE", StringComparison.Ordinal);
            List<string> want = Sorted(MergeOf(data, graphs), query, QueryOptions.Default);
            Assert.Equal(want, Sorted(data, withFrom, QueryOptions.Default));
            Assert.Equal(want, Sorted(data, withFrom, UnionFast));
            Assert.Equal(want, Sorted(data, withFrom, UnionGeneric));
        }
    }

    [Fact]
    internal void A_triple_in_three_graphs_is_counted_once()
    {
        const string Data = ":a :p :b . :g1 { :a :p :b . :a :p :c . } :g2 { :a :p :b . :a :q :b . } :g3 { :a :p :c . }";
        Assert.Equal(["?n=2"], Rows(Data, "SELECT (COUNT(*) AS ?n) WHERE { :a :p ?o }", Union));
        Assert.Equal(["?n=3"], Rows(Data, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", Union));
        Assert.Equal(["?o=:b", "?o=:c"], Rows(Data, "SELECT ?o WHERE { :a :p ?o }", Union));
        Assert.Equal(["?p=:p", "?p=:p", "?p=:q"], Rows(Data, "SELECT ?p WHERE { :a ?p ?o }", Union));
        Assert.Equal(["?o=:b"], Rows(Data, "SELECT ?o WHERE { :a :p ?o }"));
        // A dataset given by FROM still replaces the union (§13.2).
        Assert.Equal(["?n=3"], Rows(Data, "SELECT (COUNT(*) AS ?n) FROM :g1 FROM :g2 WHERE { :a ?p ?o }", Union));
    }

    [Fact]
    internal void Random_queries_agree_with_the_materialised_merge()
    {
        var random = new Random(20261125);
        int compared = 0;
        for (int trial = 0; trial < 600; trial++)
        {
            var data = Load(JoinStrategyFuzzTests.Data(random) + JoinStrategyFuzzTests.Data(random));
            MemoryDataset merged = Merged(data);
            string text = QueryPrefixes + "SELECT * WHERE " + new JoinStrategyFuzzTests.Generator(random).Group(2);
            Query query;
            try { query = SparqlParser.ParseQuery(text); }
            catch (SparqlSyntaxException) { continue; }
            List<string> want = [.. Format((SelectResult)QueryEvaluator.Execute(query, merged, QueryOptions.Default)).Order(StringComparer.Ordinal)];
            foreach (QueryOptions options in new[] { Union, UnionFast, UnionGeneric })
            {
                List<string> got = [.. Format((SelectResult)QueryEvaluator.Execute(query, data, options)).Order(StringComparer.Ordinal)];
                Assert.True(want.SequenceEqual(got), $"{text}\nmerge: {string.Join(" | ", want)}\nunion: {string.Join(" | ", got)}");
            }
            compared++;
        }
        Assert.True(compared > 400, $"only {compared} queries parsed");
    }

    /// <summary>:label of n subjects, each in the default graph and in two named graphs, and a type for every tenth.</summary>
    private static MemoryDataset Labels(int n)
    {
        var dataset = new MemoryDataset();
        dataset.Load(sink =>
        {
            Iri label = I("label"), hub = I("Hub"), type = Vocabulary.Rdf.Type;
            foreach (NamedOrBlankNode? g in new NamedOrBlankNode?[] { null, I("g1"), I("g2") })
                for (int i = 0; i < n; i++)
                {
                    sink.Add(new Quad(I("s" + i), label, Literal.Simple("label " + i), g));
                    if (i % 10 == 0 && g is not null) sink.Add(new Quad(I("s" + i), type, hub, g));
                }
        });
        return dataset;

        static Iri I(string local) => Iri.FromTrusted("http://example.org/" + local);
    }

    /// <summary>
    /// Bytes allocated on this thread by <paramref name="action"/>: the least of three runs after one
    /// unmeasured run (first-use caches), so that a one-off allocation of the runtime's (seen once in a
    /// busy full test run, when methods are recompiled mid-run) does not count; the old collecting scan
    /// allocated in proportion to its matches on every run.
    /// </summary>
    private static long Allocated(Action action)
    {
        action();
        long least = long.MaxValue;
        for (int run = 0; run < 3; run++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            action();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return least;
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(50_000)]
    internal void A_union_scan_streams_in_constant_memory(int n)
    {
        MemoryDataset data = Labels(n);
        IQuadStore snapshot = data.Snapshot();
        Assert.True(snapshot.TryGetId(Iri.FromTrusted("http://example.org/label"), out int label));
        int seen = 0;
        long bytes = Allocated(() =>
        {
            var context = new EvaluationContext(snapshot, Union, [], []);
            ScanCursor cursor = context.Scan(0, label, 0, EvaluationContext.DefaultGraph);
            seen = 0;
            while (cursor.MoveNext()) seen++;
        });
        Assert.Equal(n, seen);
        // Collecting the 3n matches to de-duplicate them would take at least 12 bytes a match.
        Assert.True(bytes < 2_048, $"{bytes} bytes allocated by a scan of {n} triples in 3 graphs");
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(50_000)]
    internal void A_scan_of_several_from_graphs_streams_in_memory_by_graph(int n)
    {
        MemoryDataset data = Labels(n);
        IQuadStore snapshot = data.Snapshot();
        Assert.True(snapshot.TryGetId(Iri.FromTrusted("http://example.org/label"), out int label));
        Iri[] from = [Iri.FromTrusted("http://example.org/g1"), Iri.FromTrusted("http://example.org/g2")];
        int seen = 0;
        long bytes = Allocated(() =>
        {
            var context = new EvaluationContext(snapshot, QueryOptions.Default, from, []);
            ScanCursor cursor = context.Scan(0, label, 0, EvaluationContext.DefaultGraph);
            seen = 0;
            while (cursor.MoveNext()) seen++;
        });
        Assert.Equal(n, seen);
        Assert.True(bytes < 4_096, $"{bytes} bytes allocated by a scan of {n} triples in 2 FROM graphs");
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(50_000)]
    internal void Counting_and_a_top_n_over_the_union_allocate_no_match_collection(int n)
    {
        MemoryDataset data = Labels(n);
        IQuadStore snapshot = data.Snapshot();
        Query count = SparqlParser.ParseQuery(QueryPrefixes + "SELECT (COUNT(*) AS ?n) WHERE { ?s :label ?l }");
        Query top = SparqlParser.ParseQuery(QueryPrefixes + "SELECT ?s ?l WHERE { ?s a :Hub ; :label ?l } ORDER BY ?l LIMIT 5");
        List<string> rows = [];
        long countBytes = Allocated(() => rows = [.. Format((SelectResult)QueryEvaluator.Execute(count, snapshot, Union))]);
        Assert.Equal([$"?n={n}"], rows);
        Assert.True(countBytes < 64 * 1024, $"COUNT over {n} triples in 3 graphs allocated {countBytes} bytes");
        long topBytes = Allocated(() => rows = [.. Format((SelectResult)QueryEvaluator.Execute(top, snapshot, Union))]);
        Assert.Equal(5, rows.Count);
        // The join reads :label per hub (n / 10 of them, each label in 3 graphs): rows and sort keys, no collected matches.
        Assert.True(topBytes < 64 * 1024 + n / 10 * 400L, $"ORDER BY + LIMIT over {n / 10} hubs allocated {topBytes} bytes");
    }
}
