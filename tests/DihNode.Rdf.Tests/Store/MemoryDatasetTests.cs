using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Store;

namespace DihNode.Rdf.Tests.Store;

public class MemoryDatasetTests
{
    private static Iri I(string local) => Iri.FromTrusted("http://example.org/" + local);

    /// <summary>A random dataset: few predicates and graphs, many subjects and objects, duplicates included.</summary>
    private static List<Quad> RandomQuads(int n, int seed)
    {
        var random = new Random(seed);
        var quads = new List<Quad>(n);
        for (int i = 0; i < n; i++)
        {
            NamedOrBlankNode s = random.Next(10) == 0 ? new BlankNode("b" + random.Next(30)) : I("s" + random.Next(60));
            Iri p = I("p" + random.Next(6));
            Term o = random.Next(3) switch
            {
                0 => I("s" + random.Next(60)),
                1 => Literal.Simple("v" + random.Next(40)),
                _ => Literal.Typed(random.Next(20).ToString(), Vocabulary.Xsd.Integer),
            };
            NamedOrBlankNode? g = random.Next(3) == 0 ? null : I("g" + random.Next(4));
            quads.Add(new Quad(s, p, o, g));
        }
        return quads;
    }

    private static List<EncodedQuad> Brute(IEnumerable<EncodedQuad> all, QuadPattern pattern) =>
        all.Where(q => pattern.Matches(in q)).OrderBy(q => (q.S, q.P, q.O, q.G)).ToList();

    private static List<EncodedQuad> Sorted(QuadCursor cursor) =>
        cursor.ToList().OrderBy(q => (q.S, q.P, q.O, q.G)).ToList();

    /// <summary>Every bound/unbound combination of S, P, O and every graph scope, against a filter over the distinct quads.</summary>
    private static void CheckAllPatterns(MemoryDataset dataset, HashSet<EncodedQuad> expected, Random random)
    {
        var all = expected.ToList();
        Assert.Equal(all.Count, dataset.QuadCount);
        Assert.Equal(all.Count, dataset.Count(QuadPattern.InAllGraphs()));
        var graphs = all.Select(q => q.G).Where(g => g != 0).Distinct().Order().ToList();
        Assert.Equal(graphs, dataset.GraphNameIds().ToList());
        for (int trial = 0; trial < 6; trial++)
        {
            var sample = all[random.Next(all.Count)];
            for (int mask = 0; mask < 8; mask++)
            {
                int s = (mask & 1) != 0 ? sample.S : 0, p = (mask & 2) != 0 ? sample.P : 0, o = (mask & 4) != 0 ? sample.O : 0;
                var patterns = new List<QuadPattern>
                {
                    QuadPattern.InAllGraphs(s, p, o),
                    QuadPattern.InDefaultGraph(s, p, o),
                    QuadPattern.InNamedGraphs(s, p, o),
                    QuadPattern.InGraph(sample.G, s, p, o),
                };
                if (graphs.Count > 0) patterns.Add(QuadPattern.InGraph(graphs[random.Next(graphs.Count)], s, p, o));
                foreach (var pattern in patterns)
                {
                    var want = Brute(all, pattern);
                    Assert.Equal(want, Sorted(dataset.Find(pattern)));
                    Assert.Equal(want.Count, dataset.Count(pattern));
                }
            }
        }
    }

    [Fact]
    public void EveryPatternMatchesBruteForceAfterBulkLoad()
    {
        var quads = RandomQuads(10_000, 1);
        var dataset = new MemoryDataset();
        long added = dataset.Load(sink => { foreach (var q in quads) sink.Add(q); });
        var expected = quads.Select(q => Encode(dataset, q)).ToHashSet();
        Assert.True(expected.Count < quads.Count, "the random data should hold duplicates");
        Assert.Equal(expected.Count, added);
        CheckAllPatterns(dataset, expected, new Random(2));

        // A second load overlapping the first merges into the existing indexes.
        var more = RandomQuads(10_000, 12);
        long addedAgain = dataset.Load(sink => { foreach (var q in more) sink.Add(q); });
        int before = expected.Count;
        expected.UnionWith(more.Select(q => Encode(dataset, q)));
        Assert.Equal(expected.Count - before, addedAgain);
        Assert.True(addedAgain < more.Count);
        CheckAllPatterns(dataset, expected, new Random(13));
    }

    [Fact]
    public void RemoveAllTakesAwayExactlyTheMatches()
    {
        var dataset = new MemoryDataset();
        var quads = RandomQuads(6_000, 14);
        dataset.Load(sink => { foreach (var q in quads) sink.Add(q); });
        var expected = quads.Select(q => Encode(dataset, q)).ToHashSet();
        int g1 = dataset.GetOrAddId(I("g1")), p2 = dataset.GetOrAddId(I("p2"));

        long removed = dataset.RemoveAll(QuadPattern.InGraph(g1));
        Assert.Equal(expected.RemoveWhere(q => q.G == g1), removed);
        Assert.DoesNotContain(g1, dataset.GraphNameIds());

        removed = dataset.RemoveAll(QuadPattern.InAllGraphs(p: p2));
        Assert.Equal(expected.RemoveWhere(q => q.P == p2), removed);
        CheckAllPatterns(dataset, expected, new Random(15));
    }

    [Fact]
    public void EveryPatternMatchesBruteForceUnderSingleUpdates()
    {
        // Enough single updates to fold the deltas into the base several times, over a bulk-loaded base.
        var random = new Random(3);
        var dataset = new MemoryDataset();
        var initial = RandomQuads(5_000, 4);
        dataset.Load(sink => { foreach (var q in initial) sink.Add(q); });
        var expected = initial.Select(q => Encode(dataset, q)).ToHashSet();
        var more = RandomQuads(8_000, 5);
        foreach (var q in more)
        {
            if (random.Next(3) == 0)
            {
                var victim = Encode(dataset, q);
                Assert.Equal(expected.Remove(victim), dataset.Remove(q));
            }
            else
            {
                bool isNew = dataset.Add(q);
                Assert.Equal(expected.Add(Encode(dataset, q)), isNew);
            }
        }
        CheckAllPatterns(dataset, expected, random);
        foreach (var q in expected.Take(100)) Assert.True(dataset.Contains(q));
    }

    [Theory]
    [InlineData(50)]      // through the index deltas
    [InlineData(6_000)]   // through a bulk merge
    public void ChangeSetsApplyRemovalsThenAdditions(int size)
    {
        var random = new Random(size);
        var dataset = new MemoryDataset();
        var initial = RandomQuads(8_000, 10);
        dataset.Load(sink => { foreach (var q in initial) sink.Add(q); });
        var expected = initial.Select(q => Encode(dataset, q)).ToHashSet();
        var present = expected.ToList();
        var candidates = RandomQuads(size, 11).Select(q => Encode(dataset, q)).ToList();
        var removals = new List<EncodedQuad>();
        var additions = new List<EncodedQuad>();
        for (int i = 0; i < size; i++)
        {
            removals.Add(random.Next(2) == 0 ? present[random.Next(present.Count)] : candidates[random.Next(size)]);
            additions.Add(random.Next(4) == 0 ? removals[random.Next(removals.Count)] : candidates[random.Next(size)]);
        }
        var model = new HashSet<EncodedQuad>(expected);
        model.ExceptWith(removals);
        model.UnionWith(additions);

        var snapshot = dataset.Snapshot();
        var (removed, added) = dataset.Apply(removals.ToArray(), additions.ToArray());

        Assert.Equal(expected.Count - removed + added, model.Count);
        Assert.Equal(expected.Except(model).Count(), removed);
        Assert.Equal(model.Except(expected).Count(), added);
        Assert.Equal(expected.Count, snapshot.Count(QuadPattern.InAllGraphs()));
        CheckAllPatterns(dataset, model, random);
    }

    [Fact]
    public void ChangeSetsRefuseIdsTheDictionaryNeverGave()
    {
        var dataset = new MemoryDataset();
        Assert.Throws<ArgumentException>(() => dataset.Apply([], [new EncodedQuad(1, 2, 3, 0)]));
        Assert.Equal(0, dataset.QuadCount);
    }

    [Fact]
    public void DefaultAndNamedGraphsAreSeparate()
    {
        var dataset = new MemoryDataset();
        var inDefault = new Quad(I("s"), I("p"), I("o"), null);
        var inNamed = new Quad(I("s"), I("p"), I("o"), I("g"));
        Assert.True(dataset.Add(inDefault));
        Assert.True(dataset.Add(inNamed));
        Assert.False(dataset.Add(inDefault));
        Assert.Equal(2, dataset.QuadCount);
        Assert.Equal(1, dataset.DefaultGraphCount);
        Assert.Equal([I("g")], dataset.GraphNames().ToList());
        Assert.Equal(1, dataset.Count(QuadPattern.InDefaultGraph()));
        Assert.Equal(1, dataset.Count(new QuadPattern(0, 0, 0, TermIds.DefaultGraph, GraphScope.Graph)));
        Assert.Single(dataset.Find(new QuadPattern(0, 0, 0, TermIds.DefaultGraph, GraphScope.Graph)).ToList());
        Assert.Equal(1, dataset.Count(QuadPattern.InNamedGraphs()));
        Assert.Equal(2, dataset.Count(QuadPattern.InAllGraphs()));
        Assert.True(dataset.Remove(inNamed));
        Assert.False(dataset.Contains(inNamed));
        Assert.True(dataset.Contains(inDefault));
        Assert.Empty(dataset.GraphNames());
        Assert.Equal([inDefault], dataset.Quads().ToList());
    }

    [Fact]
    public void RemovingWhatIsAbsentChangesNothing()
    {
        var dataset = new MemoryDataset();
        dataset.Add(new Quad(I("s"), I("p"), Literal.Simple("o"), null));
        Assert.False(dataset.Remove(new Quad(I("s"), I("p"), Literal.Simple("other"), null)));
        Assert.False(dataset.Remove(new Quad(I("s"), I("p"), Literal.Simple("o"), I("g"))));
        Assert.Equal(1, dataset.QuadCount);
        dataset.Clear();
        Assert.Equal(0, dataset.QuadCount);
        Assert.Empty(dataset.Quads());
    }

    [Fact]
    public void FailedLoadLeavesTheDatasetUnchanged()
    {
        var dataset = new MemoryDataset();
        var before = RandomQuads(3_000, 6);
        dataset.Load(sink => { foreach (var q in before) sink.Add(q); });
        var snapshot = dataset.Quads().ToHashSet();
        var more = RandomQuads(5_000, 7);
        var error = Assert.Throws<RdfSyntaxException>(() => dataset.Load(sink =>
        {
            foreach (var q in more) sink.Add(q);
            throw new RdfSyntaxException("boom", 3, 4, "test");
        }));
        Assert.Equal("boom", error.Problem);
        Assert.Equal(snapshot.Count, dataset.QuadCount);
        Assert.True(snapshot.SetEquals(dataset.Quads()));
        Assert.Equal(0, dataset.Count(QuadPattern.InAllGraphs(p: dataset.GetOrAddId(I("never-seen")))));
    }

    [Fact]
    public void SnapshotsDoNotSeeLaterWrites()
    {
        var dataset = new MemoryDataset();
        dataset.Load(sink => { foreach (var q in RandomQuads(4_000, 8)) sink.Add(q); });
        var snapshot = dataset.Snapshot();
        long count = snapshot.Count(QuadPattern.InAllGraphs());
        var contents = Sorted(snapshot.Find(QuadPattern.InAllGraphs()));

        var extra = new Quad(I("new-s"), I("new-p"), I("new-o"), null);
        dataset.Add(extra);
        var victim = dataset.Quads().First(q => !q.Equals(extra));
        dataset.Remove(victim);
        dataset.Load(sink => { foreach (var q in RandomQuads(4_000, 9)) sink.Add(q); });

        Assert.Equal(count, snapshot.Count(QuadPattern.InAllGraphs()));
        Assert.Equal(contents, Sorted(snapshot.Find(QuadPattern.InAllGraphs())));
        Assert.True(dataset.Contains(extra));
        Assert.NotEqual(count, dataset.QuadCount);
    }

    [Fact]
    public async Task ReadersSeeConsistentStatesWhileAWriterWorks()
    {
        var dataset = new MemoryDataset();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (int round = 0; round < 30; round++)
            {
                int r = round;
                // Each change keeps "?s p0 ?o in the default graph" equal to the number of quads in graph g0.
                dataset.Load(sink =>
                {
                    for (int i = 0; i < 300; i++)
                    {
                        sink.Add(new Quad(I($"w{r}-{i}"), I("p0"), Literal.Simple("x"), null));
                        sink.Add(new Quad(I($"w{r}-{i}"), I("p0"), Literal.Simple("x"), I("g0")));
                    }
                });
                int s = dataset.GetOrAddId(I($"single{r}")), p = dataset.GetOrAddId(I("p0")), o = dataset.GetOrAddId(I("o"));
                dataset.Apply([], [new EncodedQuad(s, p, o, 0), new EncodedQuad(s, p, o, dataset.GetOrAddId(I("g0")))]);
            }
            stop.Cancel();
        });
        int p0 = dataset.GetOrAddId(I("p0")), g0 = dataset.GetOrAddId(I("g0"));
        int checks = 0;
        while (!stop.IsCancellationRequested || checks == 0)
        {
            var snapshot = dataset.Snapshot();
            long inDefault = snapshot.Count(QuadPattern.InDefaultGraph(p: p0));
            long inGraph = snapshot.Count(QuadPattern.InGraph(g0, p: p0));
            Assert.Equal(inDefault, inGraph);
            Assert.Equal(inDefault, snapshot.Find(QuadPattern.InDefaultGraph(p: p0)).ToList().Count);
            foreach (var q in snapshot.Find(QuadPattern.InGraph(g0)).ToList().Take(50))
                Assert.True(snapshot.TryGetId(snapshot.GetTerm(q.S), out int s) && s == q.S);
            checks++;
        }
        await writer;
        Assert.Equal(30 * 301 * 2, dataset.QuadCount);
    }

    [Fact]
    public void SinkAdapterAddsAsItGoes()
    {
        var dataset = new MemoryDataset();
        IQuadSink sink = dataset.AsSink();
        sink.Add(new Quad(I("s"), I("p"), Literal.LangString("x", "en"), I("g")));
        Assert.Equal(1, dataset.Count(QuadPattern.InNamedGraphs()));
        Assert.Equal(Literal.LangString("x", "EN"), dataset.Quads().Single().Object);
    }

    private static EncodedQuad Encode(MemoryDataset d, Quad q) => new(
        d.GetOrAddId(q.Subject), d.GetOrAddId(q.Predicate), d.GetOrAddId(q.Object), q.Graph is null ? 0 : d.GetOrAddId(q.Graph));
}
