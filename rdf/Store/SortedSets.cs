namespace DihNode.Rdf.Store;

/// <summary>Set operations over sorted, duplicate-free key arrays, each one linear pass.</summary>
internal static class SortedSets
{
    /// <summary><paramref name="a"/> − <paramref name="b"/>.</summary>
    public static T[] Except<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b) where T : unmanaged, IQuadKey<T>
    {
        if (b.IsEmpty || a.IsEmpty) return a.ToArray();
        var result = new T[a.Length];
        int n = 0, j = 0;
        for (int i = 0; i < a.Length; i++)
        {
            while (j < b.Length && QuadKey.Compare(in b[j], in a[i]) < 0) j++;
            if (j < b.Length && QuadKey.Compare(in b[j], in a[i]) == 0) continue;
            result[n++] = a[i];
        }
        return n == result.Length ? result : result.AsSpan(0, n).ToArray();
    }

    /// <summary><paramref name="a"/> ∪ <paramref name="b"/>, which are disjoint.</summary>
    public static T[] Union<T>(T[] a, T[] b) where T : unmanaged, IQuadKey<T>
    {
        if (b.Length == 0) return a;
        if (a.Length == 0) return b;
        var result = new T[a.Length + b.Length];
        int i = 0, j = 0, n = 0;
        while (i < a.Length && j < b.Length)
            result[n++] = QuadKey.Compare(in a[i], in b[j]) < 0 ? a[i++] : b[j++];
        while (i < a.Length) result[n++] = a[i++];
        while (j < b.Length) result[n++] = b[j++];
        return result;
    }

    /// <summary>(<paramref name="b"/> − <paramref name="r"/>) ∪ <paramref name="a"/>, all sorted; r ⊆ b, a ∩ b = ∅.</summary>
    public static T[] Merge<T>(T[] b, int bn, T[] r, int rn, T[] a, int an) where T : unmanaged, IQuadKey<T>
    {
        var result = GC.AllocateUninitializedArray<T>(bn - rn + an);
        int bi = 0, ri = 0, ai = 0, o = 0;
        while (bi < bn)
        {
            ref readonly T bk = ref b[bi];
            if (ri < rn && QuadKey.Compare(in r[ri], in bk) == 0) { ri++; bi++; continue; }
            while (ai < an && QuadKey.Compare(in a[ai], in bk) < 0) result[o++] = a[ai++];
            result[o++] = bk;
            bi++;
        }
        while (ai < an) result[o++] = a[ai++];
        if (o != result.Length || ri != rn) throw new InvalidOperationException("Index delta out of step with its base.");
        return result;
    }
}
