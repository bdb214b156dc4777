using System.Buffers;
using System.Text;

namespace DihNode.Node.Web;

/// <summary>
/// A rendered page's UTF-8 bytes in a buffer rented from the shared pool: the text is encoded straight
/// from the <see cref="StringBuilder"/>'s chunks, so a page costs neither a string of itself (two bytes
/// a char) nor a byte array of its own. A 35 KB search page made both, about 105 KB a request. Dispose
/// it once the bytes are written (the response has copied them by then).
/// </summary>
internal sealed class Utf8Page : IDisposable
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private byte[]? _buffer;

    private Utf8Page(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Bytes => (_buffer ?? throw new ObjectDisposedException(nameof(Utf8Page))).AsMemory(0, Length);

    /// <summary>Encodes <paramref name="text"/> as <see cref="Encoding.UTF8"/> would the string it holds (a lone surrogate becomes U+FFFD).</summary>
    public static Utf8Page From(StringBuilder text)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(s_utf8.GetMaxByteCount(text.Length));
        var encoder = s_utf8.GetEncoder();
        int length = 0;
        // A surrogate pair split across two chunks is held by the encoder until the next one.
        foreach (var chunk in text.GetChunks()) length += encoder.GetBytes(chunk.Span, buffer.AsSpan(length), flush: false);
        length += encoder.GetBytes([], buffer.AsSpan(length), flush: true);
        return new Utf8Page(buffer, length);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer) ArrayPool<byte>.Shared.Return(buffer);
    }
}
