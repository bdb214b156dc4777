using System.Buffers;
using System.Runtime.CompilerServices;

namespace DihNode.Rdf.Store;

/// <summary>
/// Gives each distinct RDF term an int id (from 1; 0 is <see cref="TermIds.None"/>) and back.
/// Terms are kept encoded (<see cref="TermEncoding"/>) in a chunked byte arena, not as objects:
/// per term that is the encoded bytes plus a 1 or 4 byte length, a 4-byte address and about 11 bytes
/// of open-addressing table, whose slots hold the hash beside the id so that probes rarely touch the
/// arena. Terms are decoded on demand, through a small cache.
/// Safe for one writer and any number of concurrent readers: nothing a reader can reach is
/// overwritten, only published (arrays are replaced, never resized in place).
/// </summary>
internal sealed partial class TermDictionary
{
    private const int ChunkBits = 20;
    private const int ChunkSize = 1 << ChunkBits;
    private const int MaxChunks = 1 << (31 - ChunkBits);

    private byte[][] _chunks = [new byte[64 * 1024]];
    private int _chunkCount = 1;
    private int _chunkUsed;

    private int[] _addresses = new int[1024];
    private int _count = 1; // id 0 is reserved

    /// <summary>Slots of (hash &lt;&lt; 32 | id); 0 = empty. Load factor at most 3/4.</summary>
    private long[] _table = new long[2048];

    /// <summary>The number of terms (ids are 1 .. Count).</summary>
    public int Count => Volatile.Read(ref _count) - 1;

    /// <summary>Bytes held by the arena, address, hash and table arrays (for measurements).</summary>
    public long AllocatedBytes
    {
        get
        {
            long n = (long)_addresses.Length * sizeof(int) + (long)_table.Length * sizeof(long);
            for (int i = 0; i < _chunkCount; i++) n += _chunks[i].Length;
            return n;
        }
    }

    /// <summary>The id of an encoded term, or 0.</summary>
    public int Find(ReadOnlySpan<byte> encoded) => Find(encoded, Hash(encoded));

    private int Find(ReadOnlySpan<byte> encoded, int hash)
    {
        long[] table = Volatile.Read(ref _table);
        int mask = table.Length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            long entry = Volatile.Read(ref table[slot]);
            if (entry == 0) return 0;
            if ((int)(entry >> 32) == hash && Bytes((int)entry).SequenceEqual(encoded)) return (int)entry;
        }
    }

    /// <summary>The id of an encoded term, adding it when new. One writer at a time.</summary>
    public int GetOrAdd(ReadOnlySpan<byte> encoded)
    {
        int hash = Hash(encoded);
        int id = Find(encoded, hash);
        return id != 0 ? id : Add(encoded, hash);
    }

    /// <summary>The encoded bytes of term <paramref name="id"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<byte> Bytes(int id)
    {
        if ((uint)id >= (uint)Volatile.Read(ref _count) || id == 0) ThrowUnknownId(id);
        int address = Volatile.Read(ref _addresses)[id];
        byte[] chunk = Volatile.Read(ref _chunks)[address >> ChunkBits];
        int offset = address & (ChunkSize - 1);
        int length = chunk[offset];
        if (length < 0x80) return chunk.AsSpan(offset + 1, length);
        length = (length & 0x7F) | (chunk[offset + 1] << 7) | (chunk[offset + 2] << 14) | (chunk[offset + 3] << 21);
        return chunk.AsSpan(offset + 4, length);
    }

    private int Add(ReadOnlySpan<byte> encoded, int hash)
    {
        int id = _count;
        if (id == _addresses.Length)
        {
            Volatile.Write(ref _addresses, Grow(_addresses));
        }
        _addresses[id] = Store(encoded);
        if ((id + 1) * 4L > _table.Length * 3L) Rehash(_table.Length * 2);
        long[] table = _table;
        int mask = table.Length - 1;
        int slot = hash & mask;
        while (table[slot] != 0) slot = (slot + 1) & mask;
        Volatile.Write(ref _count, id + 1);
        Volatile.Write(ref table[slot], ((long)hash << 32) | (uint)id);
        return id;
    }

    private static int[] Grow(int[] a)
    {
        var b = new int[a.Length * 2];
        Array.Copy(a, b, a.Length);
        return b;
    }

    /// <summary>Builds a larger table from the current one, then publishes it.</summary>
    private void Rehash(int size)
    {
        var table = new long[size];
        int mask = size - 1;
        foreach (long entry in _table)
        {
            if (entry == 0) continue;
            int slot = (int)(entry >> 32) & mask;
            while (table[slot] != 0) slot = (slot + 1) & mask;
            table[slot] = entry;
        }
        Volatile.Write(ref _table, table);
    }

    /// <summary>Copies a term's length and bytes into the arena and returns its address.</summary>
    private int Store(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length >= 1 << 28) throw new ArgumentException("A term of 256 MB or more cannot be stored.", nameof(encoded));
        int header = encoded.Length < 0x80 ? 1 : 4;
        int need = header + encoded.Length;
        byte[] chunk = _chunks[_chunkCount - 1];
        if (_chunkUsed + need > chunk.Length)
        {
            if (chunk.Length < ChunkSize && _chunkUsed + need <= ChunkSize)
            {
                // The first chunk starts small and doubles; readers holding the old array still find their terms in it.
                var grown = new byte[Math.Min(ChunkSize, Math.Max(chunk.Length * 2, _chunkUsed + need))];
                Array.Copy(chunk, grown, _chunkUsed);
                var chunks = (byte[][])_chunks.Clone();
                chunks[_chunkCount - 1] = grown;
                Volatile.Write(ref _chunks, chunks);
                chunk = grown;
            }
            else
            {
                if (_chunkCount == MaxChunks) throw new InvalidOperationException("The term dictionary is full (2 GB of encoded terms).");
                chunk = new byte[Math.Max(ChunkSize, need)];
                var chunks = _chunks;
                if (_chunkCount == chunks.Length)
                {
                    chunks = new byte[_chunkCount * 2][];
                    Array.Copy(_chunks, chunks, _chunkCount);
                }
                chunks[_chunkCount] = chunk;
                Volatile.Write(ref _chunks, chunks);
                _chunkCount++;
                _chunkUsed = 0;
            }
        }
        int offset = _chunkUsed;
        if (header == 1)
        {
            chunk[offset] = (byte)encoded.Length;
        }
        else
        {
            int n = encoded.Length;
            chunk[offset] = (byte)(0x80 | (n & 0x7F));
            chunk[offset + 1] = (byte)(n >> 7);
            chunk[offset + 2] = (byte)(n >> 14);
            chunk[offset + 3] = (byte)(n >> 21);
        }
        encoded.CopyTo(chunk.AsSpan(offset + header));
        // An oversized term fills its own chunk; the next term starts a fresh one.
        _chunkUsed = need > ChunkSize ? chunk.Length : offset + need;
        return ((_chunkCount - 1) << ChunkBits) | offset;
    }

    /// <summary>A 32-bit hash of the encoded bytes, eight bytes per step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Hash(ReadOnlySpan<byte> s)
    {
        ulong h = 0x9E3779B97F4A7C15UL ^ (ulong)s.Length;
        ref byte p = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(s);
        int i = 0;
        for (; i + 8 <= s.Length; i += 8)
        {
            h = (h ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, i))) * 0xBF58476D1CE4E5B9UL;
            h ^= h >> 31;
        }
        ulong tail = 0;
        for (int shift = 0; i < s.Length; i++, shift += 8) tail |= (ulong)Unsafe.Add(ref p, i) << shift;
        h = (h ^ tail) * 0x94D049BB133111EBUL;
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        return (int)(h ^ (h >> 32));
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowUnknownId(int id) => throw new ArgumentOutOfRangeException(nameof(id), id, "No term has this id.");

    internal static byte[] Rent(int size) => ArrayPool<byte>.Shared.Rent(size);

    internal static void Return(byte[]? rented)
    {
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
    }
}
