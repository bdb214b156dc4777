using System.Runtime.CompilerServices;

namespace DihNode.Rdf.Io.Text;

/// <summary>
/// The character classes of the Turtle grammar (https://www.w3.org/TR/turtle/#grammar-production-PN_CHARS_BASE)
/// on code points (-1, the end of input, is in no class), with a table for ASCII so the common case is one lookup.
/// </summary>
internal static class CharClasses
{
    private const byte Base = 1;     // PN_CHARS_BASE
    private const byte U = 2;        // PN_CHARS_U (Turtle: PN_CHARS_BASE | '_')
    private const byte Chars = 4;    // PN_CHARS
    private const byte Digit = 8;

    private static readonly byte[] s_ascii = BuildAscii();

    private static byte[] BuildAscii()
    {
        var t = new byte[128];
        for (int c = 'A'; c <= 'Z'; c++) t[c] = Base | U | Chars;
        for (int c = 'a'; c <= 'z'; c++) t[c] = Base | U | Chars;
        for (int c = '0'; c <= '9'; c++) t[c] = Chars | Digit;
        t['_'] = U | Chars;
        t['-'] = Chars;
        return t;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsAsciiPnCharsBase(byte b) => b < 128 && (s_ascii[b] & Base) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsAsciiPnChars(byte b) => b < 128 && (s_ascii[b] & Chars) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsAsciiPnCharsU(byte b) => b < 128 && (s_ascii[b] & U) != 0;

    public static bool IsPnCharsBase(int c) =>
        c < 0 ? false :
        c < 128 ? (s_ascii[c] & Base) != 0 :
        (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF) ||
        (c >= 0x370 && c <= 0x37D) || (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D) ||
        (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF) ||
        (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);

    public static bool IsPnCharsU(int c) => c == '_' || IsPnCharsBase(c);

    public static bool IsPnChars(int c) =>
        c < 0 ? false :
        c < 128 ? (s_ascii[c] & Chars) != 0 :
        c == 0xB7 || (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040) || IsPnCharsBase(c);

    public static bool IsPnLocalEscapable(byte b) =>
        b is (byte)'_' or (byte)'~' or (byte)'.' or (byte)'-' or (byte)'!' or (byte)'$' or (byte)'&' or (byte)'\''
          or (byte)'(' or (byte)')' or (byte)'*' or (byte)'+' or (byte)',' or (byte)';' or (byte)'=' or (byte)'/'
          or (byte)'?' or (byte)'#' or (byte)'@' or (byte)'%';

    public static int HexValue(byte b) =>
        b >= '0' && b <= '9' ? b - '0' : b >= 'a' && b <= 'f' ? b - 'a' + 10 : b >= 'A' && b <= 'F' ? b - 'A' + 10 : -1;

    /// <summary>Characters IRIREF forbids even when written as a \u escape.</summary>
    public static bool IsForbiddenInIri(int c) =>
        c <= 0x20 || c is '<' or '>' or '"' or '{' or '}' or '|' or '^' or '`' or '\\';
}
