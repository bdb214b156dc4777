using DihNode.Rdf.Store;

namespace DihNode.Rdf.Tests.Store;

public class KeyIndexTests
{
    private static Key3 K(int a, int b, int c) => new() { A = a, B = b, C = c };

    private static (int, int, int) T(Key3 k) => (k.A, k.B, k.C);

    /// <summary>
    /// Random inserts and deletes over a small key space, so keys move between the base, level 1
    /// and level 0 in every direction; checked against a sorted set after every step batch.
    /// </summary>
    [Theory]
    [InlineData(0, 40_000)]
    [InlineData(20_000, 30_000)]
    public void UpdatesThroughBothDeltaLevelsMatchASortedSet(int bulk, int updates)
    {
        var random = new Random(bulk + updates);
        var index = new KeyIndex<Key3>(IndexOrder.Spo);
        var model = new SortedSet<(int, int, int)>();
        if (bulk > 0)
        {
            var keys = Enumerable.Range(0, bulk).Select(_ => K(1 + random.Next(30), 1 + random.Next(30), 1 + random.Next(30)))
                .DistinctBy(T).OrderBy(T).ToArray();
            index.ApplyBulk([], 0, keys, keys.Length);
            model.UnionWith(keys.Select(T));
        }
        KeyIndex<Key3>? frozen = null;
        List<(int, int, int)>? frozenContents = null;
        for (int step = 0; step < updates; step++)
        {
            var key = K(1 + random.Next(30), 1 + random.Next(30), 1 + random.Next(30));
            bool present = model.Contains(T(key));
            Assert.Equal(present, index.Contains(key));
            if (present && random.Next(2) == 0) { index.Delete(key); model.Remove(T(key)); }
            else if (!present) { index.Insert(key); model.Add(T(key)); }

            if (step % 5_000 == 0)
            {
                Check(index, model, random);
                if (frozen is not null) Assert.Equal(frozenContents, All(frozen));
                frozen = index.Clone();
                frozenContents = model.ToList();
            }
        }
        Check(index, model, random);
        Assert.Equal(frozenContents, All(frozen!));
        index.Consolidate();
        Check(index, model, random);
    }

    private static List<(int, int, int)> All(KeyIndex<Key3> index)
    {
        var range = index.Range(default, 0);
        var list = new List<(int, int, int)>();
        while (range.MoveNext()) list.Add(T(range.Current));
        return list;
    }

    private static void Check(KeyIndex<Key3> index, SortedSet<(int, int, int)> model, Random random)
    {
        Assert.Equal(model.Count, index.Count);
        Assert.Equal(model.ToList(), All(index));
        for (int i = 0; i < 20; i++)
        {
            var probe = K(1 + random.Next(30), 1 + random.Next(30), 1 + random.Next(30));
            for (int length = 1; length <= 3; length++)
            {
                var want = model.Where(k => k.Item1 == probe.A && (length < 2 || k.Item2 == probe.B) && (length < 3 || k.Item3 == probe.C)).ToList();
                var range = index.Range(probe, length);
                var got = new List<(int, int, int)>();
                while (range.MoveNext()) got.Add(T(range.Current));
                Assert.Equal(want, got);
                Assert.Equal(want.Count, index.CountPrefix(probe, length));
            }
        }
    }
}
