using DihNode.Rdf.Model;
using DihNode.Rdf.Store;

namespace DihNode.Rdf.Tests.Store;

/// <summary>
/// <see cref="QuadCursor.DistinctTriples"/> and <see cref="QuadCursor.MergeGraphs"/>: the triples of
/// the merge of graphs, each once, G = 0, in the index's key order, whatever the state of the index deltas.
/// </summary>
public class DistinctTriplesTests
{
    private static Iri I(string local) => Iri.FromTrusted("http://example.org/" + local);

    /// <summary>Few subjects, predicates and objects over the default graph and 4 named graphs: many triples in several graphs.</summary>
    private static List<Quad> RandomQuads(int n, Random random)
    {
        var quads = new List<Quad>(n);
        for (int i = 0; i < n; i++)
        {
            NamedOrBlankNode s = random.Next(10) == 0 ? new BlankNode("b" + random.Next(10)) : I("s" + random.Next(40));
            Term o = random.Next(2) == 0 ? I("s" + random.Next(40)) : Literal.Simple("v" + random.Next(20));
            NamedOrBlankNode? g = random.Next(4) == 0 ? null : I("g" + random.Next(4));
            quads.Add(new Quad(s, I("p" + random.Next(4)), o, g));
        }
        return quads;
    }

    private static EncodedQuad Encode(MemoryDataset d, Quad q) =>
        new(d.GetOrAddId(q.Subject), d.GetOrAddId(q.Predicate), d.GetOrAddId(q.Object), q.Graph is null ? 0 : d.GetOrAddId(q.Graph));

    /// <summary>
    /// Every S/P/O mask over sampled triples, for the merge of all graphs, of the named graphs, and of a
    /// random list of graphs (<see cref="QuadCursor.MergeGraphs"/>).
    /// </summary>
    private static int CheckAll(MemoryDataset dataset, HashSet<EncodedQuad> quads, Random random)
    {
        var all = quads.ToList();
        int withRepeats = 0;
        for (int trial = 0; trial < 8; trial++)
        {
            EncodedQuad sample = all[random.Next(all.Count)];
            for (int mask = 0; mask < 8; mask++)
            {
                int s = (mask & 1) != 0 ? sample.S : 0, p = (mask & 2) != 0 ? sample.P : 0, o = (mask & 4) != 0 ? sample.O : 0;
                // Some of the graphs (the default graph among them or not), as FROM lists them.
                int[] graphs = [.. all.Select(q => q.G).Distinct().Where(_ => random.Next(2) == 0)];
                var all3 = QuadPattern.InAllGraphs(s, p, o);
                var named = QuadPattern.InNamedGraphs(s, p, o);
                // DistinctTriples twice is DistinctTriples once.
                var cases = new (string Name, Func<EncodedQuad, bool> InScope, Func<List<EncodedQuad>> Read)[]
                {
                    ("all graphs", q => all3.Matches(in q), () => dataset.Find(all3).DistinctTriples().DistinctTriples().ToList()),
                    ("named graphs", q => named.Matches(in q), () => dataset.Find(named).DistinctTriples().ToList()),
                    ($"graphs {string.Join(",", graphs)}", q => all3.Matches(in q) && graphs.Contains(q.G),
                        () => QuadCursor.MergeGraphs(dataset, graphs, s, p, o).ToList()),
                };
                foreach (var (pattern, inScope, read) in cases)
                {
                    var matches = all.Where(inScope).ToList();
                    var want = matches.Select(q => q with { G = 0 }).Distinct().OrderBy(q => (q.S, q.P, q.O)).ToList();
                    if (want.Count < matches.Count) withRepeats++;
                    List<EncodedQuad> got = read();
                    Assert.Equal(want, got.OrderBy(q => (q.S, q.P, q.O)).ToList());
                    // In the key order of the index the pattern reads (SPO, POS or OSP by the bound positions), strictly rising.
                    IndexOrder order = IndexOrder.Default[IndexOrder.DefaultSlot(mask)];
                    for (int i = 1; i < got.Count; i++)
                    {
                        Key3 a = order.ToKey3(got[i - 1]), b = order.ToKey3(got[i]);
                        Assert.True((a.A, a.B, a.C).CompareTo((b.A, b.B, b.C)) < 0, $"{got[i - 1]} before {got[i]} in {pattern}, mask {mask}");
                    }
                }
            }
        }
        return withRepeats;
    }

    [Fact]
    public void After_a_bulk_load_each_triple_comes_once_in_key_order()
    {
        var random = new Random(41);
        var dataset = new MemoryDataset();
        List<Quad> quads = RandomQuads(6_000, random);
        dataset.Load(sink => { foreach (Quad q in quads) sink.Add(q); });
        var expected = quads.Select(q => Encode(dataset, q)).ToHashSet();
        Assert.True(CheckAll(dataset, expected, random) > 20, "the data should put triples in several graphs");
    }

    [Fact]
    public void Under_single_updates_each_triple_comes_once_in_key_order()
    {
        // Single adds and removes over a bulk-loaded base: the ranges merge the base with both delta levels.
        var random = new Random(42);
        var dataset = new MemoryDataset();
        List<Quad> initial = RandomQuads(3_000, random);
        dataset.Load(sink => { foreach (Quad q in initial) sink.Add(q); });
        var expected = initial.Select(q => Encode(dataset, q)).ToHashSet();
        foreach (Quad q in RandomQuads(3_000, random))
        {
            if (random.Next(3) == 0) Assert.Equal(expected.Remove(Encode(dataset, q)), dataset.Remove(q));
            else Assert.Equal(expected.Add(Encode(dataset, q)), dataset.Add(q));
        }
        Assert.True(CheckAll(dataset, expected, random) > 20, "the data should put triples in several graphs");
        // A snapshot reads the same.
        Assert.Equal(dataset.Find(QuadPattern.InAllGraphs()).DistinctTriples().ToList(),
            dataset.Snapshot().Find(QuadPattern.InAllGraphs()).DistinctTriples().ToList());
    }

    [Fact]
    public void One_graph_or_none_is_read_as_it_is()
    {
        var dataset = new MemoryDataset();
        dataset.Add(new Quad(I("s"), I("p"), I("o"), I("g")));
        dataset.Add(new Quad(I("s"), I("p"), I("o2"), I("g")));
        int g = dataset.GetOrAddId(I("g")), p = dataset.GetOrAddId(I("p"));
        Assert.Equal(2, dataset.Find(QuadPattern.InGraph(g)).DistinctTriples().ToList().Count);
        Assert.All(dataset.Find(QuadPattern.InAllGraphs(p: p)).DistinctTriples().ToList(), q => Assert.Equal(0, q.G));
        Assert.Empty(dataset.Find(QuadPattern.InDefaultGraph()).DistinctTriples().ToList());
        Assert.Empty(new MemoryDataset().Find(QuadPattern.InAllGraphs()).DistinctTriples().ToList());
    }
}
