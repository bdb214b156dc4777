using System.Globalization;
using System.Text;

namespace DihNode.Rdf.Io.JsonLd.ToRdf;

/// <summary>
/// Number to text as JSON-LD needs it: the canonical xsd:double form ("1.1E0", §8.6 of JSON-LD 1.1
/// API, Object to RDF step 9), integers without exponent, and the ECMAScript Number::toString form
/// that the JSON Canonicalization Scheme (RFC 8785 §3.2.2.3) prescribes.
/// </summary>
internal static class NumberFormatting
{
    /// <summary>
    /// The shortest decimal digits that read back as <paramref name="value"/> (no leading or trailing
    /// zeros) and the decimal exponent n with |value| = 0.digits × 10^n.
    /// </summary>
    private static (string Digits, int N) Shortest(double value)
    {
        string r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        int exponent = 0;
        int e = r.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..e];
        }
        int dot = r.IndexOf('.');
        string digits = dot < 0 ? r : r.Remove(dot, 1);
        int pointAt = dot < 0 ? r.Length : dot;
        int lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0') lead++;
        digits = digits[lead..];
        pointAt -= lead;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) return ("0", 1);
        return (digits, pointAt + exponent);
    }

    /// <summary>The canonical xsd:double lexical form: one digit, '.', at least one digit, 'E', exponent.</summary>
    public static string CanonicalDouble(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsInfinity(value)) return value > 0 ? "INF" : "-INF";
        if (value == 0) return "0.0E0";
        var (digits, n) = Shortest(value);
        var sb = new StringBuilder(digits.Length + 8);
        if (value < 0) sb.Append('-');
        sb.Append(digits[0]).Append('.');
        sb.Append(digits.Length > 1 ? digits.AsSpan(1) : "0");
        sb.Append('E').Append((n - 1).ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <summary>ECMAScript Number::toString (ECMA-262 §6.1.6.1.20): integers up to 1e21 without exponent.</summary>
    public static string EcmaScript(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsInfinity(value)) return value > 0 ? "Infinity" : "-Infinity";
        if (value == 0) return "0";
        var (digits, n) = Shortest(value);
        int k = digits.Length;
        var sb = new StringBuilder(k + 8);
        if (value < 0) sb.Append('-');
        if (k <= n && n <= 21)
        {
            sb.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            sb.Append(digits.AsSpan(0, n)).Append('.').Append(digits.AsSpan(n));
        }
        else if (-6 < n && n <= 0)
        {
            sb.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            int exponent = n - 1;
            sb.Append(digits[0]);
            if (k > 1) sb.Append('.').Append(digits.AsSpan(1));
            sb.Append('e').Append(exponent < 0 ? '-' : '+').Append(Math.Abs(exponent).ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
