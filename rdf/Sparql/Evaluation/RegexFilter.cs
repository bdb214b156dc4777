using System.Text;
using System.Text.RegularExpressions;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation.Expressions;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Rdf.Store;

namespace DihNode.Rdf.Sparql.Evaluation;

/// <summary>
/// FILTER(REGEX(?v, "pattern"[, "flags"])) with constant pattern and flags (Query §17.4.3.14), tested
/// on the stored text of ?v: the regex is looked up once, and a row's literal is matched from its
/// UTF-8 bytes decoded into a reused buffer, with no term made per row.
/// </summary>
internal sealed class RegexFilter
{
    /// <summary>Rows matched by the interpreter before the regex is compiled to IL (once per process, then shared).</summary>
    private const int CompileAfter = 4096;

    /// <summary>Compiled copies of the regexes that were tested often, by pattern, options and timeout.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, RegexOptions, TimeSpan), Regex> s_compiled = new();

    private readonly int _slot;
    private Regex _regex;
    private int _tested;
    private readonly ITermText _text;
    private char[] _buffer = new char[256];

    private RegexFilter(int slot, Regex regex, ITermText text)
    {
        _slot = slot;
        _regex = regex;
        _text = text;
    }

    /// <summary>The fast test for <paramref name="e"/>, or null when it is not of that shape (or the store cannot give text).</summary>
    public static RegexFilter? TryCreate(Expression e, EvaluationContext context, TimeSpan timeout)
    {
        if (context.Store is not ITermText text) return null;
        if (e is not BuiltInCall call || !string.Equals(call.Name, "REGEX", StringComparison.OrdinalIgnoreCase)
            || call.Arguments.Count is not (2 or 3)
            || call.Arguments[0] is not VariableExpression v
            || call.Arguments[1] is not ConstantExpression pattern || !XsdTypes.IsStringLiteral(pattern.Value))
            return null;
        string flags = "";
        if (call.Arguments.Count == 3)
        {
            if (call.Arguments[2] is not ConstantExpression { Value: var f } || !XsdTypes.IsStringLiteral(f)) return null;
            flags = ((Literal)f).LexicalForm;
        }
        if (!context.TryGetSlot(v.Variable, out int slot)) return null;
        Regex? regex = XPathRegex.Get(((Literal)pattern.Value).LexicalForm, flags, timeout);
        return regex is null ? null : new RegexFilter(slot, regex, text);
    }

    /// <summary>
    /// The filter's outcome for <paramref name="row"/>, or null when the general evaluator must decide
    /// (an id the store does not hold). Unbound and non-string values are errors, so false (§17.2).
    /// </summary>
    public bool? Test(int[] row)
    {
        if (_slot >= row.Length) return null;
        int id = row[_slot];
        if (id == 0) return false;
        if (id < 0) return null;
        if (!_text.TryGetStringLiteral(id, out ReadOnlySpan<byte> utf8)) return false;
        int max = Encoding.UTF8.GetMaxCharCount(utf8.Length);
        if (_buffer.Length < max) _buffer = new char[Math.Max(max, _buffer.Length * 2)];
        int length = Encoding.UTF8.GetChars(utf8, _buffer);
        if (++_tested == CompileAfter) _regex = Compiled(_regex);
        try
        {
            return _regex.IsMatch(_buffer.AsSpan(0, length));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// The regex compiled to IL: costs milliseconds once, then matches several times faster than the
    /// interpreter; worth it only for a regex tested over many rows, hence after
    /// <see cref="CompileAfter"/> of them.
    /// </summary>
    private static Regex Compiled(Regex regex)
    {
        if ((regex.Options & RegexOptions.Compiled) != 0) return regex;
        return s_compiled.GetOrAdd((regex.ToString(), regex.Options, regex.MatchTimeout),
            key => new Regex(key.Item1, key.Item2 | RegexOptions.Compiled, key.Item3));
    }
}
