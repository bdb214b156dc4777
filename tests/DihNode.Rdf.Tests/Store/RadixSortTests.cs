using DihNode.Rdf.Store;

namespace DihNode.Rdf.Tests.Store;

/// <summary>
/// The index sort: few keys by insertion, more by radix passes with a pooled histogram; both must give
/// the order of <see cref="QuadKey.Compare{T}"/>, duplicates kept, and allocate nothing for a small batch.
/// </summary>
public sealed class RadixSortTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(1000)]
    public void SortsLikeACompareSort(int count)
    {
        var random = new Random(count);
        // Small and large ids (every digit of 33 bits in use), repeats included.
        int Id() => random.Next(4) switch { 0 => random.Next(3), 1 => random.Next(5000), _ => random.Next(int.MaxValue) };
        var keys = new Key4[count];
        for (int i = 0; i < count; i++) keys[i] = i > 0 && random.Next(5) == 0 ? keys[random.Next(i)] : new Key4 { A = Id(), B = Id(), C = Id(), D = Id() };
        var expected = keys.ToArray();
        Array.Sort(expected, (x, y) => QuadKey.Compare(in x, in y));

        var sorted = RadixSort.Sort(keys, new Key4[count], count);

        Assert.Equal(expected, sorted);
    }

    [Fact]
    public void ASmallBatchAllocatesNothing()
    {
        var keys = Enumerable.Range(0, 20).Select(i => new Key4 { A = 20 - i, B = i % 3, C = 7, D = i }).ToArray();
        var scratch = new Key4[keys.Length];
        RadixSort.Sort(keys, scratch, keys.Length);
        for (int i = 0; i < keys.Length; i++) keys[i].A = 20 - i;

        long before = GC.GetAllocatedBytesForCurrentThread();
        RadixSort.Sort(keys, scratch, keys.Length);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(keys.Zip(keys.Skip(1)).All(p => QuadKey.Compare(in p.First, in p.Second) <= 0));
    }
}
