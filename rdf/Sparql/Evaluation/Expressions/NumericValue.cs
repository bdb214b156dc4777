using System.Globalization;
using System.Numerics;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Evaluation.Expressions;

/// <summary>The primitive numeric types in promotion order (XPath F&amp;O §1.7.1 / SPARQL Query §17.3).</summary>
internal enum NumericKind : byte
{
    Integer = 0,
    Decimal = 1,
    Float = 2,
    Double = 3,
}

/// <summary>
/// A numeric value: xsd:integer (and its derived types) as a long that widens to a BigInteger on
/// overflow, xsd:decimal as System.Decimal, xsd:float and xsd:double as doubles (floats rounded to
/// single precision after each operation). Operations return false instead of throwing, because a
/// SPARQL expression error is a value (Query §17.3).
/// </summary>
internal readonly partial struct NumericValue
{
    private readonly long _long;
    private readonly BigInteger? _big;
    private readonly decimal _decimal;
    private readonly double _double;

    public NumericKind Kind { get; }

    private NumericValue(NumericKind kind, long l, BigInteger? big, decimal d, double dbl)
    {
        Kind = kind;
        _long = l;
        _big = big;
        _decimal = d;
        _double = dbl;
    }

    public static NumericValue FromInteger(long value) => new(NumericKind.Integer, value, null, 0, 0);

    public static NumericValue FromInteger(BigInteger value) =>
        value >= long.MinValue && value <= long.MaxValue
            ? FromInteger((long)value)
            : new(NumericKind.Integer, 0, value, 0, 0);

    public static NumericValue FromDecimal(decimal value) => new(NumericKind.Decimal, 0, null, value, 0);

    public static NumericValue FromFloat(double value) => new(NumericKind.Float, 0, null, 0, (float)value);

    public static NumericValue FromDouble(double value) => new(NumericKind.Double, 0, null, 0, value);

    public bool IsBig => _big.HasValue;

    public BigInteger AsBigInteger => _big ?? _long;

    /// <summary>The value as a double (exact for floats and doubles, nearest for the others).</summary>
    public double AsDouble => Kind switch
    {
        NumericKind.Integer => _big.HasValue ? (double)_big.Value : _long,
        NumericKind.Decimal => (double)_decimal,
        _ => _double,
    };

    /// <summary>The value as a decimal, false when out of range or not finite.</summary>
    public bool TryGetDecimal(out decimal value)
    {
        switch (Kind)
        {
            case NumericKind.Integer:
                if (!_big.HasValue) { value = _long; return true; }
                if (_big.Value >= (BigInteger)decimal.MinValue && _big.Value <= (BigInteger)decimal.MaxValue)
                {
                    value = (decimal)_big.Value;
                    return true;
                }
                break;
            case NumericKind.Decimal:
                value = _decimal;
                return true;
            default:
                if (double.IsFinite(_double) && Math.Abs(_double) < 7.9e28)
                {
                    value = (decimal)_double;
                    return true;
                }
                break;
        }
        value = 0;
        return false;
    }

    /// <summary>Zero (or NaN for floating types): the numeric false of the effective boolean value (§17.2.2).</summary>
    public bool IsZeroOrNaN => Kind switch
    {
        NumericKind.Integer => !_big.HasValue && _long == 0,
        NumericKind.Decimal => _decimal == 0,
        _ => _double == 0 || double.IsNaN(_double),
    };

    public bool IsNaN => Kind >= NumericKind.Float && double.IsNaN(_double);

    /// <summary>Parses a numeric literal; false for non-numeric datatypes and ill-formed lexical forms.</summary>
    public static bool TryFromLiteral(Literal literal, out NumericValue value)
    {
        value = default;
        if (literal.Language is not null) return false;
        string dt = literal.Datatype.Value;
        if (!dt.StartsWith(Vocabulary.Xsd.Namespace, StringComparison.Ordinal)) return false;
        string s = literal.LexicalForm;
        switch (dt.AsSpan(Vocabulary.Xsd.Namespace.Length))
        {
            case "integer": return TryParseInteger(s, out value);
            case "decimal": return TryParseDecimal(s, out value);
            case "double": return TryParseDouble(s, NumericKind.Double, out value);
            case "float": return TryParseDouble(s, NumericKind.Float, out value);
        }
        if (!XsdTypes.TryGetIntegerBounds(dt, out var min, out var max)) return false;
        if (!TryParseInteger(s, out value)) return false;
        var v = value.AsBigInteger;
        return (min is null || v >= min.Value) && (max is null || v <= max.Value);
    }

    /// <summary>xsd:integer lexical space: <c>[+-]?[0-9]+</c>.</summary>
    public static bool TryParseInteger(string s, out NumericValue value)
    {
        value = default;
        int i = s.Length > 0 && (s[0] == '+' || s[0] == '-') ? 1 : 0;
        if (i == s.Length) return false;
        for (int j = i; j < s.Length; j++)
            if (!char.IsAsciiDigit(s[j])) return false;
        if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l))
            value = FromInteger(l);
        else
            value = FromInteger(BigInteger.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>xsd:decimal lexical space: <c>[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)</c>.</summary>
    public static bool TryParseDecimal(string s, out NumericValue value)
    {
        value = default;
        if (!IsDecimalLexical(s, 0, s.Length)) return false;
        if (!decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal d))
            return false;
        value = FromDecimal(d);
        return true;
    }

    private static bool IsDecimalLexical(string s, int start, int end)
    {
        int i = start;
        if (i < end && (s[i] == '+' || s[i] == '-')) i++;
        int digits = 0;
        while (i < end && char.IsAsciiDigit(s[i])) { i++; digits++; }
        if (i < end && s[i] == '.')
        {
            i++;
            while (i < end && char.IsAsciiDigit(s[i])) { i++; digits++; }
        }
        return digits > 0 && i == end;
    }

    /// <summary>xsd:double / xsd:float lexical space: decimal with optional exponent, or INF, -INF, +INF, NaN.</summary>
    public static bool TryParseDouble(string s, NumericKind kind, out NumericValue value)
    {
        value = default;
        double d;
        switch (s)
        {
            case "INF" or "+INF": d = double.PositiveInfinity; break;
            case "-INF": d = double.NegativeInfinity; break;
            case "NaN": d = double.NaN; break;
            default:
                int e = s.AsSpan().IndexOfAny('e', 'E');
                if (!IsDecimalLexical(s, 0, e < 0 ? s.Length : e)) return false;
                if (e >= 0)
                {
                    int i = e + 1;
                    if (i < s.Length && (s[i] == '+' || s[i] == '-')) i++;
                    if (i == s.Length) return false;
                    for (; i < s.Length; i++)
                        if (!char.IsAsciiDigit(s[i])) return false;
                }
                if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out d)) return false;
                break;
        }
        value = kind == NumericKind.Float ? FromFloat(d) : FromDouble(d);
        return true;
    }

    /// <summary>The literal for this value, in its primitive datatype and canonical form.</summary>
    public Literal ToLiteral() => Kind switch
    {
        NumericKind.Integer => Literal.Typed(_big.HasValue ? _big.Value.ToString(CultureInfo.InvariantCulture) : _long.ToString(CultureInfo.InvariantCulture), XsdTypes.Integer),
        NumericKind.Decimal => Literal.Typed(DecimalToString(_decimal), XsdTypes.Decimal),
        NumericKind.Float => Literal.Typed(DoubleCanonical(_double, true), XsdTypes.Float),
        _ => Literal.Typed(DoubleCanonical(_double, false), XsdTypes.Double),
    };

    /// <summary>
    /// The XPath string of the value (F&amp;O §19.1.2.2, cast to xs:string): decimals without
    /// exponent, doubles in plain notation between 1E-6 and 1E6 and in canonical E notation elsewhere.
    /// </summary>
    public string ToXPathString()
    {
        switch (Kind)
        {
            case NumericKind.Integer:
                return _big.HasValue ? _big.Value.ToString(CultureInfo.InvariantCulture) : _long.ToString(CultureInfo.InvariantCulture);
            case NumericKind.Decimal:
                return DecimalToString(_decimal);
        }
        double a = Math.Abs(_double);
        if (a >= 1e-6 && a < 1e6)
        {
            string r = Kind == NumericKind.Float
                ? ((float)_double).ToString("R", CultureInfo.InvariantCulture)
                : _double.ToString("R", CultureInfo.InvariantCulture);
            if (r.Contains('E', StringComparison.Ordinal))
                r = DecimalToString(Kind == NumericKind.Float ? (decimal)(float)_double : (decimal)_double);
            return r;
        }
        if (_double == 0) return double.IsNegative(_double) ? "-0" : "0";
        return DoubleCanonical(_double, Kind == NumericKind.Float);
    }

    /// <summary>XSD 1.1 canonical decimal: no exponent, no trailing zeros, no point for integral values.</summary>
    public static string DecimalToString(decimal d)
    {
        string s = d.ToString(CultureInfo.InvariantCulture);
        if (s.Contains('.', StringComparison.Ordinal)) s = s.TrimEnd('0').TrimEnd('.');
        return s == "-0" ? "0" : s;
    }

    /// <summary>XSD canonical float/double: one non-zero digit before the point, e.g. <c>1.0E1</c>, <c>1.25E-3</c>.</summary>
    public static string DoubleCanonical(double d, bool isFloat)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsPositiveInfinity(d)) return "INF";
        if (double.IsNegativeInfinity(d)) return "-INF";
        if (d == 0) return double.IsNegative(d) ? "-0.0E0" : "0.0E0";
        // The shortest digits that round-trip, rewritten in scientific notation.
        string shortest = isFloat ? ((float)d).ToString("R", CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture);
        return FormatScientific(shortest);
    }

    /// <summary>Rewrites a round-trip string ("123.4", "1E+20", "-1.5E-07") as mantissa E exponent.</summary>
    private static string FormatScientific(string s)
    {
        bool negative = s[0] == '-';
        if (negative) s = s[1..];
        int exp = 0;
        int e = s.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exp = int.Parse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s[..e];
        }
        int dot = s.IndexOf('.', StringComparison.Ordinal);
        string digits = dot < 0 ? s : string.Concat(s.AsSpan(0, dot), s.AsSpan(dot + 1));
        int pointPos = dot < 0 ? s.Length : dot; // digits before the point
        int lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0') lead++;
        digits = digits[lead..];
        pointPos -= lead;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        exp += pointPos - 1;
        string mantissa = digits.Length == 1 ? digits + ".0" : digits[0] + "." + digits[1..];
        return (negative ? "-" : "") + mantissa + "E" + exp.ToString(CultureInfo.InvariantCulture);
    }
}
