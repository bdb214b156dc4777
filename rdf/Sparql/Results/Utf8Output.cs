using System.Buffers;
using System.Text;

namespace DihNode.Rdf.Sparql.Results;

/// <summary>
/// Where a result writer's UTF-8 goes: either a caller's <see cref="IBufferWriter{T}"/> (e.g. an
/// ASP.NET Core <c>PipeWriter</c>, flushed asynchronously by the caller) or a <see cref="Stream"/>,
/// behind a private buffer that is written out whenever <see cref="RowDone"/> finds it over
/// <see cref="StreamChunk"/> bytes. Text is encoded straight into the buffer, no intermediate strings.
/// </summary>
internal sealed class Utf8Output
{
    public const int StreamChunk = 16 * 1024;

    private readonly IBufferWriter<byte> _buffer;
    private readonly ArrayBufferWriter<byte>? _own;
    private readonly Stream? _stream;

    public Utf8Output(IBufferWriter<byte> buffer) => _buffer = buffer;

    public Utf8Output(Stream stream)
    {
        _stream = stream;
        _own = new ArrayBufferWriter<byte>(StreamChunk * 2);
        _buffer = _own;
    }

    public IBufferWriter<byte> Buffer => _buffer;

    public void Write(char c)
    {
        if (c < 0x80)
        {
            _buffer.GetSpan(1)[0] = (byte)c;
            _buffer.Advance(1);
        }
        else
        {
            Write(new ReadOnlySpan<char>(in c));
        }
    }

    public void Write(string s) => Write(s.AsSpan());

    public void Write(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty) return;
        Span<byte> span = _buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(s.Length));
        int n = Encoding.UTF8.GetBytes(s, span);
        _buffer.Advance(n);
    }

    public void Write(StringBuilder sb)
    {
        foreach (ReadOnlyMemory<char> chunk in sb.GetChunks()) Write(chunk.Span);
    }

    /// <summary>Bytes that are already UTF-8 (e.g. <c>"..."u8</c> markup).</summary>
    public void WriteUtf8(ReadOnlySpan<byte> bytes)
    {
        Span<byte> span = _buffer.GetSpan(bytes.Length);
        bytes.CopyTo(span);
        _buffer.Advance(bytes.Length);
    }

    /// <summary>Called after each row: a stream target gets the buffer once it is big enough.</summary>
    public void RowDone()
    {
        if (_own is not null && _own.WrittenCount >= StreamChunk) Drain();
    }

    /// <summary>Writes everything buffered to the stream (no-op for a buffer-writer target).</summary>
    public void Drain()
    {
        if (_own is null || _own.WrittenCount == 0) return;
        _stream!.Write(_own.WrittenSpan);
        _own.ResetWrittenCount();
    }

    /// <summary>At the end of the result: drain and flush the stream.</summary>
    public void Complete()
    {
        Drain();
        _stream?.Flush();
    }
}
