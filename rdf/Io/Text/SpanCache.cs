using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DihNode.Rdf.Io.Text;

/// <summary>
/// A small direct-mapped cache from the raw bytes of a token to the term made from it, so that
/// repeated IRIs, prefixed names and blank node labels cost one hash and one compare instead of a
/// decode and two allocations. A collision simply replaces the older entry.
/// </summary>
internal sealed class SpanCache<T> where T : class
{
    private readonly byte[]?[] _keys;
    private readonly T?[] _values;
    private readonly int _mask;

    public SpanCache(int sizePowerOfTwo)
    {
        _keys = new byte[sizePowerOfTwo][];
        _values = new T[sizePowerOfTwo];
        _mask = sizePowerOfTwo - 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T? Get(ReadOnlySpan<byte> key, int hash)
    {
        int slot = hash & _mask;
        var k = _keys[slot];
        return k is not null && key.SequenceEqual(k) ? _values[slot] : null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Set(ReadOnlySpan<byte> key, int hash, T value)
    {
        if (key.Length > 512) return;
        int slot = hash & _mask;
        _keys[slot] = key.ToArray();
        _values[slot] = value;
    }

    public void Clear()
    {
        Array.Clear(_keys);
        Array.Clear(_values);
    }

    /// <summary>A fast, non-cryptographic hash of a byte span (eight bytes at a time).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Hash(ReadOnlySpan<byte> s)
    {
        ulong h = 0x9E3779B97F4A7C15UL ^ (ulong)s.Length;
        int i = 0;
        for (; i + 8 <= s.Length; i += 8)
        {
            h ^= MemoryMarshal.Read<ulong>(s[i..]);
            h *= 0xFF51AFD7ED558CCDUL;
            h ^= h >> 32;
        }
        ulong tail = 0;
        for (int shift = 0; i < s.Length; i++, shift += 8) tail |= (ulong)s[i] << shift;
        h ^= tail;
        h *= 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 29;
        return (int)h ^ (int)(h >> 32);
    }
}
