using System.Runtime.CompilerServices;
using System.Text;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Io.Text;

/// <summary>
/// Prefixed names (https://www.w3.org/TR/turtle/#prefixed-name): <c>PNAME_NS</c>, <c>PNAME_LN</c>
/// with <c>PN_LOCAL</c> escapes (<c>PLX</c>), and the bare words Turtle and TriG use as keywords
/// (<c>a</c>, <c>true</c>, <c>false</c>, <c>PREFIX</c>, <c>BASE</c>, <c>GRAPH</c>). A name is
/// looked up by its raw bytes first, so a repeated <c>ex:thing</c> costs a hash and a compare.
/// </summary>
internal abstract partial class TextParser
{
    /// <summary>What <see cref="ReadNameOrWord"/> found.</summary>
    protected enum Word : byte
    {
        PrefixedName,
        A,
        True,
        False,
        Prefix,
        Base,
        Graph,
        Other,
    }

    private readonly List<(byte[] Prefix, string Namespace)> _prefixes = [];
    private readonly SpanCache<Iri> _nameCache = new(4096);

    /// <summary>Declares (or redeclares) a prefix; the namespace is already absolute.</summary>
    protected void DeclarePrefix(byte[] prefix, string ns)
    {
        for (int i = 0; i < _prefixes.Count; i++)
        {
            if (_prefixes[i].Prefix.AsSpan().SequenceEqual(prefix))
            {
                _prefixes[i] = (prefix, ns);
                _nameCache.Clear();
                return;
            }
        }
        _prefixes.Add((prefix, ns));
    }

    /// <summary>
    /// Reads a prefixed name, or a bare word when no ':' follows the first name part. At a
    /// PN_CHARS_BASE character or ':'. For a bare word, <paramref name="wordStart"/> is its start.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected Word ReadNameOrWord(out Iri? iri, out int wordStart)
    {
        iri = null;
        _mark = _pos;
        int c = PeekCodePoint(out int width);
        if (c != ':')
        {
            if (!CharClasses.IsPnCharsBase(c)) { _mark = -1; FailExpected("a prefixed name"); }
            _pos += width;
            ScanPrefixTail();
            if (Peek() != ':')
            {
                wordStart = _mark;
                _mark = -1;
                return ClassifyWord(_buf.AsSpan(wordStart, _pos - wordStart));
            }
        }
        int prefixLength = _pos - _mark;
        _pos++; // ':'
        bool escaped = ScanLocalName();
        int start = _mark;
        _mark = -1;
        wordStart = start;
        var raw = _buf.AsSpan(start, _pos - start);
        int hash = SpanCache<Iri>.Hash(raw);
        iri = _nameCache.Get(raw, hash);
        if (iri is not null) return Word.PrefixedName;
        string ns = LookupPrefix(raw[..prefixLength], start);
        var local = raw[(prefixLength + 1)..];
        iri = Iri.FromTrusted(Concat(ns, escaped ? UnescapeLocal(local) : local));
        _nameCache.Set(raw, hash, iri);
        return Word.PrefixedName;
    }

    /// <summary>
    /// Scans the rest of <c>PN_PREFIX</c> (<c>(PN_CHARS | '.')* PN_CHARS</c>) after its first
    /// character, leaving _pos after the last non-'.' character. _mark is the token start.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScanPrefixTail()
    {
        int goodRel = _pos - _mark;
        while (true)
        {
            if (_pos == _end && !Refill()) break;
            byte b = _buf[_pos];
            if (b < 0x80)
            {
                if (CharClasses.IsAsciiPnChars(b)) { _pos++; goodRel = _pos - _mark; continue; }
                if (b == '.') { _pos++; continue; }
                break;
            }
            int c = PeekCodePoint(out int width);
            if (!CharClasses.IsPnChars(c)) break;
            _pos += width;
            goodRel = _pos - _mark;
        }
        _pos = _mark + goodRel;
    }

    /// <summary>Reads <c>PNAME_NS</c> of a prefix declaration and returns the prefix's bytes (without ':').</summary>
    protected byte[] ReadPrefixDeclaration()
    {
        int c = PeekCodePoint(out int width);
        _mark = _pos;
        if (c != ':')
        {
            if (!CharClasses.IsPnCharsBase(c)) { _mark = -1; FailExpected("a prefix name ending in ':'"); }
            _pos += width;
            ScanPrefixTail();
            if (Peek() != ':') { _mark = -1; FailExpected("':' after the prefix name"); }
        }
        byte[] prefix = _buf.AsSpan(_mark, _pos - _mark).ToArray();
        _mark = -1;
        _pos++;
        return prefix;
    }

    /// <summary>Fails at a bare word that cannot stand where it was found, quoting it.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    protected void FailWord(int wordStart, string expected) =>
        ThrowAt(wordStart, $"expected {expected}, found '{Utf8String(_buf.AsSpan(wordStart, Math.Max(0, _pos - wordStart)))}'");

    private static Word ClassifyWord(ReadOnlySpan<byte> w)
    {
        if (w.Length == 1 && w[0] == 'a') return Word.A;
        if (w.SequenceEqual("true"u8)) return Word.True;
        if (w.SequenceEqual("false"u8)) return Word.False;
        if (Ascii.EqualsIgnoreCase(w, "PREFIX"u8)) return Word.Prefix;
        if (Ascii.EqualsIgnoreCase(w, "BASE"u8)) return Word.Base;
        if (Ascii.EqualsIgnoreCase(w, "GRAPH"u8)) return Word.Graph;
        return Word.Other;
    }

    /// <summary>
    /// Scans <c>PN_LOCAL</c> (possibly empty) after the ':', leaving _pos after its last character
    /// (a trailing '.' belongs to the statement). Returns whether it holds '\' escapes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ScanLocalName()
    {
        bool escaped = false;
        bool first = true;
        int goodRel = _pos - _mark;
        while (true)
        {
            if (_pos == _end && !Refill()) break;
            byte b = _buf[_pos];
            if (b == '%')
            {
                if (!EnsureAvailable(3) || CharClasses.HexValue(_buf[_pos + 1]) < 0 || CharClasses.HexValue(_buf[_pos + 2]) < 0)
                    Fail("invalid %-escape in a local name: expected two hexadecimal digits");
                _pos += 3;
            }
            else if (b == '\\')
            {
                if (!EnsureAvailable(2) || !CharClasses.IsPnLocalEscapable(_buf[_pos + 1]))
                    Fail("invalid escape in a local name: '\\' must precede one of _~.-!$&'()*+,;=/?#@%");
                escaped = true;
                _pos += 2;
            }
            else if (b < 0x80)
            {
                if (b == '.' && !first) { _pos++; continue; }
                if (!(b == ':' || (first ? CharClasses.IsAsciiPnCharsU(b) || (b >= '0' && b <= '9') : CharClasses.IsAsciiPnChars(b))))
                    break;
                _pos++;
            }
            else
            {
                int c = PeekCodePoint(out int width);
                if (!(first ? CharClasses.IsPnCharsU(c) : CharClasses.IsPnChars(c))) break;
                _pos += width;
            }
            first = false;
            goodRel = _pos - _mark;
        }
        _pos = _mark + goodRel;
        return escaped;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string LookupPrefix(ReadOnlySpan<byte> prefix, int errorIndex)
    {
        foreach (var (p, ns) in _prefixes)
            if (prefix.SequenceEqual(p)) return ns;
        ThrowAt(errorIndex, $"undefined prefix '{Utf8String(prefix)}'");
        return null!;
    }

    /// <summary>The local name without its '\' escapes (%XX stays as written, as the spec says).</summary>
    private ReadOnlySpan<byte> UnescapeLocal(ReadOnlySpan<byte> local)
    {
        int n = 0;
        for (int i = 0; i < local.Length; i++)
        {
            if (local[i] == '\\') i++;
            PutByte(ref n, local[i]);
        }
        return _scratch.AsSpan(0, n);
    }

    /// <summary>Namespace + UTF-8 local name as one string, with a single allocation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string Concat(string ns, ReadOnlySpan<byte> local)
    {
        int max = ns.Length + local.Length;
        if (_chars.Length < max) _chars = new char[Math.Max(max, _chars.Length * 2)];
        ns.CopyTo(_chars);
        int n = Encoding.UTF8.GetChars(local, _chars.AsSpan(ns.Length));
        return new string(_chars, 0, ns.Length + n);
    }
}
