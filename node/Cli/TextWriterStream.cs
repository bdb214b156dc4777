using System.Text;

namespace DihNode.Node.Cli;

/// <summary>
/// A write-only stream that decodes UTF-8 onto a <see cref="TextWriter"/>, so the byte-oriented
/// result and RDF writers can write to <see cref="Console.Out"/> (which tests replace). A character
/// split across two writes is kept until its last byte arrives.
/// </summary>
internal sealed class TextWriterStream(TextWriter writer) : Stream
{
    private readonly Decoder _decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
    private readonly char[] _chars = new char[8192];

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            _decoder.Convert(buffer, _chars, flush: false, out int bytesUsed, out int charsUsed, out _);
            writer.Write(_chars, 0, charsUsed);
            buffer = buffer[bytesUsed..];
        }
    }

    public override void Flush() => writer.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
