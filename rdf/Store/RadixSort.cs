using System.Runtime.CompilerServices;

namespace DihNode.Rdf.Store;

/// <summary>
/// LSD radix sort of index keys (non-negative int components), 11 bits per pass. All digit
/// histograms are counted in one read pass; passes whose digit is the same for every key are skipped,
/// so small ids (predicates, graphs) cost one pass or none. Linear time, one scratch array.
/// </summary>
internal static class RadixSort
{
    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;
    private const int DigitsPerComponent = 3; // 33 bits >= 31

    /// <summary>
    /// Sorts <c>keys[0..count)</c> ascending, using <paramref name="scratch"/> (at least
    /// <paramref name="count"/> long). Returns whichever of the two arrays holds the result.
    /// </summary>
    public static T[] Sort<T>(T[] keys, T[] scratch, int count) where T : unmanaged, IQuadKey<T>
    {
        int arity = T.Arity;
        int passes = arity * DigitsPerComponent;
        int[] counts = new int[passes * Buckets];
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
