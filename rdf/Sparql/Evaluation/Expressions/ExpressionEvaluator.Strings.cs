using System.Text;
using System.Text.RegularExpressions;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Sparql.Evaluation.Expressions;

public sealed partial class ExpressionEvaluator
{
    /// <summary>
    /// The string functions of §17.4.3. "String literal" means simple, xsd:string or
    /// language-tagged; results keep the language tag of the first argument where the spec says so.
    /// </summary>
    private Term? EvaluateStringFunction(string name, Term x, Term? y, Term? z, Term? flags)
    {
        if (!XsdTypes.IsStringOrLangLiteral(x)) return null;
        var s = (Literal)x;
        switch (name)
        {
            case "STRLEN":
                return NumericValue.FromInteger(CodePointCount(s.LexicalForm)).ToLiteral();
            case "UCASE":
                return SameKind(s, s.LexicalForm.ToUpperInvariant());
            case "LCASE":
                return SameKind(s, s.LexicalForm.ToLowerInvariant());
            case "ENCODE_FOR_URI":
                return Literal.Simple(EncodeForUri(s.LexicalForm));
            case "SUBSTR":
                return Substring(s, y!, z);
            case "CONTAINS" or "STRSTARTS" or "STRENDS" or "STRBEFORE" or "STRAFTER":
                if (!Compatible(s, y!)) return null;
                return TwoStrings(name, s, ((Literal)y!).LexicalForm);
            case "REGEX":
            {
                if (!XsdTypes.IsStringLiteral(y) || (z is not null && !XsdTypes.IsStringLiteral(z))) return null;
                var regex = Regex(((Literal)y!).LexicalForm, (z as Literal)?.LexicalForm ?? "");
                if (regex is null) return null;
                try
                {
                    return BooleanValue.Of(regex.IsMatch(s.LexicalForm));
                }
                catch (RegexMatchTimeoutException)
                {
                    _regexTimedOut?.Invoke();
                    return null;
                }
            }
            case "REPLACE":
            {
                if (!XsdTypes.IsStringLiteral(y) || !XsdTypes.IsStringLiteral(z) || (flags is not null && !XsdTypes.IsStringLiteral(flags)))
                    return null;
                return Replace(s, ((Literal)y!).LexicalForm, ((Literal)z!).LexicalForm, (flags as Literal)?.LexicalForm ?? "");
            }
            default:
                return null;
        }
    }

    /// <summary>The compiled REGEX for a pattern and flags: the last one used when they are the same strings.</summary>
    private Regex? Regex(string pattern, string flags)
    {
        if (!ReferenceEquals(pattern, _lastRegexPattern) || !ReferenceEquals(flags, _lastRegexFlags))
        {
            _lastRegex = XPathRegex.Get(pattern, flags, _regexTimeout);
            _lastRegexPattern = pattern;
            _lastRegexFlags = flags;
        }
        return _lastRegex;
    }

    /// <summary>A literal with <paramref name="text"/> and the language tag (or string type) of <paramref name="source"/>.</summary>
    private static Literal SameKind(Literal source, string text) =>
        source.Language is string lang ? Literal.LangString(text, lang) : Literal.Simple(text);

    /// <summary>
    /// Argument compatibility (§17.4.3.1.1): two simple/xsd:string literals, two literals with the
    /// same language tag, or a language-tagged literal and a simple/xsd:string literal.
    /// </summary>
    private static bool Compatible(Literal a, Term b) =>
        XsdTypes.IsStringOrLangLiteral(b) && (((Literal)b).Language is null || ((Literal)b).Language == a.Language);

    private static Literal TwoStrings(string name, Literal a, string b)
    {
        string s = a.LexicalForm;
        switch (name)
        {
            case "CONTAINS": return BooleanValue.Of(s.Contains(b, StringComparison.Ordinal));
            case "STRSTARTS": return BooleanValue.Of(s.StartsWith(b, StringComparison.Ordinal));
            case "STRENDS": return BooleanValue.Of(s.EndsWith(b, StringComparison.Ordinal));
        }
        int at = s.IndexOf(b, StringComparison.Ordinal);
        if (at < 0) return Literal.Simple("");
        return name == "STRBEFORE" ? SameKind(a, s[..at]) : SameKind(a, s[(at + b.Length)..]);
    }

    /// <summary>
    /// CONCAT (§17.4.3.12): string literals only; the result keeps a language tag all arguments share,
    /// and is a simple literal otherwise.
    /// </summary>
    private Literal? Concat(IReadOnlyList<Expression> args, IBindingRow row)
    {
        var sb = new StringBuilder();
        string? lang = null;
        bool first = true;
        foreach (var a in args)
        {
            if (Evaluate(a, row) is not Literal l || !XsdTypes.IsStringOrLangLiteral(l)) return null;
            sb.Append(l.LexicalForm);
            if (first) lang = l.Language;
            else if (lang != l.Language) lang = null;
            first = false;
        }
        return lang is null ? Literal.Simple(sb.ToString()) : Literal.LangString(sb.ToString(), lang);
    }

    /// <summary>
    /// SUBSTR (§17.4.3.3, fn:substring): characters at 1-based code-point positions p with
    /// round(start) ≤ p &lt; round(start) + round(length).
    /// </summary>
    private static Literal? Substring(Literal s, Term start, Term? length)
    {
        if (start is not Literal sl || !NumericValue.TryFromLiteral(sl, out var sv)) return null;
        double from = sv.Round().AsDouble;
        double to = double.PositiveInfinity;
        if (length is not null)
        {
            if (length is not Literal ll || !NumericValue.TryFromLiteral(ll, out var lv)) return null;
            to = from + lv.Round().AsDouble;
        }
        string text = s.LexicalForm;
        var sb = new StringBuilder();
        int position = 1;
        for (int i = 0; i < text.Length; i++, position++)
        {
            bool pair = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (position >= from && position < to)
            {
                sb.Append(text[i]);
                if (pair) sb.Append(text[i + 1]);
            }
            if (pair) i++;
        }
        return SameKind(s, sb.ToString());
    }

    private static int CodePointCount(string s)
    {
        int n = s.Length;
        for (int i = 0; i + 1 < s.Length; i++)
            if (char.IsHighSurrogate(s[i]) && char.IsLowSurrogate(s[i + 1])) { n--; i++; }
        return n;
    }

    /// <summary>ENCODE_FOR_URI (§17.4.3.10, fn:encode-for-uri): percent-encodes every UTF-8 byte outside the RFC 3986 unreserved set.</summary>
    private static string EncodeForUri(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (byte b in Encoding.UTF8.GetBytes(s))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~') sb.Append((char)b);
            else sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>
    /// REPLACE (§17.4.3.15, fn:replace): an error when the pattern or flags are invalid, the pattern
    /// matches the empty string, the replacement is malformed, or the match times out.
    /// </summary>
    private Literal? Replace(Literal s, string pattern, string replacement, string flags)
    {
        var regex = XPathRegex.Get(pattern, flags, _regexTimeout);
        if (regex is null) return null;
        int groups = regex.GetGroupNumbers().Length - 1;
        if (!flags.Contains('q', StringComparison.Ordinal))
        {
            if (!XPathRegex.TryParseReplacement(replacement, groups, out var parts)) return null;
            try
            {
                if (regex.IsMatch("")) return null;
                string result = regex.Replace(s.LexicalForm, m =>
                {
                    var sb = new StringBuilder();
                    foreach (var (text, group) in parts)
                    {
                        if (text is not null) sb.Append(text);
                        else if (group <= groups) sb.Append(m.Groups[group].Value);
                    }
                    return sb.ToString();
                });
                return SameKind(s, result);
            }
            catch (RegexMatchTimeoutException)
            {
                _regexTimedOut?.Invoke();
                return null;
            }
        }
        // With 'q' the replacement is taken literally too (F&O 3.1 §5.6.3).
        try
        {
            if (regex.IsMatch("")) return null;
            return SameKind(s, regex.Replace(s.LexicalForm, replacement.Replace("$", "$$", StringComparison.Ordinal)));
        }
        catch (RegexMatchTimeoutException)
        {
            _regexTimedOut?.Invoke();
            return null;
        }
    }
}
