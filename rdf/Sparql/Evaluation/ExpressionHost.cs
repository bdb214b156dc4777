using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation.Expressions;
using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Sparql.Evaluation;

/// <summary>
/// The operators' one door to expression evaluation (Query §17): values of expressions over a row
/// of ids (terms decoded only when an expression reads them), FILTER tests, and the ORDER BY order.
/// EXISTS is answered by evaluating its pattern with the row substituted (§18.6), in the active graph.
/// </summary>
internal sealed class ExpressionHost
{
    private readonly EvaluationContext _context;
    private readonly Evaluator _evaluator;
    private readonly ExpressionEvaluator _expressions;
    private readonly RowView _view;
    private readonly Dictionary<Expression, RegexFilter?> _regexFilters = new(ReferenceEqualityComparer.Instance);

    public ExpressionHost(EvaluationContext context, Evaluator evaluator, Iri? baseIri)
    {
        _context = context;
        _evaluator = evaluator;
        _view = new RowView(context);
        _expressions = new ExpressionEvaluator(baseIri, context.Now, Exists, context.RegexTimeout, regexTimedOut: context.CheckLimits);
    }

    public Term? Evaluate(Expression e, int[] row, int graph)
    {
        if (e is VariableExpression v)
            return _context.TryGetSlot(v.Variable, out int slot) && row[slot] != 0 ? _context.Decode(row[slot]) : null;
        RowView view = Enter(row, graph, out int[] savedRow, out int savedGraph);
        try { return _expressions.Evaluate(e, view); }
        finally { view.Row = savedRow; view.Graph = savedGraph; }
    }

    /// <summary>True when the expression's effective boolean value is true (errors are false, §17.2).</summary>
    public bool Test(Expression e, int[] row, int graph)
    {
        if (!_regexFilters.TryGetValue(e, out RegexFilter? regex))
            _regexFilters[e] = regex = RegexFilter.TryCreate(e, _context, _expressions.RegexTimeout);
        if (regex?.Test(row) is bool outcome) return outcome;
        RowView view = Enter(row, graph, out int[] savedRow, out int savedGraph);
        try { return _expressions.Test(e, view); }
        finally { view.Row = savedRow; view.Graph = savedGraph; }
    }

    /// <summary>Marks a new solution (fresh BNODE(str) nodes per solution, §17.4.2.9).</summary>
    public void BeginSolution() => _expressions.BeginSolution();

    /// <summary>The ORDER BY order (§15.1), also used by MIN and MAX.</summary>
    public static int Order(Term? a, Term? b) => TermComparer.Order(a, b);

    private RowView Enter(int[] row, int graph, out int[] savedRow, out int savedGraph)
    {
        // EXISTS inside an expression re-enters evaluation, which may evaluate nested expressions with
        // the same view; the previous row is restored afterwards.
        savedRow = _view.Row;
        savedGraph = _view.Graph;
        _view.Row = row;
        _view.Graph = graph;
        return _view;
    }

    private bool Exists(ExistsExpression exists, IBindingRow row)
    {
        if (exists.Algebra is null) return false;
        var view = (RowView)row;
        return _evaluator.Exists(exists.Algebra, view.Row, view.Graph);
    }

    /// <summary>A row of ids seen as bindings of terms.</summary>
    private sealed class RowView(EvaluationContext context) : IBindingRow
    {
        public int[] Row = [];
        public int Graph;

        public Term? Get(Variable variable) =>
            context.TryGetSlot(variable, out int slot) && slot < Row.Length && Row[slot] != 0 ? context.Decode(Row[slot]) : null;
    }
}
