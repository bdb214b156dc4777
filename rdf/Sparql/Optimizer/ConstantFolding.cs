using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Sparql.Optimizer;

/// <summary>
/// Constant folding: a sub-expression over constants only is replaced by its value (Query §17),
/// computed by the evaluator's own expression semantics. An expression that raises an error is
/// left as written, so the error still happens where it did; RAND, NOW, UUID, STRUUID and BNODE are
/// never folded (a new value per call or per solution, §17.4), nor are EXISTS, aggregates or
/// extension functions. A filter condition folded to true is dropped.
/// </summary>
internal sealed class ConstantFolding : IOptimizerPass
{
    private static readonly HashSet<string> Unstable = ["RAND", "NOW", "UUID", "STRUUID", "BNODE"];

    public string Name => "constant-folding";

    public Op Rewrite(Op op, OptimizerContext context)
    {
        if (context.EvaluateConstant is not Func<Expression, Term?> evaluate) return op;
        return AlgebraRewriter.BottomUp(op, o => o switch
        {
            Filter f => FoldFilter(f, evaluate),
            Extend x => Fold(x.Expression, evaluate) is var e && !ReferenceEquals(e, x.Expression) ? x with { Expression = e } : x,
            LeftJoin { Condition: Expression c } l => Fold(c, evaluate) is var e && !ReferenceEquals(e, c) ? l with { Condition = e } : l,
            _ => o,
        });
    }

    private static Op FoldFilter(Filter f, Func<Expression, Term?> evaluate)
    {
        var conditions = new List<Expression>();
        bool changed = false;
        foreach (Expression c in f.Conditions)
        {
            Expression folded = Fold(c, evaluate);
            changed |= !ReferenceEquals(folded, c);
            if (folded is ConstantExpression { Value: Literal { LexicalForm: "true" or "1" } l } && l.Datatype.Equals(Vocabulary.Xsd.Boolean))
            {
                changed = true;
                continue;
            }
            conditions.Add(folded);
        }
        if (!changed) return f;
        return conditions.Count == 0 ? f.Input : f with { Conditions = conditions };
    }

    /// <summary>The expression with its constant sub-expressions replaced by their values.</summary>
    public static Expression Fold(Expression e, Func<Expression, Term?> evaluate)
    {
        Expression rebuilt = e switch
        {
            OperatorExpression o => FoldArguments(o.Arguments, evaluate) is { } a ? o with { Arguments = a } : o,
            BuiltInCall b => FoldArguments(b.Arguments, evaluate) is { } a ? b with { Arguments = a } : b,
            FunctionCall f => FoldArguments(f.Arguments, evaluate) is { } a ? f with { Arguments = a } : f,
            InExpression i => (Fold(i.Operand, evaluate), FoldArguments(i.List, evaluate)) switch
            {
                (var x, null) when ReferenceEquals(x, i.Operand) => i,
                (var x, var list) => i with { Operand = x, List = list ?? i.List },
            },
            _ => e,
        };
        if (rebuilt is ConstantExpression || !Foldable(rebuilt)) return rebuilt;
        // An error leaves the expression as written: it must still raise the error at run time.
        return evaluate(rebuilt) is Term value and (Iri or Literal) ? new ConstantExpression(value) : rebuilt;
    }

    /// <summary>The folded arguments, or null when none changed.</summary>
    private static List<Expression>? FoldArguments(IReadOnlyList<Expression> arguments, Func<Expression, Term?> evaluate)
    {
        List<Expression>? result = null;
        for (int i = 0; i < arguments.Count; i++)
        {
            Expression folded = Fold(arguments[i], evaluate);
            if (result is null && ReferenceEquals(folded, arguments[i])) continue;
            result ??= [.. arguments.Take(i)];
            result.Add(folded);
        }
        return result;
    }

    /// <summary>Whether an operator, call or IN has only constant operands and a value fixed for the query.</summary>
    private static bool Foldable(Expression e) => e switch
    {
        OperatorExpression o => o.Arguments.All(a => a is ConstantExpression),
        BuiltInCall b => !Unstable.Contains(b.Name) && b.Arguments.All(a => a is ConstantExpression),
        FunctionCall f => f.Function.Value.StartsWith(Vocabulary.Xsd.Namespace, StringComparison.Ordinal) && !f.Distinct
            && f.Arguments.All(a => a is ConstantExpression),
        InExpression i => i.Operand is ConstantExpression && i.List.All(a => a is ConstantExpression),
        _ => false,
    };
}
