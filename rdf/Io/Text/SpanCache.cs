using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DihNode.Rdf.Io.Text;

/// <summary>
/// A small direct-mapped cache from the raw bytes of a token to the term made from it, so that
/// repeated IRIs, prefixed names and blank node labels cost one hash and one compare instead of a
/// decode and two allocations. A collision simply replaces the older entry. It starts at
/// <see cref="FirstSize"/> slots and doubles, up to the size given, once it has stored as many entries
/// as it has slots: parsing a short document (a request body) does not pay for a large table.
/// </summary>
internal sealed class SpanCache<T> where T : class
{
    private const int FirstSize = 64;

    private readonly int _maxSize;
    private byte[]?[] _keys;
    private T?[] _values;
    private int _mask;
    private int _stored;

    public SpanCache(int sizePowerOfTwo)
    {
        _maxSize = sizePowerOfTwo;
        int size = Math.Min(FirstSize, sizePowerOfTwo);
        _keys = new byte[size][];
        _values = new T[size];
        _mask = size - 1;
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
        if (++_stored > _keys.Length && _keys.Length < _maxSize) Grow();
        int slot = hash & _mask;
        _keys[slot] = key.ToArray();
        _values[slot] = value;
    }

    /// <summary>Doubles the table, keeping the entries (each to its slot under the wider mask).</summary>
    private void Grow()
    {
        var keys = new byte[]?[_keys.Length * 2];
        var values = new T?[keys.Length];
        int mask = keys.Length - 1;
        for (int i = 0; i < _keys.Length; i++)
        {
            if (_keys[i] is not { } key) continue;
            int slot = Hash(key) & mask;
            keys[slot] = key;
            values[slot] = _values[i];
        }
        (_keys, _values, _mask, _stored) = (keys, values, mask, 0);
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
