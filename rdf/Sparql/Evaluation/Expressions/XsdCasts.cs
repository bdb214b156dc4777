using System.Numerics;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Evaluation.Expressions;

/// <summary>
/// The XSD constructor functions of SPARQL (Query §17.5) following the XPath casting rules
/// (F&amp;O 3.1 §19): strings cast by the target's lexical space (after trimming whitespace), numbers
/// and booleans by value. An impossible or invalid cast is an error (null).
/// </summary>
internal static class XsdCasts
{
    /// <summary>Casts <paramref name="value"/> to the XSD datatype <paramref name="target"/>.</summary>
    public static Term? Cast(Term value, Iri target)
    {
        if (value is Iri iri) return target.Equals(XsdTypes.String) ? Literal.Simple(iri.Value) : null;
        if (value is not Literal l) return null;
        string dt = target.Value;
        if (!dt.StartsWith(Vocabulary.Xsd.Namespace, StringComparison.Ordinal)) return null;
        switch (dt.AsSpan(Vocabulary.Xsd.Namespace.Length))
        {
            case "string": return ToString(l);
            case "boolean": return ToBoolean(l);
            case "integer": return ToInteger(l) is NumericValue i ? i.ToLiteral() : null;
            case "decimal": return ToDecimal(l);
            case "float": return ToFloating(l, NumericKind.Float);
            case "double": return ToFloating(l, NumericKind.Double);
            case "dateTime": return ToDateTime(l, false);
            case "date": return ToDateTime(l, true);
        }
        if (XsdTypes.TryGetIntegerBounds(dt, out var min, out var max) && ToInteger(l) is NumericValue n)
        {
            BigInteger v = n.AsBigInteger;
            if ((min is null || v >= min.Value) && (max is null || v <= max.Value))
                return Literal.Typed(v.ToString(System.Globalization.CultureInfo.InvariantCulture), target);
        }
        return null;
    }

    /// <summary>Casting from a string uses its whitespace-collapsed form (XSD whiteSpace facet).</summary>
    private static string Trimmed(Literal l) => l.LexicalForm.Trim(' ', '\t', '\n', '\r');

    private static Literal? ToString(Literal l)
    {
        switch (XsdTypes.FamilyOf(l))
        {
            case ValueFamily.String:
                return l;
            case ValueFamily.LangString:
                return Literal.Simple(l.LexicalForm);
            case ValueFamily.Numeric when NumericValue.TryFromLiteral(l, out var n):
                return Literal.Simple(n.ToXPathString());
            case ValueFamily.Boolean when BooleanValue.TryParse(l.LexicalForm, out bool b):
                return Literal.Simple(b ? "true" : "false");
            case ValueFamily.DateTime or ValueFamily.Date when DateTimeValue.TryFromLiteral(l, out var d):
                return Literal.Simple(d.ToCanonicalString());
            default:
                return Literal.Simple(l.LexicalForm);
        }
    }

    private static Literal? ToBoolean(Literal l)
    {
        switch (XsdTypes.FamilyOf(l))
        {
            case ValueFamily.String or ValueFamily.Boolean:
                return BooleanValue.TryParse(Trimmed(l), out bool b) ? BooleanValue.Of(b) : null;
            case ValueFamily.Numeric when NumericValue.TryFromLiteral(l, out var n):
                return BooleanValue.Of(!n.IsZeroOrNaN);
            default:
                return null;
        }
    }

    private static NumericValue? ToInteger(Literal l)
    {
        switch (XsdTypes.FamilyOf(l))
        {
            case ValueFamily.String:
                return NumericValue.TryParseInteger(Trimmed(l), out var s) ? s : null;
            case ValueFamily.Boolean when BooleanValue.TryParse(l.LexicalForm, out bool b):
                return NumericValue.FromInteger(b ? 1 : 0);
            case ValueFamily.Numeric when NumericValue.TryFromLiteral(l, out var n):
                switch (n.Kind)
                {
                    case NumericKind.Integer:
                        return n;
                    case NumericKind.Decimal:
                        n.TryGetDecimal(out decimal d);
                        return NumericValue.FromInteger(new BigInteger(decimal.Truncate(d)));
                    default:
                        double x = n.AsDouble;
                        if (!double.IsFinite(x)) return null;
                        return NumericValue.FromInteger(new BigInteger(Math.Truncate(x)));
                }
            default:
                return null;
        }
    }

    private static Literal? ToDecimal(Literal l)
    {
        switch (XsdTypes.FamilyOf(l))
        {
            case ValueFamily.String:
                return NumericValue.TryParseDecimal(Trimmed(l), out var s) ? s.ToLiteral() : null;
            case ValueFamily.Boolean when BooleanValue.TryParse(l.LexicalForm, out bool b):
                return NumericValue.FromDecimal(b ? 1 : 0).ToLiteral();
            case ValueFamily.Numeric when NumericValue.TryFromLiteral(l, out var n):
                return n.TryGetDecimal(out decimal d) ? NumericValue.FromDecimal(d).ToLiteral() : null;
            default:
                return null;
        }
    }

    private static Literal? ToFloating(Literal l, NumericKind kind)
    {
        double v;
        switch (XsdTypes.FamilyOf(l))
        {
            case ValueFamily.String:
                if (!NumericValue.TryParseDouble(Trimmed(l), kind, out var s)) return null;
                return s.ToLiteral();
            case ValueFamily.Boolean when BooleanValue.TryParse(l.LexicalForm, out bool b):
                v = b ? 1 : 0;
                break;
            case ValueFamily.Numeric when NumericValue.TryFromLiteral(l, out var n):
                v = n.AsDouble;
                break;
            default:
                return null;
        }
        return (kind == NumericKind.Float ? NumericValue.FromFloat(v) : NumericValue.FromDouble(v)).ToLiteral();
    }

    private static Literal? ToDateTime(Literal l, bool toDate)
    {
        switch (XsdTypes.FamilyOf(l))
        {
            case ValueFamily.String:
                return DateTimeValue.TryParse(Trimmed(l), toDate, out var s) ? s.ToLiteral() : null;
            case ValueFamily.DateTime or ValueFamily.Date when DateTimeValue.TryFromLiteral(l, out var d):
                if (d.IsDate == toDate) return d.ToLiteral();
                string text = d.ToCanonicalString();
                if (toDate)
                {
                    // dateTime → date keeps the date and the timezone as written.
                    int t = text.IndexOf('T', StringComparison.Ordinal);
                    return DateTimeValue.TryParse(text[..t] + (d.Offset is int o ? FormatTz(o) : ""), true, out var date) ? date.ToLiteral() : null;
                }
                // date → dateTime is midnight of that day.
                int tz = d.Offset is null ? text.Length : text.Length - FormatTz(d.Offset.Value).Length;
                return DateTimeValue.TryParse(text[..tz] + "T00:00:00" + text[tz..], false, out var dt) ? dt.ToLiteral() : null;
            default:
                return null;
        }
    }

    private static string FormatTz(int offset)
    {
        if (offset == 0) return "Z";
        int a = Math.Abs(offset);
        return (offset < 0 ? "-" : "+") + (a / 60).ToString("00", System.Globalization.CultureInfo.InvariantCulture) + ":"
               + (a % 60).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
    }
}
