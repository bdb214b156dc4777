using System.Runtime.CompilerServices;
using System.Text;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Io.Text;

/// <summary>
/// Terminals shared by all four syntaxes (https://www.w3.org/TR/n-triples/#n-triples-grammar,
/// https://www.w3.org/TR/turtle/#terminals): IRIREF, BLANK_NODE_LABEL, the quoted strings with
/// ECHAR and UCHAR escapes, and LANGTAG. Each scanner first finds the end of its token in the buffer
/// (refilling with the token start marked), then decodes it; tokens without escapes are decoded in
/// one call and repeated tokens come from a cache.
/// </summary>
internal abstract partial class TextParser
{
    /// <summary>Per byte: 1 where an IRIREF scan stops, 2 where a "..." scan stops, 4 where a '...' scan stops.</summary>
    private static readonly byte[] s_stops = BuildStops();

    private const byte IriStop = 1, DoubleQuoteStop = 2, SingleQuoteStop = 4;

    private static byte[] BuildStops()
    {
        var t = new byte[256];
        for (int b = 0; b <= 0x20; b++) t[b] |= IriStop;
        foreach (byte b in "<>\"{}|^`\\"u8) t[b] |= IriStop;
        foreach (byte b in "\"\\\n\r"u8) t[b] |= DoubleQuoteStop;
        foreach (byte b in "'\\\n\r"u8) t[b] |= SingleQuoteStop;
        return t;
    }

    /// <summary>
    /// Index of the first byte from the read position marked <paramref name="stop"/> in the table,
    /// or -1. A plain table loop: tokens are short, and it runs at full speed from the first call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int ScanTo(byte stop)
    {
        var span = _buf.AsSpan(_pos, _end - _pos);
        var table = s_stops;
        for (int i = 0; i < span.Length; i++)
            if ((table[span[i]] & stop) != 0) return i;
        return -1;
    }

    private readonly IQuadSink _sink;
    private readonly bool _absoluteIrisOnly;
    private readonly string _syntaxName;
    private readonly int _maxDepth;
    private readonly SpanCache<Iri> _iriCache = new(4096);
    private readonly SpanCache<BlankNode> _labelCache = new(1024);
    private readonly SpanCache<string> _langCache = new(256);
    protected readonly BlankNodeLabels _labels;
    private byte[] _scratch = new byte[256];
    private char[] _chars = new char[256];
    private int _depth;

    /// <summary>The base IRI relative references resolve against (Turtle/TriG), or null.</summary>
    protected string? _base;

    /// <summary>The graph statements go to: null for the default graph.</summary>
    protected NamedOrBlankNode? _graph;

    protected TextParser(Stream stream, IQuadSink sink, RdfParserOptions options, bool absoluteIrisOnly, string syntaxName)
    {
        _stream = stream;
        _buf = new byte[FirstChunkSize(stream)];
        _source = options.SourceName;
        _sink = sink;
        _absoluteIrisOnly = absoluteIrisOnly;
        _syntaxName = syntaxName;
        _maxDepth = options.MaxNestingDepth;
        _labels = new BlankNodeLabels(options.BlankNodePrefix);
        _base = options.BaseIri;
        SkipByteOrderMark();
    }

    /// <summary>Reads the whole document into the sink.</summary>
    public abstract void Parse();

    protected IQuadSink Sink => _sink;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected void Emit(NamedOrBlankNode subject, Iri predicate, Term obj) => _sink.Add(new Quad(subject, predicate, obj, _graph));

    /// <summary>Counts one more level of nesting, refusing too deep (or too stack-hungry) input.</summary>
    protected void Enter()
    {
        if (++_depth > _maxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            Fail($"nesting deeper than {_maxDepth} levels");
    }

    protected void Leave() => _depth--;

    /// <summary>Forgets IRIs resolved against the previous base.</summary>
    protected void ClearIriCache() => _iriCache.Clear();

    // ---- IRIREF ----------------------------------------------------------------------------

    /// <summary>Reads <c>IRIREF</c> at '&lt;', resolving a relative reference against the base.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected Iri ReadIriRef()
    {
        _mark = _pos;
        _pos++;
        bool escaped = false;
        while (true)
        {
            int i = ScanTo(IriStop);
            if (i < 0)
            {
                _pos = _end;
                if (!Refill()) { int at = _mark; _mark = -1; ThrowAt(at, "unterminated IRI: expected '>'"); }
                continue;
            }
            _pos += i;
            byte b = _buf[_pos];
            if (b == '>') break;
            if (b == '\\') { escaped = true; _pos++; continue; }
            _mark = -1;
            Fail(b is (byte)'\n' or (byte)'\r' ? "unterminated IRI: expected '>' before the end of the line" : $"{Describe(_pos)} is not allowed in an IRI");
        }
        int start = _mark;
        _mark = -1;
        var raw = _buf.AsSpan(start + 1, _pos - start - 1);
        _pos++;
        int hash = SpanCache<Iri>.Hash(raw);
        var iri = _iriCache.Get(raw, hash);
        if (iri is not null) return iri;
        string value = escaped ? UnescapeIri(raw, start + 1) : Utf8String(raw);
        iri = Iri.FromTrusted(ResolveReference(value, start));
        _iriCache.Set(raw, hash, iri);
        return iri;
    }

    /// <summary>Makes an IRI string absolute (or refuses it where only absolute IRIs are allowed).</summary>
    protected string ResolveReference(string value, int errorIndex)
    {
        if (IriResolver.HasScheme(value)) return value;
        if (_absoluteIrisOnly) ThrowAt(errorIndex, $"relative IRI <{value}> not allowed in {_syntaxName}");
        if (_base is null) ThrowAt(errorIndex, $"relative IRI <{value}> and no base IRI to resolve it against");
        return IriResolver.Resolve(_base, value);
    }

    private string UnescapeIri(ReadOnlySpan<byte> raw, int rawIndex)
    {
        int n = 0;
        for (int i = 0; i < raw.Length;)
        {
            byte b = raw[i];
            if (b != '\\')
            {
                PutByte(ref n, b);
                i++;
                continue;
            }
            int cp = ReadUchar(raw, ref i, rawIndex);
            if (CharClasses.IsForbiddenInIri(cp))
                ThrowAt(rawIndex + i - 1, $"escape \\u{cp:X4} makes a character not allowed in an IRI");
            PutCodePoint(ref n, cp);
        }
        return Utf8String(_scratch.AsSpan(0, n));
    }

    /// <summary>Decodes <c>UCHAR</c> at raw[i] ('\\'), moving i past it; surrogate pairs written as two escapes join.</summary>
    private int ReadUchar(ReadOnlySpan<byte> raw, ref int i, int rawIndex)
    {
        int at = i;
        int digits = i + 1 < raw.Length ? raw[i + 1] switch { (byte)'u' => 4, (byte)'U' => 8, _ => 0 } : 0;
        if (digits == 0) ThrowAt(rawIndex + at, "invalid escape: expected \\u or \\U");
        int cp = Hex(raw, i + 2, digits, rawIndex + at);
        i += 2 + digits;
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 <= raw.Length && raw[i] == '\\' && raw[i + 1] == 'u')
        {
            int low = Hex(raw, i + 2, 4, rawIndex + i);
            if (low >= 0xDC00 && low <= 0xDFFF)
            {
                i += 6;
                return 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            }
        }
        // Eight hex digits over 7FFFFFFF read as a negative int: also beyond U+10FFFF.
        if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            ThrowAt(rawIndex + at, $"escape names U+{(uint)cp:X}, which is not a Unicode scalar value");
        return cp;
    }

    private int Hex(ReadOnlySpan<byte> raw, int from, int digits, int errorIndex)
    {
        int v = 0;
        for (int k = 0; k < digits; k++)
        {
            int h = from + k < raw.Length ? CharClasses.HexValue(raw[from + k]) : -1;
            if (h < 0) ThrowAt(errorIndex, $"invalid escape: expected {digits} hexadecimal digits");
            v = (v << 4) | h;
        }
        return v;
    }

    private void PutByte(ref int n, byte b)
    {
        if (n == _scratch.Length) Array.Resize(ref _scratch, n * 2);
        _scratch[n++] = b;
    }

    private void PutCodePoint(ref int n, int cp)
    {
        if (n + 4 > _scratch.Length) Array.Resize(ref _scratch, _scratch.Length * 2);
        n += new Rune(cp).EncodeToUtf8(_scratch.AsSpan(n));
    }

    // ---- strings ---------------------------------------------------------------------------

    /// <summary>
    /// Reads a quoted string at its opening quote: <c>STRING_LITERAL_QUOTE</c> and, where
    /// <paramref name="turtle"/>, the single-quoted and triple-quoted (long) forms too.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected string ReadString(bool turtle)
    {
        byte q = _buf[_pos];
        if (turtle && PeekAt(1) == q && PeekAt(2) == q) return ReadLongString(q);
        _mark = _pos;
        _pos++;
        bool escaped = false;
        byte stops = q == '"' ? DoubleQuoteStop : SingleQuoteStop;
        while (true)
        {
            int i = ScanTo(stops);
            if (i < 0)
            {
                _pos = _end;
                if (!Refill()) { int at = _mark; _mark = -1; ThrowAt(at, "unterminated string literal"); }
                continue;
            }
            _pos += i;
            byte b = _buf[_pos];
            if (b == q) break;
            if (b == '\\')
            {
                escaped = true;
                _pos++;
                if (_pos == _end && !Refill()) { int at = _mark; _mark = -1; ThrowAt(at, "unterminated string literal"); }
                _pos++;
                continue;
            }
            int start0 = _mark;
            _mark = -1;
            ThrowAt(start0, "unterminated string literal: line break before the closing quote");
        }
        int start = _mark;
        _mark = -1;
        var raw = _buf.AsSpan(start + 1, _pos - start - 1);
        _pos++;
        return escaped ? UnescapeString(raw, start + 1) : Utf8String(raw);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string ReadLongString(byte q)
    {
        _mark = _pos;
        _pos += 3;
        bool escaped = false;
        while (true)
        {
            int i = _buf.AsSpan(_pos, _end - _pos).IndexOfAny(q, (byte)'\\');
            if (i < 0)
            {
                _pos = _end;
                if (!Refill()) { int at = _mark; _mark = -1; ThrowAt(at, "unterminated long string literal"); }
                continue;
            }
            _pos += i;
            if (_buf[_pos] == '\\')
            {
                escaped = true;
                _pos++;
                if (_pos == _end && !Refill()) { int at = _mark; _mark = -1; ThrowAt(at, "unterminated long string literal"); }
                _pos++;
                continue;
            }
            if (EnsureAvailable(3) && _buf[_pos + 1] == q && _buf[_pos + 2] == q) break;
            _pos++;
        }
        int start = _mark;
        _mark = -1;
        var raw = _buf.AsSpan(start + 3, _pos - start - 3);
        _pos += 3;
        return escaped ? UnescapeString(raw, start + 3) : Utf8String(raw);
    }

    /// <summary>Decodes ECHAR and UCHAR escapes of a string's content.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string UnescapeString(ReadOnlySpan<byte> raw, int rawIndex)
    {
        int n = 0;
        for (int i = 0; i < raw.Length;)
        {
            byte b = raw[i];
            if (b != '\\')
            {
                PutByte(ref n, b);
                i++;
                continue;
            }
            byte e = i + 1 < raw.Length ? raw[i + 1] : (byte)0;
            byte decoded = e switch
            {
                (byte)'t' => (byte)'\t',
                (byte)'b' => (byte)'\b',
                (byte)'n' => (byte)'\n',
                (byte)'r' => (byte)'\r',
                (byte)'f' => (byte)'\f',
                (byte)'"' => (byte)'"',
                (byte)'\'' => (byte)'\'',
                (byte)'\\' => (byte)'\\',
                _ => 0,
            };
            if (decoded != 0)
            {
                PutByte(ref n, decoded);
                i += 2;
                continue;
            }
            if (e is not ((byte)'u' or (byte)'U'))
                ThrowAt(rawIndex + i, $"invalid escape '\\{(e < 0x20 || e >= 0x7F ? "?" : ((char)e).ToString())}' in a string literal");
            PutCodePoint(ref n, ReadUchar(raw, ref i, rawIndex));
        }
        return Utf8String(_scratch.AsSpan(0, n));
    }

    // ---- LANGTAG ---------------------------------------------------------------------------

    /// <summary>Reads <c>LANGTAG</c> at '@' (<c>'@' [a-zA-Z]+ ('-' [a-zA-Z0-9]+)*</c>), lower-cased.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected string ReadLangTag()
    {
        _mark = _pos;
        _pos++;
        int letters = 0;
        while ((_pos < _end || Refill()) && char.IsAsciiLetter((char)_buf[_pos])) { _pos++; letters++; }
        if (letters == 0) { _mark = -1; FailExpected("a language tag after '@'"); }
        while ((_pos < _end || Refill()) && _buf[_pos] == '-')
        {
            _pos++;
            int n = 0;
            while ((_pos < _end || Refill()) && char.IsAsciiLetterOrDigit((char)_buf[_pos])) { _pos++; n++; }
            if (n == 0) { _mark = -1; FailExpected("letters or digits after '-' in a language tag"); }
        }
        int start = _mark;
        _mark = -1;
        var raw = _buf.AsSpan(start + 1, _pos - start - 1);
        int hash = SpanCache<string>.Hash(raw);
        var tag = _langCache.Get(raw, hash);
        if (tag is null)
        {
            tag = Utf8String(raw).ToLowerInvariant();
            _langCache.Set(raw, hash, tag);
        }
        return tag;
    }

    // ---- BLANK_NODE_LABEL ------------------------------------------------------------------

    /// <summary>
    /// Reads <c>BLANK_NODE_LABEL</c> at '_' (<c>'_:' (PN_CHARS_U | [0-9]) ((PN_CHARS | '.')* PN_CHARS)?</c>).
    /// The W3C suites refuse ':' inside labels in N-Triples too (nt-syntax-bad-bnode-01/02).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected BlankNode ReadBlankNodeLabel()
    {
        if (PeekAt(1) != ':') { _pos++; FailExpected("':' after '_' in a blank node label"); }
        _mark = _pos;
        _pos += 2;
        int c = PeekCodePoint(out int width);
        if (!(CharClasses.IsPnCharsU(c) || (c >= '0' && c <= '9')))
        {
            _mark = -1;
            FailExpected("a blank node label after '_:'");
        }
        _pos += width;
        int goodEnd = _pos;
        while (true)
        {
            if (_pos == _end)
            {
                int rel = goodEnd - _mark;
                if (!Refill()) break;
                goodEnd = _mark + rel;
            }
            byte b = _buf[_pos];
            if (b < 0x80)
            {
                if (CharClasses.IsAsciiPnChars(b)) { goodEnd = ++_pos; continue; }
                if (b == '.') { _pos++; continue; }
                break;
            }
            c = PeekCodePoint(out width);
            if (!CharClasses.IsPnChars(c)) break;
            _pos += width;
            goodEnd = _pos;
        }
        _pos = goodEnd;
        int start = _mark;
        _mark = -1;
        var raw = _buf.AsSpan(start + 2, _pos - start - 2);
        int hash = SpanCache<BlankNode>.Hash(raw);
        var node = _labelCache.Get(raw, hash);
        if (node is null)
        {
            node = _labels.FromLabel(Utf8String(raw));
            _labelCache.Set(raw, hash, node);
        }
        return node;
    }

    /// <summary>The code point at the read position (-1 at the end) and its length in bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected int PeekCodePoint(out int width)
    {
        width = 1;
        int b = Peek();
        if (b < 0x80) return b;
        EnsureAvailable(b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2);
        Rune.DecodeFromUtf8(_buf.AsSpan(_pos, _end - _pos), out var rune, out width);
        return rune.Value;
    }

    /// <summary>A literal with a datatype, refusing rdf:langString without a tag.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected Literal TypedLiteral(string lexical, Iri datatype, int errorIndex)
    {
        if (ReferenceEquals(datatype, Vocabulary.Xsd.String)) return Literal.Simple(lexical);
        if (datatype.Equals(Vocabulary.Rdf.LangString)) ThrowAt(errorIndex, "rdf:langString literal without a language tag");
        return Literal.Typed(lexical, datatype);
    }
}
