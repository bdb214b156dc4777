using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DihNode.Rdf.Store;

/// <summary>
/// A sort key of an index: the ids of a quad in the index's order, laid out as consecutive ints so
/// that generic code reads component <c>i</c> directly. Ordered lexicographically.
/// </summary>
internal interface IQuadKey<TSelf> where TSelf : unmanaged, IQuadKey<TSelf>
{
    /// <summary>The number of components (3 for the default graph, 4 for named graphs).</summary>
    static abstract int Arity { get; }
}

/// <summary>A default-graph key: three ids in some order of S, P, O.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Key3 : IQuadKey<Key3>
{
    public int A, B, C;

    public static int Arity => 3;
}

/// <summary>A named-graph key: four ids in some order of S, P, O, G.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Key4 : IQuadKey<Key4>
{
    public int A, B, C, D;

    public static int Arity => 4;
}

/// <summary>Component access and comparison shared by <see cref="Key3"/> and <see cref="Key4"/>.</summary>
internal static class QuadKey
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Get<T>(ref readonly T key, int i) where T : unmanaged, IQuadKey<T> =>
        Unsafe.Add(ref Unsafe.As<T, int>(ref Unsafe.AsRef(in key)), i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref int At<T>(ref T key, int i) where T : unmanaged, IQuadKey<T> =>
        ref Unsafe.Add(ref Unsafe.As<T, int>(ref key), i);

    /// <summary>Compares the first <paramref name="length"/> components.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ComparePrefix<T>(ref readonly T a, ref readonly T b, int length) where T : unmanaged, IQuadKey<T>
    {
        ref int x = ref Unsafe.As<T, int>(ref Unsafe.AsRef(in a));
        ref int y = ref Unsafe.As<T, int>(ref Unsafe.AsRef(in b));
        for (int i = 0; i < length; i++)
        {
            int u = Unsafe.Add(ref x, i), v = Unsafe.Add(ref y, i);
            if (u != v) return u < v ? -1 : 1;
        }
        return 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Compare<T>(ref readonly T a, ref readonly T b) where T : unmanaged, IQuadKey<T> =>
        ComparePrefix(in a, in b, T.Arity);

    /// <summary>First index in <c>keys[lo..hi)</c> whose prefix is not below <paramref name="probe"/>'s.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int LowerBound<T>(T[] keys, int lo, int hi, in T probe, int length) where T : unmanaged, IQuadKey<T>
    {
        while (lo < hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            if (ComparePrefix(in keys[mid], in probe, length) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>First index in <c>keys[lo..hi)</c> whose prefix is above <paramref name="probe"/>'s.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int UpperBound<T>(T[] keys, int lo, int hi, in T probe, int length) where T : unmanaged, IQuadKey<T>
    {
        while (lo < hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            if (ComparePrefix(in keys[mid], in probe, length) <= 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>The range <c>[start, end)</c> of <c>keys[0..count)</c> sharing <paramref name="probe"/>'s prefix.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (int Start, int End) Range<T>(T[] keys, int count, in T probe, int length) where T : unmanaged, IQuadKey<T>
    {
        if (length == 0) return (0, count);
        int start = LowerBound(keys, 0, count, in probe, length);
        if (start >= count || ComparePrefix(in keys[start], in probe, length) != 0) return (start, start);
        // Most ranges a seek finds are short: the end is galloped to from the start, not bisected
        // over the rest of the index. Keys in [start, lo) match; keys[hi], when there, does not.
        int lo = start + 1, hi = lo, step = 1;
        while (hi < count && ComparePrefix(in keys[hi], in probe, length) == 0)
        {
            lo = hi + 1;
            hi = lo + step;
            step <<= 1;
        }
        if (hi > count) hi = count;
        return (start, UpperBound(keys, lo, hi, in probe, length));
    }

    /// <summary>True when <paramref name="key"/> is in <c>keys[0..count)</c>.</summary>
    public static bool Contains<T>(T[] keys, int count, in T key) where T : unmanaged, IQuadKey<T>
    {
        int i = LowerBound(keys, 0, count, in key, T.Arity);
        return i < count && Compare(in keys[i], in key) == 0;
    }
}
