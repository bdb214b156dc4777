using System.Buffers;
using System.Runtime.CompilerServices;

namespace DihNode.Rdf.Store;

/// <summary>
/// LSD radix sort of index keys (non-negative int components), 11 bits per pass. All digit
/// histograms are counted in one read pass; passes whose digit is the same for every key are skipped,
/// so small ids (predicates, graphs) cost one pass or none. Linear time, one scratch array. The
/// histograms (up to 96 KB, large-object-heap sized) are pooled, and a few keys (a single write's
/// batch) are sorted by insertion instead, so small writes allocate nothing here.
/// </summary>
internal static class RadixSort
{
    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;
    private const int DigitsPerComponent = 3; // 33 bits >= 31
    private const int InsertionSortMax = 32;

    /// <summary>
    /// Sorts <c>keys[0..count)</c> ascending, using <paramref name="scratch"/> (at least
    /// <paramref name="count"/> long). Returns whichever of the two arrays holds the result.
    /// </summary>
    public static T[] Sort<T>(T[] keys, T[] scratch, int count) where T : unmanaged, IQuadKey<T>
    {
        if (count <= InsertionSortMax)
        {
            InsertionSort(keys, count);
            return keys;
        }
        int arity = T.Arity;
        int length = arity * DigitsPerComponent * Buckets;
        int[] counts = ArrayPool<int>.Shared.Rent(length);
        try
        {
            Array.Clear(counts, 0, length);
            return Sort(keys, scratch, count, counts);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(counts);
        }
    }

    /// <summary>Keys are equal only when identical, so insertion order cannot show: the result is the radix sort's.</summary>
    private static void InsertionSort<T>(T[] keys, int count) where T : unmanaged, IQuadKey<T>
    {
        for (int i = 1; i < count; i++)
        {
            T key = keys[i];
            int j = i - 1;
            while (j >= 0 && QuadKey.Compare(in keys[j], in key) > 0)
            {
                keys[j + 1] = keys[j];
                j--;
            }
            keys[j + 1] = key;
        }
    }

    private static T[] Sort<T>(T[] keys, T[] scratch, int count, int[] counts) where T : unmanaged, IQuadKey<T>
    {
        int arity = T.Arity;
        for (int i = 0; i < count; i++)
        {
            ref readonly T k = ref keys[i];
            for (int c = 0; c < arity; c++)
            {
                uint v = (uint)QuadKey.Get(in k, c);
                int baseIndex = c * DigitsPerComponent * Buckets;
                counts[baseIndex + (int)(v & (Buckets - 1))]++;
                counts[baseIndex + Buckets + (int)((v >> DigitBits) & (Buckets - 1))]++;
                counts[baseIndex + 2 * Buckets + (int)(v >> (2 * DigitBits))]++;
            }
        }

        T[] src = keys, dst = scratch;
        for (int c = arity - 1; c >= 0; c--)
        {
            for (int d = 0; d < DigitsPerComponent; d++)
            {
                Span<int> hist = counts.AsSpan((c * DigitsPerComponent + d) * Buckets, Buckets);
                if (IsSingleBucket(hist, count)) continue;
                int sum = 0;
                for (int b = 0; b < Buckets; b++)
                {
                    int n = hist[b];
                    hist[b] = sum;
                    sum += n;
                }
                Scatter(src, dst, count, hist, c, d * DigitBits);
                (src, dst) = (dst, src);
            }
        }
        return src;
    }

    private static bool IsSingleBucket(Span<int> hist, int count)
    {
        foreach (int n in hist)
        {
            if (n == count) return true;
            if (n != 0) return false;
        }
        return true; // count == 0
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scatter<T>(T[] src, T[] dst, int count, Span<int> offsets, int component, int shift)
        where T : unmanaged, IQuadKey<T>
    {
        for (int i = 0; i < count; i++)
        {
            ref readonly T k = ref src[i];
            int b = (int)(((uint)QuadKey.Get(in k, component) >> shift) & (Buckets - 1));
            dst[offsets[b]++] = k;
        }
    }
}
