using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace DihNode.Rdf.Sparql.Evaluation.Expressions;

/// <summary>
/// XPath regular expressions (F&amp;O 3.1 §5.6) on top of .NET's engine: translates the syntax
/// differences, applies the flags s, m, i, x, q, and caches the compiled expression per pattern,
/// flags and timeout. Every match runs with a timeout so that a catastrophic pattern is an
/// expression error rather than a hung query.
/// </summary>
internal static class XPathRegex
{
    private const int MaxCached = 4096;
    private static readonly ConcurrentDictionary<(string Pattern, string Flags, long Timeout), Regex?> s_cache = new();

    /// <summary>The compiled expression, or null when the pattern or flags are invalid.</summary>
    public static Regex? Get(string pattern, string flags, TimeSpan timeout)
    {
        var key = (pattern, flags, timeout.Ticks);
        if (s_cache.TryGetValue(key, out var cached)) return cached;
        var regex = Build(pattern, flags, timeout);
        if (s_cache.Count >= MaxCached) s_cache.Clear();
        s_cache[key] = regex;
        return regex;
    }

    private static Regex? Build(string pattern, string flags, TimeSpan timeout)
    {
        var options = RegexOptions.CultureInvariant;
        bool dotAll = false, multiline = false, extended = false, literal = false;
        foreach (char f in flags)
        {
            switch (f)
            {
                case 's': dotAll = true; break;
                case 'm': multiline = true; options |= RegexOptions.Multiline; break;
                case 'i': options |= RegexOptions.IgnoreCase; break;
                case 'x': extended = true; break;
                case 'q': literal = true; break;
                default: return null;
            }
        }
        string? translated = literal ? Regex.Escape(pattern) : Translate(pattern, dotAll, multiline, extended);
        if (translated is null) return null;
        try
        {
            return new Regex(translated, options, timeout);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Rewrites an XPath pattern for .NET: '.' excludes only \n and \r unless 's' is given; '$'
    /// without 'm' matches only at the very end; \i and \c become their character classes; with 'x'
    /// whitespace outside character classes is dropped. Constructs XPath lacks ((?…) groups other
    /// than (?:…)) are refused.
    /// </summary>
    private static string? Translate(string p, bool dotAll, bool multiline, bool extended)
    {
        var sb = new StringBuilder(p.Length + 8);
        int classDepth = 0;
        for (int i = 0; i < p.Length; i++)
        {
            char c = p[i];
            if (c == '\\')
            {
                if (i + 1 >= p.Length) return null;
                char e = p[++i];
                switch (e)
                {
                    case 'i': sb.Append(classDepth > 0 ? NameStartChars : "[" + NameStartChars + "]"); break;
                    case 'I': if (classDepth > 0) return null; sb.Append("[^" + NameStartChars + "]"); break;
                    case 'c': sb.Append(classDepth > 0 ? NameChars : "[" + NameChars + "]"); break;
                    case 'C': if (classDepth > 0) return null; sb.Append("[^" + NameChars + "]"); break;
                    default: sb.Append('\\').Append(e); break;
                }
                continue;
            }
            if (classDepth > 0)
            {
                if (c == '[') classDepth++;
                else if (c == ']') classDepth--;
                sb.Append(c);
                continue;
            }
            switch (c)
            {
                case ' ' or '\t' or '\n' or '\r' when extended:
                    break;
                case '[':
                    classDepth++;
                    sb.Append(c);
                    if (i + 1 < p.Length && p[i + 1] == '^') { sb.Append('^'); i++; }
                    if (i + 1 < p.Length && p[i + 1] == ']') return null; // empty class
                    break;
                case '.':
                    sb.Append(dotAll ? "[\\s\\S]" : "[^\\n\\r]");
                    break;
                case '$':
                    sb.Append(multiline ? "(?=\\n|\\z)" : "\\z");
                    break;
                case '(':
                    if (i + 1 < p.Length && p[i + 1] == '?' && !(i + 2 < p.Length && p[i + 2] == ':')) return null;
                    sb.Append(c);
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }
        return classDepth == 0 ? sb.ToString() : null;
    }

    /// <summary>XML NameStartChar, approximated by Unicode categories (XPath's \i).</summary>
    private const string NameStartChars = "\\p{L}\\p{Nl}_:";

    /// <summary>XML NameChar, approximated by Unicode categories (XPath's \c).</summary>
    private const string NameChars = "\\p{L}\\p{Nl}\\p{Nd}\\p{Mn}\\p{Mc}\\p{Pc}_:.\\-\\u00B7";

    /// <summary>
    /// Parses an fn:replace replacement string: <c>$N</c> refers to a group (digits taken while the
    /// number stays within the group count), <c>\$</c> and <c>\\</c> are literal; any other use of
    /// '\' or '$' is an error (FORX0004).
    /// </summary>
    public static bool TryParseReplacement(string replacement, int groupCount, out List<(string? Text, int Group)> parts)
    {
        parts = [];
        var text = new StringBuilder();
        for (int i = 0; i < replacement.Length; i++)
        {
            char c = replacement[i];
            if (c == '\\')
            {
                if (i + 1 >= replacement.Length || replacement[i + 1] is not ('\\' or '$')) return false;
                text.Append(replacement[++i]);
            }
            else if (c == '$')
            {
                if (i + 1 >= replacement.Length || !char.IsAsciiDigit(replacement[i + 1])) return false;
                int group = replacement[++i] - '0';
                while (i + 1 < replacement.Length && char.IsAsciiDigit(replacement[i + 1])
                       && group * 10 + (replacement[i + 1] - '0') <= groupCount)
                    group = group * 10 + (replacement[++i] - '0');
                if (text.Length > 0) { parts.Add((text.ToString(), -1)); text.Clear(); }
                parts.Add((null, group));
            }
            else
            {
                text.Append(c);
            }
        }
        if (text.Length > 0) parts.Add((text.ToString(), -1));
        return true;
    }
}
