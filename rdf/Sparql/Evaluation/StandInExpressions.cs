using System.Globalization;
using System.Text.RegularExpressions;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Sparql.Evaluation;

/// <summary>
/// A small expression evaluator used until the full one (Evaluation/Expressions) lands: variables,
/// constants, logical and comparison operators, arithmetic, BOUND, IF, COALESCE, type tests, STR,
/// LANG, DATATYPE, REGEX, sameTerm, IN and EXISTS. Null means error or unbound.
/// </summary>
internal static class StandInExpressions
{
    private static readonly Literal True = Literal.Typed("true", Vocabulary.Xsd.Boolean);
    private static readonly Literal False = Literal.Typed("false", Vocabulary.Xsd.Boolean);

    public static Term? Evaluate(Expression e, Func<Variable, Term?> get, Func<ExistsExpression, bool> exists)
    {
        switch (e)
        {
            case VariableExpression v: return get(v.Variable);
            case ConstantExpression c: return c.Value;
            case ExistsExpression x: return Bool(exists(x) != x.Negated);
            case InExpression i:
                {
                    Term? a = Evaluate(i.Operand, get, exists);
                    if (a is null) return null;
                    bool error = false;
                    foreach (Expression item in i.List)
                    {
                        bool? eq = Equal(a, Evaluate(item, get, exists));
                        if (eq == true) return Bool(!i.Negated);
                        if (eq is null) error = true;
                    }
                    return error ? null : Bool(i.Negated);
                }
            case OperatorExpression o: return Operator(o, get, exists);
            case BuiltInCall b: return BuiltIn(b, get, exists);
            default: return null;
        }
    }

    private static Term? Operator(OperatorExpression o, Func<Variable, Term?> get, Func<ExistsExpression, bool> exists)
    {
        Term? Arg(int i) => Evaluate(o.Arguments[i], get, exists);
        switch (o.Operator)
        {
            case "||":
                {
                    bool? a = Ebv(Arg(0)), b = Ebv(Arg(1));
                    if (a == true || b == true) return True;
                    return a is null || b is null ? null : False;
                }
            case "&&":
                {
                    bool? a = Ebv(Arg(0)), b = Ebv(Arg(1));
                    if (a == false || b == false) return False;
                    return a is null || b is null ? null : True;
                }
            case "!": return Ebv(Arg(0)) is bool v ? Bool(!v) : null;
            case "=": return Equal(Arg(0), Arg(1)) is bool eq ? Bool(eq) : null;
            case "!=": return Equal(Arg(0), Arg(1)) is bool ne ? Bool(!ne) : null;
            case "<": return Compare(Arg(0), Arg(1)) is int lt ? Bool(lt < 0) : null;
            case ">": return Compare(Arg(0), Arg(1)) is int gt ? Bool(gt > 0) : null;
            case "<=": return Compare(Arg(0), Arg(1)) is int le ? Bool(le <= 0) : null;
            case ">=": return Compare(Arg(0), Arg(1)) is int ge ? Bool(ge >= 0) : null;
            case "u-": return Arithmetic("-", Literal.Typed("0", Vocabulary.Xsd.Integer), Arg(0));
            case "u+": return Numeric(Arg(0)) is null ? null : Arg(0);
            default: return Arithmetic(o.Operator, Arg(0), Arg(1));
        }
    }

    private static Term? BuiltIn(BuiltInCall b, Func<Variable, Term?> get, Func<ExistsExpression, bool> exists)
    {
        Term? Arg(int i) => Evaluate(b.Arguments[i], get, exists);
        switch (b.Name)
        {
            case "BOUND": return Bool(Arg(0) is not null);
            case "IF": return Ebv(Arg(0)) switch { true => Arg(1), false => Arg(2), null => null };
            case "COALESCE":
                foreach (Expression a in b.Arguments)
                    if (Evaluate(a, get, exists) is Term t) return t;
                return null;
            case "ISIRI" or "ISURI": return Arg(0) is Term i ? Bool(i.IsIri) : null;
            case "ISBLANK": return Arg(0) is Term k ? Bool(k.IsBlankNode) : null;
            case "ISLITERAL": return Arg(0) is Term l ? Bool(l.IsLiteral) : null;
            case "SAMETERM": return Arg(0) is Term x && Arg(1) is Term y ? Bool(x.Equals(y)) : null;
            case "STR":
                return Arg(0) switch
                {
                    Iri iri => Literal.Simple(iri.Value),
                    Literal lit => Literal.Simple(lit.LexicalForm),
                    _ => null,
                };
            case "LANG": return Arg(0) is Literal ll ? Literal.Simple(ll.Language ?? "") : null;
            case "DATATYPE": return Arg(0) is Literal dl ? dl.Datatype : null;
            case "REGEX":
                {
                    if (Arg(0) is not Literal text || (text.Language is null && !text.IsSimple)) return null;
                    if (Arg(1) is not Literal pattern) return null;
                    string flags = b.Arguments.Count > 2 && Arg(2) is Literal f ? f.LexicalForm : "";
                    var options = RegexOptions.CultureInvariant;
                    if (flags.Contains('i')) options |= RegexOptions.IgnoreCase;
                    if (flags.Contains('s')) options |= RegexOptions.Singleline;
                    if (flags.Contains('m')) options |= RegexOptions.Multiline;
                    if (flags.Contains('x')) options |= RegexOptions.IgnorePatternWhitespace;
                    try { return Bool(Regex.IsMatch(text.LexicalForm, pattern.LexicalForm, options)); }
                    catch (ArgumentException) { return null; }
                }
            default: return null;
        }
    }

    private static Literal Bool(bool b) => b ? True : False;

    /// <summary>Effective boolean value (§17.2.2); null is a type error.</summary>
    public static bool? Ebv(Term? t)
    {
        if (t is not Literal l) return null;
        if (l.Datatype.Equals(Vocabulary.Xsd.Boolean)) return l.LexicalForm is "true" or "1";
        if (l.IsSimple) return l.LexicalForm.Length > 0;
        if (Numeric(l) is double d) return !(d == 0 || double.IsNaN(d));
        return null;
    }

    private static bool IsNumericType(Iri dt) =>
        dt.Equals(Vocabulary.Xsd.Integer) || dt.Equals(Vocabulary.Xsd.Decimal) || dt.Equals(Vocabulary.Xsd.Double)
        || dt.Equals(Vocabulary.Xsd.Float) || dt.Value.StartsWith(Vocabulary.Xsd.Namespace, StringComparison.Ordinal)
            && dt.Value.EndsWith("nteger", StringComparison.Ordinal);

    private static double? Numeric(Term? t) =>
        t is Literal l && IsNumericType(l.Datatype)
        && double.TryParse(l.LexicalForm, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : null;

    private static bool? Equal(Term? a, Term? b)
    {
        if (a is null || b is null) return null;
        if (Numeric(a) is double x && Numeric(b) is double y) return x == y;
        if (a.Equals(b)) return true;
        if (a is Literal la && b is Literal lb && !la.IsSimple && la.Language is null && !la.Datatype.Equals(lb.Datatype)
            && !la.Datatype.Equals(Vocabulary.Xsd.Boolean))
            return null;
        return false;
    }

    private static int? Compare(Term? a, Term? b)
    {
        if (Numeric(a) is double x && Numeric(b) is double y) return x.CompareTo(y);
        if (a is Literal la && b is Literal lb && la.Datatype.Equals(lb.Datatype) && la.Language == lb.Language
            && (la.IsSimple || la.Datatype.Equals(Vocabulary.Xsd.DateTime) || la.Datatype.Equals(Vocabulary.Xsd.Date)
                || la.Language is not null))
            return string.CompareOrdinal(la.LexicalForm, lb.LexicalForm);
        return null;
    }

    public static Term? Arithmetic(string op, Term? a, Term? b)
    {
        if (a is not Literal la || b is not Literal lb || Numeric(a) is not double x || Numeric(b) is not double y) return null;
        bool integers = la.Datatype.Value.EndsWith("nteger", StringComparison.Ordinal) && lb.Datatype.Value.EndsWith("nteger", StringComparison.Ordinal);
        bool dbl = la.Datatype.Equals(Vocabulary.Xsd.Double) || lb.Datatype.Equals(Vocabulary.Xsd.Double)
            || la.Datatype.Equals(Vocabulary.Xsd.Float) || lb.Datatype.Equals(Vocabulary.Xsd.Float);
        if (integers && op != "/")
        {
            long i = (long)x, j = (long)y;
            long r = op switch { "+" => i + j, "-" => i - j, _ => i * j };
            return Literal.Typed(r.ToString(CultureInfo.InvariantCulture), Vocabulary.Xsd.Integer);
        }
        if (dbl)
        {
            double r = op switch { "+" => x + y, "-" => x - y, "*" => x * y, _ => x / y };
            return Literal.Typed(r.ToString("R", CultureInfo.InvariantCulture), Vocabulary.Xsd.Double);
        }
        decimal m = (decimal)x, n = (decimal)y;
        if (op == "/" && n == 0) return null;
        decimal d = op switch { "+" => m + n, "-" => m - n, "*" => m * n, _ => m / n };
        string s = d.ToString(CultureInfo.InvariantCulture);
        if (!s.Contains('.')) s += ".0";
        return Literal.Typed(s, Vocabulary.Xsd.Decimal);
    }

    /// <summary>ORDER BY order (§15.1): unbound, blank nodes, IRIs, literals; literals by value where comparable.</summary>
    public static int Order(Term? a, Term? b)
    {
        if (a is null || b is null) return (a is null ? 0 : 1) - (b is null ? 0 : 1);
        int ka = Rank(a), kb = Rank(b);
        if (ka != kb) return ka.CompareTo(kb);
        if (Compare(a, b) is int c && c != 0) return c;
        return string.CompareOrdinal(a.ToString(), b.ToString());
    }

    private static int Rank(Term t) => t.Kind switch { TermKind.BlankNode => 1, TermKind.Iri => 2, _ => 3 };
}
