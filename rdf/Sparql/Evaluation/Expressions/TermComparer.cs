using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Evaluation.Expressions;

/// <summary>Outcome of a value comparison: ordered, unordered (a NaN is involved) or a type error.</summary>
internal enum Comparison : byte
{
    Less,
    Equal,
    Greater,
    /// <summary>NaN against a number: every relational operator is false, != is true.</summary>
    Unordered,
    Error,
}

/// <summary>
/// Comparisons of RDF terms: the value comparisons behind SPARQL's =, !=, &lt;, &gt; (Query §17.3
/// operator mapping, §17.4.1.7 RDFterm-equal) and the total order used by ORDER BY (§15.1).
/// </summary>
public static class TermComparer
{
    /// <summary>
    /// The ORDER BY order (Query §15.1): unbound &lt; blank nodes &lt; IRIs &lt; literals. Literals
    /// that SPARQL can compare (numerics, dateTimes, dates, booleans, strings) are ordered by value
    /// within their kind; kinds follow one another, and ties and the remaining literals are broken by
    /// lexical form, datatype and language so that the order is total and stable.
    /// </summary>
    public static int Order(Term? a, Term? b) => ReferenceEquals(a, b) ? 0 : Order(KeyOf(a), KeyOf(b));

    /// <summary>
    /// A term with what <see cref="Order(Term?, Term?)"/> derives from it (its kind, and a literal's
    /// parsed value), computed once: ORDER BY keeps one per row and compares these instead of
    /// parsing numbers and dates on every comparison.
    /// </summary>
    internal readonly struct OrderKey
    {
        public readonly Term? Term;
        public readonly int KindRank;
        public readonly int LiteralRank;
        public readonly NumericValue Number;
        public readonly DateTimeValue Date;
        public readonly bool Boolean;

        public OrderKey(Term? term)
        {
            Term = term;
            KindRank = term is null ? 0 : RankOfKind(term);
            Number = default;
            Date = default;
            Boolean = false;
            LiteralRank = term is Literal l ? LiteralRankOf(l, out Number, out Date, out Boolean) : 0;
        }
    }

    internal static OrderKey KeyOf(Term? term) => new(term);

    /// <summary><see cref="Order(Term?, Term?)"/> on precomputed keys.</summary>
    internal static int Order(in OrderKey a, in OrderKey b)
    {
        if (ReferenceEquals(a.Term, b.Term)) return 0;
        if (a.Term is null) return -1;
        if (b.Term is null) return 1;
        if (a.KindRank != b.KindRank) return a.KindRank.CompareTo(b.KindRank);
        switch (a.Term)
        {
            case BlankNode ba: return string.CompareOrdinal(ba.Label, ((BlankNode)b.Term).Label);
            case Iri ia: return CompareCodePoints(ia.Value, ((Iri)b.Term).Value);
            case Literal: return OrderLiterals(in a, in b);
            case Variable va: return string.CompareOrdinal(va.Name, ((Variable)b.Term).Name);
            default: return 0;
        }
    }

    private static int RankOfKind(Term t) => t.Kind switch
    {
        TermKind.BlankNode => 1,
        TermKind.Iri => 2,
        TermKind.Literal => 3,
        _ => 4,
    };

    /// <summary>Where a literal falls in the ORDER BY sequence of literal kinds.</summary>
    private static int LiteralRankOf(Literal l, out NumericValue n, out DateTimeValue d, out bool boolean)
    {
        n = default;
        d = default;
        boolean = false;
        switch (XsdTypes.FamilyOf(l))
        {
            case ValueFamily.String: return 0;
            case ValueFamily.LangString: return 1;
            case ValueFamily.Numeric when NumericValue.TryFromLiteral(l, out n): return 2;
            case ValueFamily.Boolean when BooleanValue.TryParse(l.LexicalForm, out boolean): return 3;
            case ValueFamily.DateTime when DateTimeValue.TryFromLiteral(l, out d): return 4;
            case ValueFamily.Date when DateTimeValue.TryFromLiteral(l, out d): return 5;
            default: return 6;
        }
    }

    private static int OrderLiterals(in OrderKey ka, in OrderKey kb)
    {
        var a = (Literal)ka.Term!;
        var b = (Literal)kb.Term!;
        int ra = ka.LiteralRank, rb = kb.LiteralRank;
        if (ra != rb) return ra.CompareTo(rb);
        int c = ra switch
        {
            0 or 1 => CompareCodePoints(a.LexicalForm, b.LexicalForm),
            2 => ka.Number.IsNaN || kb.Number.IsNaN ? kb.Number.IsNaN.CompareTo(ka.Number.IsNaN) : NumericValue.Compare(ka.Number, kb.Number) ?? 0,
            3 => ka.Boolean.CompareTo(kb.Boolean),
            4 or 5 => DateTimeValue.CompareTotal(ka.Date, kb.Date),
            _ => CompareCodePoints(a.Datatype.Value, b.Datatype.Value),
        };
        if (c != 0) return c;
        c = string.CompareOrdinal(a.Language, b.Language);
        if (c != 0) return c;
        c = CompareCodePoints(a.LexicalForm, b.LexicalForm);
        if (c != 0) return c;
        return CompareCodePoints(a.Datatype.Value, b.Datatype.Value);
    }

    /// <summary>Orders strings by Unicode code point (not UTF-16 unit), as fn:compare with the codepoint collation.</summary>
    public static int CompareCodePoints(string? a, string? b)
    {
        if (a is null || b is null) return a is null ? (b is null ? 0 : -1) : 1;
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++)
        {
            char x = a[i], y = b[i];
            if (x == y) continue;
            if (x >= 0xD800 && y >= 0xD800) return Fix(x).CompareTo(Fix(y));
            return x.CompareTo(y);
        }
        return a.Length.CompareTo(b.Length);

        static int Fix(char c) => c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }

    /// <summary>
    /// SPARQL '=' (Query §17.3, §17.4.1.7 RDFterm-equal) with the open-world reading the W3C tests
    /// expect: identical terms are equal; a language-tagged literal is unequal to any other literal;
    /// two other literals are an error (null) when either has an unknown datatype or an ill-formed
    /// lexical form; literals of two different known kinds are unequal; otherwise values are
    /// compared, and date/times whose order is indeterminate are an error.
    /// </summary>
    internal static bool? ValueEquals(Term a, Term b)
    {
        if (a is not Literal la || b is not Literal lb) return a.Equals(b);
        var fa = XsdTypes.FamilyOf(la);
        var fb = XsdTypes.FamilyOf(lb);
        if (la.Equals(lb))
            return fa != ValueFamily.Numeric || !NumericValue.TryFromLiteral(la, out var self) || !self.IsNaN;
        if (fa == ValueFamily.LangString || fb == ValueFamily.LangString) return false;
        if (fa == ValueFamily.Other || fb == ValueFamily.Other) return null;
        if (fa != fb) return IsWellFormed(fa, la) && IsWellFormed(fb, lb) ? false : null;
        if (fa == ValueFamily.String) return string.Equals(la.LexicalForm, lb.LexicalForm, StringComparison.Ordinal);
        return CompareSameFamily(fa, la, lb) switch
        {
            Comparison.Error => null,
            var c => c == Comparison.Equal,
        };
    }

    private static bool IsWellFormed(ValueFamily family, Literal l) => family switch
    {
        ValueFamily.Numeric => NumericValue.TryFromLiteral(l, out _),
        ValueFamily.Boolean => BooleanValue.TryParse(l.LexicalForm, out _),
        ValueFamily.DateTime or ValueFamily.Date => DateTimeValue.TryFromLiteral(l, out _),
        _ => true,
    };

    /// <summary>
    /// SPARQL '&lt;' and friends (Query §17.3): numerics, simple/xsd:string literals, booleans,
    /// dateTimes and dates compare by value; anything else is a type error.
    /// </summary>
    internal static Comparison ValueCompare(Term a, Term b)
    {
        if (a is not Literal la || b is not Literal lb) return Comparison.Error;
        var fa = XsdTypes.FamilyOf(la);
        if (fa != XsdTypes.FamilyOf(lb) || fa is ValueFamily.Other or ValueFamily.LangString) return Comparison.Error;
        if (fa == ValueFamily.String) return FromInt(CompareCodePoints(la.LexicalForm, lb.LexicalForm));
        return CompareSameFamily(fa, la, lb);
    }

    private static Comparison CompareSameFamily(ValueFamily family, Literal a, Literal b)
    {
        switch (family)
        {
            case ValueFamily.Numeric:
                if (!NumericValue.TryFromLiteral(a, out var na) || !NumericValue.TryFromLiteral(b, out var nb)) return Comparison.Error;
                return NumericValue.Compare(na, nb) is int nc ? FromInt(nc) : Comparison.Unordered;
            case ValueFamily.Boolean:
                if (!BooleanValue.TryParse(a.LexicalForm, out bool ba) || !BooleanValue.TryParse(b.LexicalForm, out bool bb)) return Comparison.Error;
                return FromInt(ba.CompareTo(bb));
            case ValueFamily.DateTime:
            case ValueFamily.Date:
                if (!DateTimeValue.TryFromLiteral(a, out var da) || !DateTimeValue.TryFromLiteral(b, out var db)) return Comparison.Error;
                return DateTimeValue.Compare(da, db) is int dc ? FromInt(dc) : Comparison.Error;
            default:
                return Comparison.Error;
        }
    }

    private static Comparison FromInt(int c) => c < 0 ? Comparison.Less : c > 0 ? Comparison.Greater : Comparison.Equal;
}
