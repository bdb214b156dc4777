using System.Text;

namespace DihNode.Node.Cli;

/// <summary>
/// A write-only stream that decodes UTF-8 into <see cref="Console.Out"/>, so that a writer producing
/// bytes goes wherever standard output is redirected (including a test's capture).
/// </summary>
internal sealed class ConsoleOutputStream : Stream
{
    private readonly Decoder _decoder = new UTF8Encoding(false, true).GetDecoder();
    private char[] _chars = new char[4096];

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        int need = _decoder.GetCharCount(buffer, flush: false);
        if (need > _chars.Length) _chars = new char[need];
        int n = _decoder.GetChars(buffer, _chars, flush: false);
        Console.Out.Write(_chars, 0, n);
    }

    public override void Flush() => Console.Out.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
