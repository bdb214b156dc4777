using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace DihNode.Rdf.Sparql.Syntax;

/// <summary>
/// Splits SPARQL text into tokens (SPARQL 1.1 Query §19.8 terminals). Code-point escapes
/// (<c>\uXXXX</c>, <c>\UXXXXXXXX</c>) are replaced before tokenising, as §19.2 requires; comments
/// and white space are skipped. Keywords come out as <see cref="TokenKind.Name"/> tokens and are
/// recognised case-insensitively by the parser.
/// </summary>
internal sealed class SparqlLexer
{
    private readonly string _s;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    /// <summary>Where escapes were replaced: end offset in the processed text, and characters saved.</summary>
    private readonly List<(int At, int Saved)> _shifts;

    private SparqlLexer(string text, List<(int At, int Saved)> shifts)
    {
        _s = text;
        _shifts = shifts;
    }

    public static List<Token> Tokenize(string text)
    {
        var shifts = new List<(int, int)>();
        var lexer = new SparqlLexer(ReplaceCodepointEscapes(text, shifts), shifts);
        var tokens = new List<Token>();
        while (true)
        {
            Token t = lexer.Next();
            tokens.Add(t);
            if (t.Kind == TokenKind.End) return tokens;
        }
    }

    /// <summary>§19.2: <c>\u</c> and <c>\U</c> escapes are processed before the grammar applies.</summary>
    internal static string ReplaceCodepointEscapes(string text, List<(int At, int Saved)>? shifts = null)
    {
        int i = text.IndexOf('\\');
        if (i < 0) return text;
        var sb = new StringBuilder(text.Length);
        int last = 0;
        for (; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 >= text.Length) continue;
            char k = text[i + 1];
            int n = k == 'u' ? 4 : k == 'U' ? 8 : 0;
            if (n == 0) { i++; continue; }
            if (i + 2 + n > text.Length || !int.TryParse(text.AsSpan(i + 2, n), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int cp)
                || cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) // \UFFFFFFFF parses as -1
                continue;
            sb.Append(text, last, i - last).Append(char.ConvertFromUtf32(cp));
            shifts?.Add((sb.Length, 2 + n - (cp > 0xFFFF ? 2 : 1)));
            i += 1 + n;
            last = i + 1;
        }
        sb.Append(text, last, text.Length - last);
        return sb.ToString();
    }

    /// <summary>The 1-based column of <paramref name="pos"/> in the original text (escapes counted as written).</summary>
    private int Col(int pos)
    {
        int col = pos - _lineStart + 1;
        foreach (var (at, saved) in _shifts)
        {
            if (at > pos) break;
            if (at > _lineStart) col += saved;
        }
        return col;
    }

    [DoesNotReturn]
    private void Fail(string problem, int pos) => throw new SparqlSyntaxException(problem, _line, Col(pos));

    private char Peek(int k = 0) => _pos + k < _s.Length ? _s[_pos + k] : '\0';

    private void SkipWhiteSpace()
    {
        while (_pos < _s.Length)
        {
            char c = _s[_pos];
            if (c == '\n') { _pos++; _line++; _lineStart = _pos; }
            else if (c is ' ' or '\t' or '\r') _pos++;
            else if (c == '#')
            {
                while (_pos < _s.Length && _s[_pos] != '\n' && _s[_pos] != '\r') _pos++;
            }
            else return;
        }
    }

    private Token Make(TokenKind kind, string text, int start, int line, int col, string? prefix = null) =>
        new(kind, text, line, col, start, _pos, prefix);

    private Token Next()
    {
        SkipWhiteSpace();
        int start = _pos, line = _line, col = Col(_pos);
        if (_pos >= _s.Length) return new Token(TokenKind.End, "", line, col, start, start);
        char c = _s[_pos];
        switch (c)
        {
            case '<':
                if (TryIriRef(out string? iri)) return Make(TokenKind.IriRef, iri, start, line, col);
                _pos++;
                if (Peek() == '=') { _pos++; return Make(TokenKind.Punct, "<=", start, line, col); }
                return Make(TokenKind.Punct, "<", start, line, col);
            case '>':
                _pos++;
                if (Peek() == '=') { _pos++; return Make(TokenKind.Punct, ">=", start, line, col); }
                return Make(TokenKind.Punct, ">", start, line, col);
            case '?' or '$':
                if (IsVarStart(Peek(1)))
                {
                    _pos++;
                    int s0 = _pos;
                    while (_pos < _s.Length && IsVarChar(_s[_pos])) _pos++;
                    return Make(TokenKind.Variable, _s[s0.._pos], start, line, col);
                }
                if (c == '$') Fail("'$' must start a variable name", start);
                _pos++;
                return Make(TokenKind.Punct, "?", start, line, col);
            case '"' or '\'':
                return Make(TokenKind.String, ReadString(c), start, line, col);
            case '@':
                {
                    _pos++;
                    int s0 = _pos;
                    while (char.IsAsciiLetter(Peek())) _pos++;
                    if (_pos == s0) Fail("'@' must start a language tag", start);
                    while (Peek() == '-' && char.IsAsciiLetterOrDigit(Peek(1)))
                    {
                        _pos++;
                        while (char.IsAsciiLetterOrDigit(Peek())) _pos++;
                    }
                    return Make(TokenKind.LangTag, _s[s0.._pos], start, line, col);
                }
            case '(':
            case '[':
                {
                    int p = _pos + 1, l = _line, ls = _lineStart;
                    while (p < _s.Length && _s[p] is ' ' or '\t' or '\r' or '\n')
                    {
                        if (_s[p] == '\n') { l++; ls = p + 1; }
                        p++;
                    }
                    if (p < _s.Length && _s[p] == (c == '(' ? ')' : ']'))
                    {
                        _pos = p + 1; _line = l; _lineStart = ls;
                        return Make(c == '(' ? TokenKind.Nil : TokenKind.Anon, c == '(' ? "()" : "[]", start, line, col);
                    }
                    _pos++;
                    return Make(TokenKind.Punct, c.ToString(), start, line, col);
                }
            case '_' when Peek(1) == ':':
                {
                    _pos += 2;
                    int s0 = _pos;
                    char f = Peek();
                    if (!(IsPnCharsU(f) || char.IsAsciiDigit(f))) Fail("a blank node label must follow '_:'", start);
                    _pos++;
                    ReadNameTail(allowColon: false);
                    return Make(TokenKind.BlankNodeLabel, _s[s0.._pos], start, line, col);
                }
            case '^':
                _pos++;
                if (Peek() == '^') { _pos++; return Make(TokenKind.Punct, "^^", start, line, col); }
                return Make(TokenKind.Punct, "^", start, line, col);
            case '&':
                if (Peek(1) == '&') { _pos += 2; return Make(TokenKind.Punct, "&&", start, line, col); }
                Fail("unexpected '&'", start);
                break;
            case '|':
                _pos++;
                if (Peek() == '|') { _pos++; return Make(TokenKind.Punct, "||", start, line, col); }
                return Make(TokenKind.Punct, "|", start, line, col);
            case '!':
                _pos++;
                if (Peek() == '=') { _pos++; return Make(TokenKind.Punct, "!=", start, line, col); }
                return Make(TokenKind.Punct, "!", start, line, col);
            case '.' when char.IsAsciiDigit(Peek(1)):
                return ReadNumber(start, line, col);
            case '{' or '}' or ')' or ']' or ';' or ',' or '.' or '=' or '+' or '-' or '*' or '/':
                _pos++;
                return Make(TokenKind.Punct, c.ToString(), start, line, col);
        }
        if (char.IsAsciiDigit(c)) return ReadNumber(start, line, col);
        if (c == ':' || IsPnCharsBase(c) || char.IsHighSurrogate(c))
            return ReadName(start, line, col);
        Fail($"unexpected character '{c}'", start);
        return default;
    }

    private bool TryIriRef([NotNullWhen(true)] out string? iri)
    {
        int p = _pos + 1;
        while (p < _s.Length)
        {
            char c = _s[p];
            if (c == '>') { iri = _s[(_pos + 1)..p]; _pos = p + 1; return true; }
            if (c <= ' ' || c is '<' or '"' or '{' or '}' or '|' or '^' or '`' or '\\') break;
            p++;
        }
        iri = null;
        return false;
    }

    private Token ReadNumber(int start, int line, int col)
    {
        while (char.IsAsciiDigit(Peek())) _pos++;
        TokenKind kind = TokenKind.Integer;
        if (Peek() == '.' && char.IsAsciiDigit(Peek(1)))
        {
            _pos++;
            while (char.IsAsciiDigit(Peek())) _pos++;
            kind = TokenKind.Decimal;
        }
        else if (Peek() == '.' && (Peek(1) is 'e' or 'E'))
        {
            _pos++;
            kind = TokenKind.Decimal;
        }
        if (Peek() is 'e' or 'E')
        {
            int k = 1;
            if (Peek(1) is '+' or '-') k = 2;
            if (char.IsAsciiDigit(Peek(k)))
            {
                _pos += k;
                while (char.IsAsciiDigit(Peek())) _pos++;
                kind = TokenKind.Double;
            }
            else if (kind == TokenKind.Decimal && _s[_pos - 1] == '.') Fail("exponent digits expected", _pos);
        }
        return Make(kind, _s[start.._pos], start, line, col);
    }

    private string ReadString(char q)
    {
        int start = _pos;
        bool isLong = Peek(1) == q && Peek(2) == q;
        _pos += isLong ? 3 : 1;
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _s.Length) Fail("unterminated string", start);
            char c = _s[_pos];
            if (c == q)
            {
                if (!isLong) { _pos++; return sb.ToString(); }
                if (Peek(1) == q && Peek(2) == q)
                {
                    // A long string may end with up to two quotes of its own before the closing three.
                    while (Peek(3) == q) { sb.Append(q); _pos++; }
                    _pos += 3;
                    return sb.ToString();
                }
                sb.Append(c);
                _pos++;
            }
            else if (c == '\\')
            {
                char e = Peek(1);
                sb.Append(e switch
                {
                    't' => '\t', 'b' => '\b', 'n' => '\n', 'r' => '\r', 'f' => '\f',
                    '"' => '"', '\'' => '\'', '\\' => '\\',
                    _ => Throw(_pos),
                });
                _pos += 2;
            }
            else if (!isLong && c is '\n' or '\r') Fail("line break in a short string", _pos);
            else
            {
                if (c == '\n') { _line++; _lineStart = _pos + 1; }
                sb.Append(c);
                _pos++;
            }
        }
    }

    private char Throw(int pos)
    {
        Fail("invalid escape sequence in string", pos);
        return default;
    }

    private Token ReadName(int start, int line, int col)
    {
        // PN_PREFIX (or a bare keyword) up to ':' if any.
        string prefix = "";
        if (_s[_pos] != ':')
        {
            AdvanceChar();
            ReadNameTail(allowColon: false);
            prefix = _s[start.._pos];
            if (Peek() != ':')
            {
                if (prefix.Contains('.') || prefix.EndsWith('-')) Fail($"unexpected '{prefix}'", start);
                return Make(TokenKind.Name, prefix, start, line, col);
            }
            if (prefix.EndsWith('.')) Fail("a prefix cannot end with '.'", start);
        }
        _pos++; // ':'
        var local = new StringBuilder();
        bool first = true;
        int lastGood = _pos;
        int lastGoodLen = 0;
        while (_pos < _s.Length)
        {
            char c = _s[_pos];
            if (c == '%')
            {
                if (!char.IsAsciiHexDigit(Peek(1)) || !char.IsAsciiHexDigit(Peek(2))) Fail("'%' must be followed by two hex digits", _pos);
                local.Append(_s, _pos, 3);
                _pos += 3;
            }
            else if (c == '\\')
            {
                char e = Peek(1);
                if ("_~.-!$&'()*+,;=/?#@%".IndexOf(e) < 0) Fail("invalid escape in a local name", _pos);
                local.Append(e);
                _pos += 2;
            }
            else if (first ? (IsPnCharsU(c) || c == ':' || char.IsAsciiDigit(c)) : (IsPnChars(c) || c == ':' || c == '.'))
            {
                local.Append(c);
                _pos++;
                if (char.IsHighSurrogate(c) && _pos < _s.Length) { local.Append(_s[_pos]); _pos++; }
                if (c == '.') { first = false; continue; }
            }
            else if (char.IsHighSurrogate(c) && _pos + 1 < _s.Length)
            {
                local.Append(c).Append(_s[_pos + 1]);
                _pos += 2;
            }
            else break;
            first = false;
            lastGood = _pos;
            lastGoodLen = local.Length;
        }
        // A local name cannot end with '.': give the trailing dots back.
        _pos = lastGood;
        local.Length = lastGoodLen;
        return Make(TokenKind.PrefixedName, local.ToString(), start, line, col, prefix);
    }

    private void AdvanceChar()
    {
        if (char.IsHighSurrogate(_s[_pos]) && _pos + 1 < _s.Length) _pos += 2;
        else _pos++;
    }

    /// <summary>Reads <c>((PN_CHARS|'.')* PN_CHARS)?</c>, leaving trailing dots unread.</summary>
    private void ReadNameTail(bool allowColon)
    {
        int lastGood = _pos;
        while (_pos < _s.Length)
        {
            char c = _s[_pos];
            if (IsPnChars(c) || (allowColon && c == ':')) { AdvanceChar(); lastGood = _pos; }
            else if (char.IsHighSurrogate(c)) { AdvanceChar(); lastGood = _pos; }
            else if (c == '.') _pos++;
            else break;
        }
        _pos = lastGood;
    }

    internal static bool IsPnCharsBase(char c) =>
        char.IsAsciiLetter(c)
        || (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF)
        || (c >= 0x370 && c <= 0x37D) || (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D)
        || (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF)
        || (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFFD);

    internal static bool IsPnCharsU(char c) => IsPnCharsBase(c) || c == '_' || char.IsHighSurrogate(c);

    internal static bool IsPnChars(char c) =>
        IsPnCharsU(c) || c == '-' || char.IsAsciiDigit(c) || c == 0xB7 || (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040)
        || char.IsLowSurrogate(c);

    private static bool IsVarStart(char c) => IsPnCharsU(c) || char.IsAsciiDigit(c);

    private static bool IsVarChar(char c) =>
        IsPnCharsU(c) || char.IsAsciiDigit(c) || c == 0xB7 || (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040) || char.IsLowSurrogate(c);
}
