using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Sparql.Evaluation;

/// <summary>
/// The evaluator's one door to expression evaluation (Query §17): values of expressions over a row
/// of ids, effective boolean values, the ORDER BY order and the arithmetic aggregates need.
/// EXISTS is answered by evaluating its pattern with the row substituted (§18.6).
/// </summary>
internal sealed class ExpressionHost
{
    private readonly EvaluationContext _context;
    private readonly Evaluator _evaluator;

    public ExpressionHost(EvaluationContext context, Evaluator evaluator)
    {
        _context = context;
        _evaluator = evaluator;
    }

    public Term? Evaluate(Expression e, int[] row, int graph)
    {
        if (e is VariableExpression v)
            return _context.TryGetSlot(v.Variable, out int slot) && row[slot] != 0 ? _context.Decode(row[slot]) : null;
        return StandInExpressions.Evaluate(e,
            variable => _context.TryGetSlot(variable, out int s) && row[s] != 0 ? _context.Decode(row[s]) : null,
            exists => exists.Algebra is not null && _evaluator.Exists(exists.Algebra, row, graph));
    }

    /// <summary>True when the expression's effective boolean value is true (errors are false, §17.2).</summary>
    public bool Test(Expression e, int[] row, int graph) => StandInExpressions.Ebv(Evaluate(e, row, graph)) == true;

    /// <summary>The ORDER BY order (§15.1), also used by MIN and MAX.</summary>
    public int Order(Term? a, Term? b) => StandInExpressions.Order(a, b);

    public Term? Add(Term a, Term b) => StandInExpressions.Arithmetic("+", a, b);

    public Term? Divide(Term a, Term b) => StandInExpressions.Arithmetic("/", a, b);
}
