using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Sparql.Evaluation.Expressions;

/// <summary>
/// Evaluates SPARQL expressions (Query §17) against one solution at a time. An expression error is
/// a value, not an exception: <see cref="Evaluate"/> returns null for both "unbound" and "error",
/// which is all the algebra needs (FILTER drops the row, BIND leaves the variable unbound, ORDER BY
/// sorts it first). Aggregates are not evaluated here; the Group operator computes them and the
/// expressions it hands over refer to their results by variable.
/// </summary>
/// <remarks>
/// One instance serves one query execution: it holds the query's NOW() value, its base IRI for
/// IRI(), the random source for RAND() and the per-solution blank nodes of BNODE(str). It is not
/// thread-safe; parallel operators use one instance per thread.
/// </remarks>
public sealed partial class ExpressionEvaluator
{
    private readonly Iri? _baseIri;
    private readonly Literal _now;
    private readonly Func<ExistsExpression, IBindingRow, bool>? _exists;
    private readonly TimeSpan _regexTimeout;
    private readonly Action? _regexTimedOut;
    private readonly Random _random;

    // The last REGEX pattern and flags (compared by reference: a constant argument is the same string
    // on every row), so a filter over many rows skips the shared cache's hashing of both strings.
    private string? _lastRegexPattern, _lastRegexFlags;
    private System.Text.RegularExpressions.Regex? _lastRegex;

    private readonly Dictionary<string, BlankNode> _solutionBlankNodes = new(StringComparer.Ordinal);
    private IBindingRow? _solutionRow;
    private bool _explicitSolutions;

    /// <summary>How long one REGEX match may run.</summary>
    internal TimeSpan RegexTimeout => _regexTimeout;

    /// <summary>Creates an evaluator for one query execution.</summary>
    /// <param name="baseIri">The query's base IRI, against which IRI()/URI() resolve relative references.</param>
    /// <param name="now">The value of NOW() for the whole query (§17.4.5.1); the current time if null.</param>
    /// <param name="exists">Evaluates EXISTS/NOT EXISTS patterns (§17.4.1.4) with the row's bindings
    /// substituted; without it, EXISTS is an error.</param>
    /// <param name="regexTimeout">Longest time one REGEX or REPLACE match may take before it is an error (default 2 s).</param>
    /// <param name="randomSeed">Seed for RAND(), for reproducible runs.</param>
    /// <param name="regexTimedOut">Called when a match timed out, before the expression becomes an error: a
    /// query checks its own clock there, so that a catastrophic pattern tried on row after row stops at
    /// the query's time limit instead of costing the match timeout once per row.</param>
    public ExpressionEvaluator(
        Iri? baseIri = null,
        DateTimeOffset? now = null,
        Func<ExistsExpression, IBindingRow, bool>? exists = null,
        TimeSpan? regexTimeout = null,
        int? randomSeed = null,
        Action? regexTimedOut = null)
    {
        _regexTimedOut = regexTimedOut;
        _baseIri = baseIri;
        _now = DateTimeValue.FromDateTimeOffset(now ?? DateTimeOffset.UtcNow).ToLiteral();
        _exists = exists;
        _regexTimeout = regexTimeout ?? TimeSpan.FromSeconds(2);
        if (_regexTimeout <= TimeSpan.Zero && _regexTimeout != System.Text.RegularExpressions.Regex.InfiniteMatchTimeout)
            throw new ArgumentOutOfRangeException(nameof(regexTimeout), regexTimeout, "The regex timeout must be positive.");
        _random = randomSeed is int seed ? new Random(seed) : new Random();
    }

    /// <summary>
    /// Marks the start of a new solution, so that BNODE(str) hands out fresh blank nodes (§17.4.2.9:
    /// the same node for the same string within one solution). Operators that evaluate several
    /// expressions over one solution (a chain of BINDs, a SELECT list) call it once per solution.
    /// Until it is first called, a new row object is taken to be a new solution.
    /// </summary>
    public void BeginSolution()
    {
        _explicitSolutions = true;
        _solutionBlankNodes.Clear();
    }

    /// <summary>The value of <paramref name="expression"/> for <paramref name="row"/>, or null for unbound or an error.</summary>
    public Term? Evaluate(Expression expression, IBindingRow row) => expression switch
    {
        VariableExpression v => row.Get(v.Variable),
        ConstantExpression c => c.Value,
        OperatorExpression o => EvaluateOperator(o, row),
        BuiltInCall b => EvaluateBuiltIn(b, row),
        FunctionCall f => EvaluateFunction(f, row),
        InExpression i => EvaluateIn(i, row),
        ExistsExpression e => _exists is null ? null : BooleanValue.Of(_exists(e, row) != e.Negated),
        _ => null, // aggregates are computed by the Group operator
    };

    /// <summary>
    /// The effective boolean value of <paramref name="expression"/> (§17.2.2), or null when it is an
    /// error. FILTER keeps a row only when this is true.
    /// </summary>
    public bool? EffectiveBooleanValue(Expression expression, IBindingRow row) => expression switch
    {
        OperatorExpression { Operator: "&&" or "||" or "!" } o => Logical(o, row),
        _ => BooleanValue.Effective(Evaluate(expression, row)),
    };

    /// <summary>True when the expression's effective boolean value is true: the FILTER test (§17).</summary>
    public bool Test(Expression expression, IBindingRow row) => EffectiveBooleanValue(expression, row) == true;

    /// <summary>The effective boolean value of a term (§17.2.2), or null when it has none.</summary>
    public static bool? EffectiveBooleanValue(Term? term) => BooleanValue.Effective(term);

    private Term? EvaluateOperator(OperatorExpression o, IBindingRow row)
    {
        var args = o.Arguments;
        switch (o.Operator)
        {
            case "&&" or "||" or "!":
                return Logical(o, row) is bool b ? BooleanValue.Of(b) : null;
            case "u-":
                return Evaluate(args[0], row) is Literal l && NumericValue.TryFromLiteral(l, out var n) ? n.Negate().ToLiteral() : null;
            case "u+":
                return Evaluate(args[0], row) is Literal p && NumericValue.TryFromLiteral(p, out var m) ? m.ToLiteral() : null;
        }
        if (IsArithmetic(args[0]) || IsArithmetic(args[1]))
        {
            // Nested arithmetic stays in the value layer: no intermediate literal is built and re-parsed.
            if (NumericOperation(o.Operator) is NumericValue.Operation op)
                return TryNumeric(o, row, out var value) ? value.ToLiteral() : null;
            if (TryNumeric(args[0], row, out var a) && TryNumeric(args[1], row, out var b))
                return CompareNumbers(o.Operator, a, b);
        }
        Term? left = Evaluate(args[0], row);
        if (left is null) return null;
        Term? right = Evaluate(args[1], row);
        if (right is null) return null;
        switch (o.Operator)
        {
            case "=":
                return TermComparer.ValueEquals(left, right) is bool eq ? BooleanValue.Of(eq) : null;
            case "!=":
                return TermComparer.ValueEquals(left, right) is bool ne ? BooleanValue.Of(!ne) : null;
            case "<": return Relational(left, right, c => c == Comparison.Less);
            case ">": return Relational(left, right, c => c == Comparison.Greater);
            case "<=": return Relational(left, right, c => c is Comparison.Less or Comparison.Equal);
            case ">=": return Relational(left, right, c => c is Comparison.Greater or Comparison.Equal);
            case "+": return Arithmetic(NumericValue.Operation.Add, left, right);
            case "-": return Arithmetic(NumericValue.Operation.Subtract, left, right);
            case "*": return Arithmetic(NumericValue.Operation.Multiply, left, right);
            case "/": return Arithmetic(NumericValue.Operation.Divide, left, right);
            default: return null;
        }
    }

    private static bool IsArithmetic(Expression e) =>
        e is OperatorExpression { Operator: "+" or "-" or "*" or "/" or "u-" or "u+" };

    private static NumericValue.Operation? NumericOperation(string op) => op switch
    {
        "+" => NumericValue.Operation.Add,
        "-" => NumericValue.Operation.Subtract,
        "*" => NumericValue.Operation.Multiply,
        "/" => NumericValue.Operation.Divide,
        _ => null,
    };

    /// <summary>
    /// Evaluates an expression that must yield a number, keeping arithmetic results as values.
    /// False when the expression is unbound, an error or not numeric.
    /// </summary>
    private bool TryNumeric(Expression e, IBindingRow row, out NumericValue value)
    {
        if (e is OperatorExpression { Arguments: var args } o)
        {
            switch (o.Operator)
            {
                case "u-":
                    if (!TryNumeric(args[0], row, out value)) return false;
                    value = value.Negate();
                    return true;
                case "u+":
                    return TryNumeric(args[0], row, out value);
                case "+" or "-" or "*" or "/":
                    value = default;
                    return TryNumeric(args[0], row, out var a) && TryNumeric(args[1], row, out var b)
                        && NumericValue.TryApply(NumericOperation(o.Operator)!.Value, a, b, out value);
            }
        }
        if (Evaluate(e, row) is Literal l && NumericValue.TryFromLiteral(l, out value)) return true;
        value = default;
        return false;
    }

    /// <summary>A relational operator on two numbers (op:numeric-equal, op:numeric-less-than, …).</summary>
    private static Literal? CompareNumbers(string op, in NumericValue a, in NumericValue b)
    {
        int? c = NumericValue.Compare(a, b);
        return op switch
        {
            "=" => BooleanValue.Of(c == 0),
            "!=" => BooleanValue.Of(c != 0),
            "<" => BooleanValue.Of(c < 0),
            ">" => BooleanValue.Of(c > 0),
            "<=" => BooleanValue.Of(c <= 0),
            ">=" => BooleanValue.Of(c >= 0),
            _ => null,
        };
    }

    private static Literal? Relational(Term left, Term right, Func<Comparison, bool> accept)
    {
        var c = TermComparer.ValueCompare(left, right);
        return c == Comparison.Error ? null : BooleanValue.Of(accept(c));
    }

    private static Literal? Arithmetic(NumericValue.Operation op, Term left, Term right)
    {
        if (left is Literal a && right is Literal b
            && NumericValue.TryFromLiteral(a, out var x) && NumericValue.TryFromLiteral(b, out var y)
            && NumericValue.TryApply(op, x, y, out var r))
            return r.ToLiteral();
        return null;
    }

    /// <summary>
    /// ||, &amp;&amp; and ! over effective boolean values with the error truth tables of §17.2:
    /// an error on one side of || is hidden by true on the other, of &amp;&amp; by false.
    /// </summary>
    private bool? Logical(OperatorExpression o, IBindingRow row)
    {
        var args = o.Arguments;
        switch (o.Operator)
        {
            case "!":
                return EffectiveBooleanValue(args[0], row) is bool v ? !v : null;
            case "||":
            {
                bool? l = EffectiveBooleanValue(args[0], row);
                if (l == true) return true;
                bool? r = EffectiveBooleanValue(args[1], row);
                if (r == true) return true;
                return l == false && r == false ? false : null;
            }
            default:
            {
                bool? l = EffectiveBooleanValue(args[0], row);
                if (l == false) return false;
                bool? r = EffectiveBooleanValue(args[1], row);
                if (r == false) return false;
                return l == true && r == true ? true : null;
            }
        }
    }

    /// <summary>
    /// IN / NOT IN (§17.4.1.9–10): true as soon as one member is equal; an error if no member is
    /// equal and some comparison was an error; otherwise false.
    /// </summary>
    private Literal? EvaluateIn(InExpression e, IBindingRow row)
    {
        Term? value = Evaluate(e.Operand, row);
        if (value is null) return null;
        bool error = false;
        foreach (var member in e.List)
        {
            Term? m = Evaluate(member, row);
            bool? eq = m is null ? null : TermComparer.ValueEquals(value, m);
            if (eq == true) return BooleanValue.Of(!e.Negated);
            if (eq is null) error = true;
        }
        return error ? null : BooleanValue.Of(e.Negated);
    }

    /// <summary>The blank node BNODE(str) returns for <paramref name="label"/> within the current solution.</summary>
    private BlankNode SolutionBlankNode(string label, IBindingRow row)
    {
        if (!_explicitSolutions && !ReferenceEquals(row, _solutionRow))
        {
            _solutionBlankNodes.Clear();
            _solutionRow = row;
        }
        if (!_solutionBlankNodes.TryGetValue(label, out var node))
        {
            node = BlankNode.CreateUnique();
            _solutionBlankNodes[label] = node;
        }
        return node;
    }
}
