using System.Text;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Syntax;

/// <summary>
/// Prints algebra, expressions and paths as S-expressions in the style of SPARQL's SSE notation:
/// <c>(project (?s) (filter (= ?o 1) (bgp (triple ?s ?p ?o))))</c>. Output is on one line so tests
/// can compare it as a string.
/// </summary>
public static class SsePrinter
{
    public static string Print(Op op)
    {
        var sb = new StringBuilder();
        Write(sb, op);
        return sb.ToString();
    }

    public static string Print(Expression e)
    {
        var sb = new StringBuilder();
        Write(sb, e);
        return sb.ToString();
    }

    public static string Print(PropertyPath p)
    {
        var sb = new StringBuilder();
        Write(sb, p);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, Term? t) => sb.Append(t is null ? "UNDEF" : t.ToString());

    private static void Write(StringBuilder sb, Op op)
    {
        switch (op)
        {
            case Bgp b:
                sb.Append("(bgp");
                foreach (TriplePattern t in b.Triples)
                {
                    sb.Append(" (triple ");
                    Write(sb, t.Subject); sb.Append(' ');
                    Write(sb, t.Predicate); sb.Append(' ');
                    Write(sb, t.Obj); sb.Append(')');
                }
                sb.Append(')');
                break;
            case PathOp p:
                sb.Append("(path ");
                Write(sb, p.Subject); sb.Append(' ');
                Write(sb, p.Path); sb.Append(' ');
                Write(sb, p.Obj); sb.Append(')');
                break;
            case Join j: Binary(sb, "join", j.Left, j.Right); break;
            case LeftJoin l:
                sb.Append("(leftjoin ");
                Write(sb, l.Left); sb.Append(' ');
                Write(sb, l.Right);
                if (l.Condition is not null) { sb.Append(' '); Write(sb, l.Condition); }
                sb.Append(')');
                break;
            case Filter f:
                sb.Append("(filter ");
                if (f.Conditions.Count == 1) Write(sb, f.Conditions[0]);
                else
                {
                    sb.Append("(exprlist");
                    foreach (Expression e in f.Conditions) { sb.Append(' '); Write(sb, e); }
                    sb.Append(')');
                }
                sb.Append(' ');
                Write(sb, f.Input);
                sb.Append(')');
                break;
            case Union u: Binary(sb, "union", u.Left, u.Right); break;
            case Minus m: Binary(sb, "minus", m.Left, m.Right); break;
            case Graph g:
                sb.Append("(graph ");
                Write(sb, g.Name); sb.Append(' ');
                Write(sb, g.Input); sb.Append(')');
                break;
            case Service s:
                sb.Append(s.Silent ? "(service silent " : "(service ");
                Write(sb, s.Endpoint); sb.Append(' ');
                Write(sb, s.Input); sb.Append(')');
                break;
            case Extend x:
                sb.Append("(extend ((");
                Write(sb, x.Variable); sb.Append(' ');
                Write(sb, x.Expression); sb.Append(")) ");
                Write(sb, x.Input); sb.Append(')');
                break;
            case Table t:
                if (t.Variables.Count == 0 && t.Rows.Count == 1) { sb.Append("(table unit)"); break; }
                sb.Append("(table (vars");
                foreach (Variable v in t.Variables) sb.Append(' ').Append(v);
                sb.Append(')');
                foreach (IReadOnlyList<Term?> row in t.Rows)
                {
                    sb.Append(" (row");
                    for (int i = 0; i < row.Count; i++)
                    {
                        if (row[i] is null) continue;
                        sb.Append(" [").Append(t.Variables[i]).Append(' ');
                        Write(sb, row[i]);
                        sb.Append(']');
                    }
                    sb.Append(')');
                }
                sb.Append(')');
                break;
            case ToMultiset m:
                sb.Append("(tomultiset ");
                Write(sb, m.Input);
                sb.Append(')');
                break;
            case Group g:
                sb.Append("(group (");
                for (int i = 0; i < g.Keys.Count; i++)
                {
                    if (i > 0) sb.Append(' ');
                    GroupKey k = g.Keys[i];
                    if (k.Expression is VariableExpression ve && (k.Variable is null || k.Variable.Equals(ve.Variable))) Write(sb, ve.Variable);
                    else if (k.Variable is null) Write(sb, k.Expression);
                    else { sb.Append('('); Write(sb, k.Variable); sb.Append(' '); Write(sb, k.Expression); sb.Append(')'); }
                }
                sb.Append(") (");
                for (int i = 0; i < g.Aggregates.Count; i++)
                {
                    if (i > 0) sb.Append(' ');
                    sb.Append('(');
                    Write(sb, g.Aggregates[i].Variable); sb.Append(' ');
                    Write(sb, g.Aggregates[i].Aggregate); sb.Append(')');
                }
                sb.Append(") ");
                Write(sb, g.Input);
                sb.Append(')');
                break;
            case OrderBy o:
                sb.Append("(order (");
                for (int i = 0; i < o.Conditions.Count; i++)
                {
                    if (i > 0) sb.Append(' ');
                    if (o.Conditions[i].Descending) { sb.Append("(desc "); Write(sb, o.Conditions[i].Expression); sb.Append(')'); }
                    else Write(sb, o.Conditions[i].Expression);
                }
                sb.Append(") ");
                Write(sb, o.Input);
                sb.Append(')');
                break;
            case Project p:
                sb.Append("(project (");
                sb.AppendJoin(' ', p.Variables);
                sb.Append(") ");
                Write(sb, p.Input);
                sb.Append(')');
                break;
            case Distinct d: sb.Append("(distinct "); Write(sb, d.Input); sb.Append(')'); break;
            case Reduced r: sb.Append("(reduced "); Write(sb, r.Input); sb.Append(')'); break;
            case Slice s:
                sb.Append("(slice ").Append(s.Offset?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "_")
                  .Append(' ').Append(s.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "_").Append(' ');
                Write(sb, s.Input);
                sb.Append(')');
                break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op.GetType().Name);
        }
    }

    private static void Binary(StringBuilder sb, string name, Op a, Op b)
    {
        sb.Append('(').Append(name).Append(' ');
        Write(sb, a); sb.Append(' ');
        Write(sb, b); sb.Append(')');
    }

    private static void Call(StringBuilder sb, string name, IEnumerable<Expression> args)
    {
        sb.Append('(').Append(name);
        foreach (Expression a in args) { sb.Append(' '); Write(sb, a); }
        sb.Append(')');
    }

    private static void Write(StringBuilder sb, Expression e)
    {
        switch (e)
        {
            case VariableExpression v: Write(sb, v.Variable); break;
            case ConstantExpression c: Write(sb, c.Value); break;
            case OperatorExpression o:
                Call(sb, o.Operator switch { "u-" => "-", "u+" => "+", _ => o.Operator }, o.Arguments);
                break;
            case BuiltInCall b: Call(sb, b.Name.ToLowerInvariant(), b.Arguments); break;
            case FunctionCall f:
                sb.Append('(').Append(f.Function.ToString());
                if (f.Distinct) sb.Append(" distinct");
                foreach (Expression a in f.Arguments) { sb.Append(' '); Write(sb, a); }
                sb.Append(')');
                break;
            case InExpression i: Call(sb, i.Negated ? "notin" : "in", [i.Operand, .. i.List]); break;
            case ExistsExpression x:
                sb.Append(x.Negated ? "(notexists " : "(exists ");
                if (x.Algebra is not null) Write(sb, x.Algebra);
                else sb.Append("{…}");
                sb.Append(')');
                break;
            case AggregateExpression a:
                sb.Append('(').Append(a.Name.ToLowerInvariant());
                if (a.Distinct) sb.Append(" distinct");
                if (a.Separator is not null)
                {
                    sb.Append(" (separator \"");
                    Literal.AppendEscaped(sb, a.Separator);
                    sb.Append("\")");
                }
                if (a.Argument is not null) { sb.Append(' '); Write(sb, a.Argument); }
                sb.Append(')');
                break;
            default: throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name);
        }
    }

    private static void Write(StringBuilder sb, PropertyPath p)
    {
        switch (p)
        {
            case LinkPath l: Write(sb, l.Iri); break;
            case InversePath i: sb.Append("(reverse "); Write(sb, i.Path); sb.Append(')'); break;
            case SequencePath s: sb.Append("(seq "); Write(sb, s.Left); sb.Append(' '); Write(sb, s.Right); sb.Append(')'); break;
            case AlternativePath a: sb.Append("(alt "); Write(sb, a.Left); sb.Append(' '); Write(sb, a.Right); sb.Append(')'); break;
            case ZeroOrMorePath z: sb.Append("(path* "); Write(sb, z.Path); sb.Append(')'); break;
            case OneOrMorePath o: sb.Append("(path+ "); Write(sb, o.Path); sb.Append(')'); break;
            case ZeroOrOnePath q: sb.Append("(path? "); Write(sb, q.Path); sb.Append(')'); break;
            case NegatedPropertySet n:
                sb.Append("(notoneof");
                foreach (Iri f in n.Forward) sb.Append(' ').Append(f.ToString());
                foreach (Iri r in n.Inverse) sb.Append(" (reverse ").Append(r.ToString()).Append(')');
                sb.Append(')');
                break;
            default: throw new ArgumentOutOfRangeException(nameof(p), p.GetType().Name);
        }
    }
}
