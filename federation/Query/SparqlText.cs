using System.Globalization;
using System.Text;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Federation.Query;

/// <summary>
/// Writes a SERVICE pattern's algebra back as SPARQL text (<c>SELECT * WHERE { … }</c>) for the peer's
/// Query rpc. Every operator gets its own group, so scoping is the algebra's: <c>{A} {B}</c> joins,
/// <c>OPTIONAL</c>, <c>UNION</c>, <c>MINUS</c>, <c>GRAPH</c>, <c>BIND</c>, <c>VALUES</c>, sub-SELECTs with
/// projection, DISTINCT, ORDER BY and slices. Blank nodes and internal variables become plain variables.
/// Grouping (aggregates) inside a SERVICE is not sent: <see cref="NotSupportedException"/>.
/// </summary>
public static class SparqlText
{
    public static string SelectAll(Op pattern) => Write("SELECT * ", null, pattern);

    /// <summary><c>SELECT * FROM &lt;from&gt; WHERE { … }</c>: the pattern over one graph of the peer (its own hubs, in network mode).</summary>
    public static string SelectAll(Op pattern, Iri? from) => Write("SELECT * ", from, pattern);

    /// <summary><c>ASK [FROM &lt;from&gt;] WHERE { … }</c>: a source-selection probe.</summary>
    public static string Ask(Op pattern, Iri? from = null) => Write("ASK ", from, pattern);

    /// <summary>A trailing <c>VALUES</c> clause (Query §10.2.2) binding <paramref name="variables"/> (wire names) row by row.</summary>
    public static string Values(IReadOnlyList<string> variables, IEnumerable<Term?[]> rows)
    {
        var sb = new StringBuilder("\nVALUES (");
        foreach (string v in variables) sb.Append(" ?").Append(v);
        sb.Append(" ) {");
        foreach (var row in rows)
        {
            sb.Append("\n (");
            foreach (var cell in row) { sb.Append(' '); if (cell is null) sb.Append("UNDEF"); else Term(sb, cell); }
            sb.Append(" )");
        }
        return sb.Append("\n}").ToString();
    }

    private static string Write(string head, Iri? from, Op pattern)
    {
        var sb = new StringBuilder(head);
        if (from is not null) sb.Append("FROM <").Append(from.Value).Append("> ");
        sb.Append("WHERE ");
        Group(sb, pattern);
        return sb.ToString();
    }

    private static void Group(StringBuilder sb, Op op)
    {
        sb.Append("{ ");
        Inner(sb, op);
        sb.Append(" }");
    }

    private static void Inner(StringBuilder sb, Op op)
    {
        switch (op)
        {
            case Bgp b:
                foreach (var t in b.Triples)
                {
                    Term(sb, t.Subject); sb.Append(' ');
                    Term(sb, t.Predicate); sb.Append(' ');
                    Term(sb, t.Obj); sb.Append(" . ");
                }
                break;
            case PathOp p:
                Term(sb, p.Subject); sb.Append(' ');
                Path(sb, p.Path); sb.Append(' ');
                Term(sb, p.Obj); sb.Append(" . ");
                break;
            case Join j:
                Group(sb, j.Left); sb.Append(' ');
                Group(sb, j.Right);
                break;
            case LeftJoin l:
                Group(sb, l.Left);
                sb.Append(" OPTIONAL { ");
                Group(sb, l.Right);
                if (l.Condition is not null) { sb.Append(" FILTER ("); Expr(sb, l.Condition); sb.Append(')'); }
                sb.Append(" }");
                break;
            case Filter f:
                Group(sb, f.Input);
                foreach (var c in f.Conditions) { sb.Append(" FILTER ("); Expr(sb, c); sb.Append(')'); }
                break;
            case Union u:
                Group(sb, u.Left); sb.Append(" UNION "); Group(sb, u.Right);
                break;
            case Minus m:
                Group(sb, m.Left); sb.Append(" MINUS "); Group(sb, m.Right);
                break;
            case Graph g:
                sb.Append("GRAPH "); Term(sb, g.Name); sb.Append(' '); Group(sb, g.Input);
                break;
            case Service s:
                sb.Append("SERVICE ").Append(s.Silent ? "SILENT " : ""); Term(sb, s.Endpoint); sb.Append(' '); Group(sb, s.Input);
                break;
            case Extend e:
                Group(sb, e.Input);
                sb.Append(" BIND ("); Expr(sb, e.Expression); sb.Append(" AS "); Term(sb, e.Variable); sb.Append(')');
                break;
            case Table t:
                Values(sb, t);
                break;
            case ToMultiset m:
                SubSelect(sb, m.Input);
                break;
            default:
                throw new NotSupportedException($"a SERVICE pattern with {op.GetType().Name} cannot be sent to a peer");
        }
    }

    private static void SubSelect(StringBuilder sb, Op op)
    {
        long? offset = null, limit = null;
        if (op is Slice s) { offset = s.Offset; limit = s.Limit; op = s.Input; }
        string modifier = "";
        if (op is Distinct d) { modifier = "DISTINCT "; op = d.Input; }
        else if (op is Reduced r) { modifier = "REDUCED "; op = r.Input; }
        IReadOnlyList<Variable>? vars = null;
        if (op is Project p) { vars = p.Variables; op = p.Input; }
        IReadOnlyList<OrderCondition>? order = null;
        if (op is OrderBy o) { order = o.Conditions; op = o.Input; }
        sb.Append("{ SELECT ").Append(modifier);
        if (vars is null || vars.Count == 0) sb.Append('*');
        else foreach (var v in vars) { Term(sb, v); sb.Append(' '); }
        sb.Append(" WHERE ");
        Group(sb, op);
        if (order is not null)
        {
            sb.Append(" ORDER BY");
            foreach (var c in order) { sb.Append(c.Descending ? " DESC(" : " ASC("); Expr(sb, c.Expression); sb.Append(')'); }
        }
        if (limit is long lim) sb.Append(" LIMIT ").Append(lim.ToString(CultureInfo.InvariantCulture));
        if (offset is long off) sb.Append(" OFFSET ").Append(off.ToString(CultureInfo.InvariantCulture));
        sb.Append(" }");
    }

    private static void Values(StringBuilder sb, Table t)
    {
        sb.Append("VALUES (");
        foreach (var v in t.Variables) { sb.Append(' '); Term(sb, v); }
        sb.Append(" ) {");
        foreach (var row in t.Rows)
        {
            sb.Append(" (");
            foreach (var cell in row) { sb.Append(' '); if (cell is null) sb.Append("UNDEF"); else Term(sb, cell); }
            sb.Append(" )");
        }
        sb.Append(" }");
    }

    private static void Term(StringBuilder sb, Term term)
    {
        switch (term)
        {
            case Variable v: sb.Append('?').Append(VariableName(v.Name)); break;
            case BlankNode b: sb.Append("?b_").Append(VariableName(b.Label)); break;
            default: sb.Append(term.ToString()); break;
        }
    }

    /// <summary>A name SPARQL accepts (VARNAME): internal names ("?P0", ".0", "_:b") are spelled out in hex.</summary>
    internal static string VariableName(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? name : "x_" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(name));

    private static void Path(StringBuilder sb, PropertyPath path)
    {
        switch (path)
        {
            case LinkPath l: sb.Append(l.Iri); break;
            case InversePath i: sb.Append("^("); Path(sb, i.Path); sb.Append(')'); break;
            case SequencePath s: sb.Append('('); Path(sb, s.Left); sb.Append(" / "); Path(sb, s.Right); sb.Append(')'); break;
            case AlternativePath a: sb.Append('('); Path(sb, a.Left); sb.Append(" | "); Path(sb, a.Right); sb.Append(')'); break;
            case ZeroOrMorePath z: sb.Append('('); Path(sb, z.Path); sb.Append(")*"); break;
            case OneOrMorePath o: sb.Append('('); Path(sb, o.Path); sb.Append(")+"); break;
            case ZeroOrOnePath q: sb.Append('('); Path(sb, q.Path); sb.Append(")?"); break;
            case NegatedPropertySet n:
                sb.Append("!(").Append(string.Join(" | ", n.Forward.Select(i => i.ToString()).Concat(n.Inverse.Select(i => "^" + i)))).Append(')');
                break;
            default: throw new NotSupportedException("path " + path);
        }
    }

    private static void Expr(StringBuilder sb, Expression e)
    {
        switch (e)
        {
            case VariableExpression v: Term(sb, v.Variable); break;
            case ConstantExpression c: Term(sb, c.Value); break;
            case OperatorExpression o when o.Arguments.Count == 1:
                sb.Append('(').Append(o.Operator switch { "u+" => "+", "u-" => "-", var x => x });
                Expr(sb, o.Arguments[0]); sb.Append(')');
                break;
            case OperatorExpression o:
                sb.Append('(');
                for (int i = 0; i < o.Arguments.Count; i++) { if (i > 0) sb.Append(' ').Append(o.Operator).Append(' '); Expr(sb, o.Arguments[i]); }
                sb.Append(')');
                break;
            case BuiltInCall b:
                sb.Append(b.Name).Append('('); List(sb, b.Arguments); sb.Append(')');
                break;
            case FunctionCall f:
                sb.Append(f.Function).Append('(').Append(f.Distinct ? "DISTINCT " : ""); List(sb, f.Arguments); sb.Append(')');
                break;
            case InExpression i:
                sb.Append('('); Expr(sb, i.Operand); sb.Append(i.Negated ? " NOT IN (" : " IN ("); List(sb, i.List); sb.Append("))");
                break;
            case ExistsExpression x when x.Algebra is not null:
                sb.Append(x.Negated ? "NOT EXISTS " : "EXISTS "); Group(sb, x.Algebra);
                break;
            default:
                throw new NotSupportedException($"the expression {e} cannot be sent to a peer");
        }
    }

    private static void List(StringBuilder sb, IReadOnlyList<Expression> args)
    {
        for (int i = 0; i < args.Count; i++) { if (i > 0) sb.Append(", "); Expr(sb, args[i]); }
    }
}
