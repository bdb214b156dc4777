using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace DihNode.Rdf.Io.Text;

/// <summary>
/// The shared UTF-8 lexer under the N-Triples, N-Quads, Turtle and TriG parsers. This part owns the
/// input: the stream is read in chunks into one byte buffer that is refilled (and grown only when a
/// single token is longer than it), each chunk is checked to be well-formed UTF-8 before the lexer
/// may look at it, and positions are turned into 1-based line and column (in characters) only when
/// an error needs them.
/// </summary>
internal abstract partial class TextParser
{
    private const int ChunkSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly string? _source;

    /// <summary>The bytes; [0, _end) is checked UTF-8 the lexer may read, [_end, _rawEnd) an incomplete tail.</summary>
    protected byte[] _buf;
    protected int _pos;
    protected int _end;
    private int _rawEnd;

    /// <summary>Start of the token being read (or -1): a refill keeps the bytes from here on.</summary>
    protected int _mark = -1;

    private bool _eof;
    private int _invalidAt = -1;

    /// <summary>Line of _buf[0], and characters before _buf[0] on that line.</summary>
    private long _lineAtStart = 1;
    private long _columnAtStart;

    /// <summary>
    /// The buffer to start with: a chunk, or less when the stream says it holds less (a request body of
    /// one statement need not cost 64 KB); one byte more than the input, so reading its end needs no growth.
    /// </summary>
    private static int FirstChunkSize(Stream stream) =>
        stream.CanSeek ? (int)Math.Clamp(stream.Length - stream.Position + 1, 256, ChunkSize) : ChunkSize;

    /// <summary>Skips a leading byte order mark, which the syntaxes allow.</summary>
    private void SkipByteOrderMark()
    {
        if (EnsureAvailable(3) && _buf[_pos] == 0xEF && _buf[_pos + 1] == 0xBB && _buf[_pos + 2] == 0xBF)
        {
            _pos += 3;
            _columnAtStart = -1; // the byte order mark is not a character of the first line
        }
    }

    /// <summary>The byte at the read position, or -1 at the end of input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected int Peek() => _pos < _end ? _buf[_pos] : PeekSlow();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int PeekSlow() => Refill() ? _buf[_pos] : -1;

    /// <summary>The byte <paramref name="ahead"/> bytes after the read position, or -1.</summary>
    protected int PeekAt(int ahead) => EnsureAvailable(ahead + 1) ? _buf[_pos + ahead] : -1;

    /// <summary>Makes at least <paramref name="count"/> bytes readable from the read position, if the input has them.</summary>
    protected bool EnsureAvailable(int count)
    {
        while (_end - _pos < count)
            if (!Refill()) return false;
        return true;
    }

    /// <summary>
    /// Reads more of the stream. Bytes before the mark (or the read position) are dropped, after
    /// counting their lines; the rest moves to the front. Returns false at the end of input.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected bool Refill()
    {
        if (_invalidAt >= 0 && _end == _invalidAt)
            ThrowAt(_invalidAt, $"invalid UTF-8 byte 0x{_buf[_invalidAt]:X2}");
        if (_eof) return false;

        int keep = _mark >= 0 ? Math.Min(_mark, _pos) : _pos;
        if (keep > 0)
        {
            Advance(_buf.AsSpan(0, keep));
            Buffer.BlockCopy(_buf, keep, _buf, 0, _rawEnd - keep);
            _pos -= keep;
            _end -= keep;
            _rawEnd -= keep;
            if (_mark >= 0) _mark -= keep;
        }

        int oldEnd = _end;
        while (_end == oldEnd)
        {
            if (_rawEnd == _buf.Length) Array.Resize(ref _buf, _buf.Length * 2);
            int n = _stream.Read(_buf, _rawEnd, Math.Min(_buf.Length - _rawEnd, ChunkSize));
            if (n <= 0)
            {
                _eof = true;
                if (_rawEnd > _end)
                    ThrowAt(_end, $"invalid UTF-8 byte 0x{_buf[_end]:X2} (a sequence cut off by the end of input)");
                return false;
            }
            _rawEnd += n;
            Validate();
            if (_invalidAt >= 0 && _end == oldEnd)
                ThrowAt(_invalidAt, $"invalid UTF-8 byte 0x{_buf[_invalidAt]:X2}");
        }
        return true;
    }

    /// <summary>Moves _end over the complete, well-formed UTF-8 sequences read so far.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Validate()
    {
        if (_invalidAt >= 0) return;
        var fresh = _buf.AsSpan(_end, _rawEnd - _end);
        int complete = fresh.Length;
        // Hold back a multi-byte sequence cut by the chunk end until its other bytes arrive.
        for (int back = 1; back <= 3 && back <= fresh.Length; back++)
        {
            byte b = fresh[^back];
            if ((b & 0xC0) == 0x80) continue;
            int need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            if (need > back) complete = fresh.Length - back;
            break;
        }
        var span = fresh[..complete];
        if (Utf8.IsValid(span))
        {
            _end += complete;
            return;
        }
        int i = 0;
        while (i < span.Length)
        {
            if (span[i] < 0x80) { i++; continue; }
            if (System.Text.Rune.DecodeFromUtf8(span[i..], out _, out int used) != System.Buffers.OperationStatus.Done) break;
            i += used;
        }
        _invalidAt = _end + i;
        _end += i;
    }

    /// <summary>Counts the lines and characters of bytes about to be dropped from the buffer.</summary>
    private void Advance(ReadOnlySpan<byte> dropped)
    {
        long lines = CountLineEnds(dropped, dropped.Length < _rawEnd ? _buf[dropped.Length] : -1, out int lineStart);
        if (lines == 0)
        {
            _columnAtStart += CountChars(dropped);
            return;
        }
        _lineAtStart += lines;
        _columnAtStart = CountChars(dropped[lineStart..]);
    }

    /// <summary>
    /// Line ends in <paramref name="bytes"/> (LF, CR LF or a lone CR, as N-Triples' EOL allows) and where
    /// the last line starts; <paramref name="next"/> is the byte after the span, to pair a final CR.
    /// </summary>
    private static long CountLineEnds(ReadOnlySpan<byte> bytes, int next, out int lineStart)
    {
        if (bytes.IndexOf((byte)'\r') < 0)
        {
            lineStart = bytes.LastIndexOf((byte)'\n') + 1;
            return bytes.Count((byte)'\n');
        }
        long lines = 0;
        lineStart = 0;
        int i = 0;
        while (true)
        {
            int j = bytes[i..].IndexOfAny((byte)'\r', (byte)'\n');
            if (j < 0) return lines;
            j += i;
            i = j + 1;
            if (bytes[j] == '\r' && (j + 1 < bytes.Length ? bytes[j + 1] : next) == '\n') continue; // the LF ends this line
            lines++;
            lineStart = i;
        }
    }

    private static long CountChars(ReadOnlySpan<byte> bytes)
    {
        long n = 0;
        foreach (byte b in bytes)
            if ((b & 0xC0) != 0x80) n++;
        return n;
    }

    /// <summary>1-based line and column (in characters) of the byte at <paramref name="index"/> of the buffer.</summary>
    protected (long Line, long Column) PositionOf(int index)
    {
        index = Math.Clamp(index, 0, _rawEnd);
        var before = _buf.AsSpan(0, index);
        long lines = CountLineEnds(before, index < _rawEnd ? _buf[index] : -1, out int lineStart);
        if (lines == 0) return (_lineAtStart, _columnAtStart + CountChars(before) + 1);
        return (_lineAtStart + lines, CountChars(before[lineStart..]) + 1);
    }

    [DoesNotReturn]
    protected void ThrowAt(int index, string problem)
    {
        var (line, column) = PositionOf(index);
        throw new RdfSyntaxException(problem, line, column, _source);
    }

    /// <summary>Fails at the read position.</summary>
    [DoesNotReturn]
    protected void Fail(string problem) => ThrowAt(_pos, problem);

    /// <summary>Fails at the read position saying what was expected and what was found.</summary>
    [DoesNotReturn]
    protected void FailExpected(string expected)
    {
        int c = Peek();
        Fail(c < 0 ? $"expected {expected}, found end of input" : $"expected {expected}, found {Describe(_pos)}");
    }

    /// <summary>The character at a buffer index, quoted for a message.</summary>
    protected string Describe(int index)
    {
        if (index >= _end) return "end of input";
        byte b = _buf[index];
        if (b == '\n') return "end of line";
        if (b == '\r') return "carriage return";
        if (b < 0x20 || b == 0x7F) return $"control character U+{b:X4}";
        if (b < 0x80) return $"'{(char)b}'";
        System.Text.Rune.DecodeFromUtf8(_buf.AsSpan(index, _end - index), out var rune, out _);
        return $"'{rune}' (U+{rune.Value:X4})";
    }

    protected static string Utf8String(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
