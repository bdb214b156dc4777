using System.Text;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Io.Text;

/// <summary>
/// Writes IRIs and literals in their shortest safe Turtle/TriG form (https://www.w3.org/TR/turtle/):
/// prefixed names when the local part can be written as PN_LOCAL, IRIs relative to the base where
/// resolution gives them back exactly, bare numbers and booleans only when the lexical form is
/// exactly what the grammar reads back with the same datatype. Remembers which prefixes it used.
/// </summary>
internal sealed class TurtleTermWriter
{
    private readonly List<(string Prefix, string Namespace)> _prefixes = [];
    private readonly HashSet<string> _defaults = new(StringComparer.Ordinal);
    private readonly string? _base;
    private readonly string? _baseDirectory;

    public TurtleTermWriter(IReadOnlyDictionary<string, string>? prefixes, string? baseIri)
    {
        if (prefixes is not null)
        {
            foreach (var (prefix, ns) in prefixes)
            {
                if (!IsPnPrefix(prefix))
                    throw new ArgumentException($"'{prefix}' is not a legal Turtle prefix name (PN_PREFIX).", nameof(prefixes));
                _prefixes.Add((prefix, ns));
            }
        }
        AddDefault("rdf", Vocabulary.Rdf.Namespace);
        AddDefault("xsd", Vocabulary.Xsd.Namespace);
        // Longest namespace first, so the most specific prefix wins; ties by prefix for stable output.
        _prefixes.Sort((a, b) => b.Namespace.Length != a.Namespace.Length
            ? b.Namespace.Length.CompareTo(a.Namespace.Length)
            : string.CompareOrdinal(a.Prefix, b.Prefix));
        _base = baseIri;
        _baseDirectory = BaseDirectory(baseIri);
    }

    /// <summary>Prefixes written at least once so far.</summary>
    public HashSet<string> Used { get; } = new(StringComparer.Ordinal);

    /// <summary>The given prefixes and the built-in rdf:/xsd: ones, in declaration order.</summary>
    public IEnumerable<(string Prefix, string Namespace)> Declarations =>
        _prefixes.OrderBy(p => p.Prefix, StringComparer.Ordinal);

    /// <summary>True for a prefix the caller asked for (always declared); false for rdf:/xsd: added by default.</summary>
    public bool IsRequested(string prefix) => !_defaults.Contains(prefix);

    private void AddDefault(string prefix, string ns)
    {
        foreach (var (p, n) in _prefixes)
            if (p == prefix || n == ns) return;
        _prefixes.Add((prefix, ns));
        _defaults.Add(prefix);
    }

    /// <summary>Writes an IRI as a prefixed name, a relative IRI or a full IRI, in that preference.</summary>
    public void WriteIri(TextWriter w, string iri)
    {
        foreach (var (prefix, ns) in _prefixes)
        {
            if (iri.Length < ns.Length || !iri.StartsWith(ns, StringComparison.Ordinal)) continue;
            string? local = EscapeLocalName(iri.AsSpan(ns.Length));
            if (local is null) continue;
            w.Write(prefix);
            w.Write(':');
            w.Write(local);
            Used.Add(prefix);
            return;
        }
        NTriplesTermWriter.WriteIri(w, Relativize(iri) ?? iri);
    }

    /// <summary>
    /// The IRI as a reference that resolves against the base back to itself (RFC 3986 §5.2), or null:
    /// the base itself as "", a fragment of it as "#f", or a path below the base's directory.
    /// </summary>
    internal string? Relativize(string iri)
    {
        if (_base is null || _baseDirectory is null) return null;
        if (iri == _base) return _base.Contains('#') ? null : "";
        if (!_base.Contains('#') && iri.Length > _base.Length && iri.StartsWith(_base, StringComparison.Ordinal)
            && iri[_base.Length] == '#')
            return iri[_base.Length..];
        if (iri.Length <= _baseDirectory.Length || !iri.StartsWith(_baseDirectory, StringComparison.Ordinal)) return null;
        string rest = iri[_baseDirectory.Length..];
        if (rest[0] is '/' or '?' or '#') return null;
        int end = rest.IndexOfAny(['?', '#']);
        string path = end < 0 ? rest : rest[..end];
        int slash = path.IndexOf('/');
        if ((slash < 0 ? path : path[..slash]).Contains(':')) return null; // would read as a scheme
        foreach (string segment in path.Split('/'))
            if (segment is "." or "..") return null;
        return rest;
    }

    /// <summary>The base up to its last '/' when it is hierarchical ("scheme://..." with a path), else null.</summary>
    private static string? BaseDirectory(string? baseIri)
    {
        if (baseIri is null) return null;
        int authority = baseIri.IndexOf("://", StringComparison.Ordinal);
        if (authority < 0) return null;
        int end = baseIri.IndexOfAny(['?', '#']);
        string withoutQuery = end < 0 ? baseIri : baseIri[..end];
        int lastSlash = withoutQuery.LastIndexOf('/');
        if (lastSlash < authority + 3) return null; // no path: "http://host"
        return withoutQuery[..(lastSlash + 1)];
    }

    /// <summary>Writes a literal in the shortest form that reads back as the same literal.</summary>
    public void WriteLiteral(TextWriter w, Literal literal)
    {
        string lex = literal.LexicalForm;
        if (literal.Language is null && IsBareForm(lex, literal.Datatype))
        {
            w.Write(lex);
            return;
        }
        bool longForm = lex.Contains('\n');
        w.Write(longForm ? "\"\"\"" : "\"");
        NTriplesTermWriter.WriteEscapedString(w, lex, longForm);
        w.Write(longForm ? "\"\"\"" : "\"");
        if (literal.Language is not null)
        {
            w.Write('@');
            w.Write(literal.Language);
        }
        else if (!literal.Datatype.Equals(Vocabulary.Xsd.String))
        {
            w.Write("^^");
            WriteIri(w, literal.Datatype.Value);
        }
    }

    /// <summary>
    /// True when the lexical form matches the Turtle production that yields the datatype:
    /// INTEGER [19], DECIMAL [20], DOUBLE [21] or BooleanLiteral [133s].
    /// </summary>
    internal static bool IsBareForm(string lex, Iri datatype)
    {
        if (datatype.Equals(Vocabulary.Xsd.Boolean)) return lex is "true" or "false";
        if (datatype.Equals(Vocabulary.Xsd.Integer)) return MatchNumber(lex) == NumberKind.Integer;
        if (datatype.Equals(Vocabulary.Xsd.Decimal)) return MatchNumber(lex) == NumberKind.Decimal;
        if (datatype.Equals(Vocabulary.Xsd.Double)) return MatchNumber(lex) == NumberKind.Double;
        return false;
    }

    private enum NumberKind { None, Integer, Decimal, Double }

    /// <summary>Which of INTEGER, DECIMAL, DOUBLE the whole string matches, if any.</summary>
    private static NumberKind MatchNumber(string s)
    {
        int i = 0;
        if (i < s.Length && s[i] is '+' or '-') i++;
        int intDigits = CountDigits(s, ref i);
        int fracDigits = -1;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            fracDigits = CountDigits(s, ref i);
        }
        bool exponent = false;
        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '+' or '-') i++;
            if (CountDigits(s, ref i) == 0) return NumberKind.None;
            exponent = true;
        }
        if (i != s.Length) return NumberKind.None;
        if (exponent) return intDigits > 0 || fracDigits > 0 ? NumberKind.Double : NumberKind.None;
        if (fracDigits < 0) return intDigits > 0 ? NumberKind.Integer : NumberKind.None;
        return fracDigits > 0 ? NumberKind.Decimal : NumberKind.None; // "1." is not a DECIMAL
    }

    private static int CountDigits(string s, ref int i)
    {
        int start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        return i - start;
    }

    /// <summary>
    /// The local part written as PN_LOCAL [168s], with PN_LOCAL_ESC escapes where a character is only
    /// allowed escaped, or null when it cannot be written (e.g. a space, or a '%' not followed by two hex digits).
    /// </summary>
    internal static string? EscapeLocalName(ReadOnlySpan<char> local)
    {
        if (local.IsEmpty) return "";
        StringBuilder? sb = null;
        int i = 0;
        while (i < local.Length)
        {
            int start = i;
            if (Rune.DecodeFromUtf16(local[i..], out Rune rune, out int used) != System.Buffers.OperationStatus.Done) return null;
            i += used;
            int c = rune.Value;
            bool first = start == 0;
            bool last = i == local.Length;
            string? piece = null;
            if (c == '%')
            {
                if (i + 2 > local.Length || !char.IsAsciiHexDigit(local[i]) || !char.IsAsciiHexDigit(local[i + 1])) return null;
                piece = local.Slice(start, 3).ToString();
                i += 2;
            }
            else if (IsPnCharsU(c) || c == ':' || (c >= '0' && c <= '9')) { }
            else if (!first && (IsPnChars(c) || (c == '.' && !last))) { }
            else if (c < 0x80 && "_~.-!$&'()*+,;=/?#@".Contains((char)c)) piece = "\\" + (char)c;
            else return null;
            if (piece is not null)
            {
                sb ??= new StringBuilder().Append(local[..start]);
                sb.Append(piece);
            }
            else sb?.Append(local[start..i]);
        }
        return sb?.ToString() ?? local.ToString();
    }

    /// <summary>PN_PREFIX [167s], or the empty prefix.</summary>
    internal static bool IsPnPrefix(string prefix)
    {
        if (prefix.Length == 0) return true;
        int i = 0;
        bool first = true;
        int lastChar = 0;
        while (i < prefix.Length)
        {
            if (Rune.DecodeFromUtf16(prefix.AsSpan(i), out Rune rune, out int used) != System.Buffers.OperationStatus.Done) return false;
            i += used;
            int c = rune.Value;
            if (first ? !IsPnCharsBase(c) : !(IsPnChars(c) || c == '.')) return false;
            first = false;
            lastChar = c;
        }
        return lastChar != '.';
    }

    /// <summary>PN_CHARS_BASE [163s].</summary>
    internal static bool IsPnCharsBase(int c) =>
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
        || (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF)
        || (c >= 0x370 && c <= 0x37D) || (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D)
        || (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF)
        || (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);

    /// <summary>PN_CHARS_U [164s].</summary>
    internal static bool IsPnCharsU(int c) => c == '_' || IsPnCharsBase(c);

    /// <summary>PN_CHARS [166s].</summary>
    internal static bool IsPnChars(int c) =>
        IsPnCharsU(c) || c == '-' || (c >= '0' && c <= '9') || c == 0xB7
        || (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);
}

/// <summary>
/// The order the Turtle and TriG writers lay statements out in: graph (default first), subject,
/// predicate (rdf:type first), object; within a position IRIs, then blank nodes, then literals,
/// each in code-point order of their text.
/// </summary>
internal static class TurtleTermOrder
{
    /// <summary><paramref name="quads"/> in this order, without repeats (graphs are sets).</summary>
    public static Quad[] SortDistinct(List<Quad> quads)
    {
        var a = quads.ToArray();
        Array.Sort(a, CompareQuads);
        int n = 0;
        for (int i = 0; i < a.Length; i++)
            if (n == 0 || !a[i].Equals(a[n - 1])) a[n++] = a[i];
        Array.Resize(ref a, n);
        return a;
    }

    public static int CompareQuads(Quad a, Quad b)
    {
        int c = CompareTerms(a.Graph, b.Graph);
        if (c != 0) return c;
        c = CompareTerms(a.Subject, b.Subject);
        if (c != 0) return c;
        c = ComparePredicates(a.Predicate, b.Predicate);
        return c != 0 ? c : CompareTerms(a.Object, b.Object);
    }

    private static int ComparePredicates(Iri a, Iri b)
    {
        if (ReferenceEquals(a, b)) return 0;
        bool aType = a.Equals(Vocabulary.Rdf.Type), bType = b.Equals(Vocabulary.Rdf.Type);
        if (aType || bType) return aType == bType ? 0 : aType ? -1 : 1;
        return string.CompareOrdinal(a.Value, b.Value);
    }

    /// <summary>Null (the default graph) first, then by kind, then by text.</summary>
    public static int CompareTerms(Term? a, Term? b)
    {
        if (ReferenceEquals(a, b)) return 0;
        if (a is null) return -1;
        if (b is null) return 1;
        int c = a.Kind.CompareTo(b.Kind);
        if (c != 0) return c;
        switch (a)
        {
            case Iri ia: return string.CompareOrdinal(ia.Value, ((Iri)b).Value);
            case BlankNode ba: return string.CompareOrdinal(ba.Label, ((BlankNode)b).Label);
            case Literal la:
                var lb = (Literal)b;
                c = string.CompareOrdinal(la.LexicalForm, lb.LexicalForm);
                if (c != 0) return c;
                c = string.CompareOrdinal(la.Datatype.Value, lb.Datatype.Value);
                return c != 0 ? c : string.CompareOrdinal(la.Language, lb.Language);
            default:
                return string.CompareOrdinal(a.ToString(), b.ToString());
        }
    }
}
