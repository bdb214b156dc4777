using System.Text;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Evaluation.Expressions;

/// <summary>
/// The value arithmetic behind the set functions of §18.5.1 (SUM, AVG, MIN, MAX, GROUP_CONCAT),
/// for the Group operator. Iteration, DISTINCT and grouping are the operator's business; these
/// helpers only combine values. Null means an error, which makes the aggregate unbound.
/// </summary>
internal static class AggregateValues
{
    /// <summary>The sum of no values (§18.5.1.3): "0"^^xsd:integer.</summary>
    public static readonly Literal Zero = Literal.Typed("0", XsdTypes.Integer);

    /// <summary>
    /// A running sum (op:numeric-add with promotion). Start from <see cref="Zero"/>; once a value
    /// is not numeric the sum is an error for good.
    /// </summary>
    public sealed class Sum
    {
        private NumericValue _total = NumericValue.FromInteger(0);
        private bool _error;

        public void Add(Term? value)
        {
            if (_error) return;
            if (value is not Literal l || !NumericValue.TryFromLiteral(l, out var n)
                || !NumericValue.TryApply(NumericValue.Operation.Add, _total, n, out var total))
                _error = true;
            else _total = total; // not "out _total": the in and out arguments would alias
        }

        /// <summary>The sum so far, or null after an error.</summary>
        public Literal? Result => _error ? null : _total.ToLiteral();

        /// <summary>
        /// AVG (§18.5.1.4): the sum divided by the count with op:numeric-divide (so integers give a
        /// decimal); the average of no values is "0"^^xsd:integer.
        /// </summary>
        public Literal? Average(long count)
        {
            if (_error) return null;
            if (count == 0) return Zero;
            return NumericValue.TryApply(NumericValue.Operation.Divide, _total, NumericValue.FromInteger(count), out var avg)
                ? avg.ToLiteral()
                : null;
        }
    }

    /// <summary>MIN (§18.5.1.5): the lesser term in ORDER BY order; null inputs (errors) are skipped.</summary>
    public static Term? Min(Term? current, Term? candidate) =>
        current is null ? candidate : candidate is null ? current : TermComparer.Order(candidate, current) < 0 ? candidate : current;

    /// <summary>MAX (§18.5.1.6): the greater term in ORDER BY order; null inputs (errors) are skipped.</summary>
    public static Term? Max(Term? current, Term? candidate) =>
        current is null ? candidate : candidate is null ? current : TermComparer.Order(candidate, current) > 0 ? candidate : current;

    /// <summary>
    /// GROUP_CONCAT (§18.5.1.7): the lexical forms joined by the separator, always as a simple
    /// literal (language tags are dropped even when all values share one, as the W3C tests expect).
    /// Any value that is not a literal, or unbound, is an error.
    /// </summary>
    public static Literal? GroupConcat(IEnumerable<Term?> values, string separator)
    {
        var sb = new StringBuilder();
        bool first = true;
        foreach (var v in values)
        {
            if (v is not Literal l) return null;
            if (!first) sb.Append(separator);
            sb.Append(l.LexicalForm);
            first = false;
        }
        return Literal.Simple(sb.ToString());
    }
}
