using System.Collections.Frozen;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Syntax;

/// <summary>Expressions, built-in calls and aggregates (Query §19.8 [110]–[128]).</summary>
internal sealed partial class QueryTextParser
{
    /// <summary>Built-in functions with their argument counts (min, max; -1 = any), Query §17.4.</summary>
    private static readonly FrozenDictionary<string, (int Min, int Max)> s_builtIns = new Dictionary<string, (int, int)>(StringComparer.OrdinalIgnoreCase)
    {
        ["STR"] = (1, 1), ["LANG"] = (1, 1), ["LANGMATCHES"] = (2, 2), ["DATATYPE"] = (1, 1), ["BOUND"] = (1, 1),
        ["IRI"] = (1, 1), ["URI"] = (1, 1), ["BNODE"] = (0, 1), ["RAND"] = (0, 0), ["ABS"] = (1, 1), ["CEIL"] = (1, 1),
        ["FLOOR"] = (1, 1), ["ROUND"] = (1, 1), ["CONCAT"] = (0, -1), ["SUBSTR"] = (2, 3), ["STRLEN"] = (1, 1),
        ["REPLACE"] = (3, 4), ["UCASE"] = (1, 1), ["LCASE"] = (1, 1), ["ENCODE_FOR_URI"] = (1, 1), ["CONTAINS"] = (2, 2),
        ["STRSTARTS"] = (2, 2), ["STRENDS"] = (2, 2), ["STRBEFORE"] = (2, 2), ["STRAFTER"] = (2, 2), ["YEAR"] = (1, 1),
        ["MONTH"] = (1, 1), ["DAY"] = (1, 1), ["HOURS"] = (1, 1), ["MINUTES"] = (1, 1), ["SECONDS"] = (1, 1),
        ["TIMEZONE"] = (1, 1), ["TZ"] = (1, 1), ["NOW"] = (0, 0), ["UUID"] = (0, 0), ["STRUUID"] = (0, 0),
        ["MD5"] = (1, 1), ["SHA1"] = (1, 1), ["SHA256"] = (1, 1), ["SHA384"] = (1, 1), ["SHA512"] = (1, 1),
        ["COALESCE"] = (0, -1), ["IF"] = (3, 3), ["STRLANG"] = (2, 2), ["STRDT"] = (2, 2), ["SAMETERM"] = (2, 2),
        ["ISIRI"] = (1, 1), ["ISURI"] = (1, 1), ["ISBLANK"] = (1, 1), ["ISLITERAL"] = (1, 1), ["ISNUMERIC"] = (1, 1),
        ["REGEX"] = (2, 3),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> s_aggregates =
        new[] { "COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private bool AtCallStart =>
        AtIri
        || (Cur.Kind == TokenKind.Name && (s_builtIns.ContainsKey(Cur.Text) || s_aggregates.Contains(Cur.Text) || Cur.IsKeyword("EXISTS")
            || (Cur.IsKeyword("NOT") && PeekToken().IsKeyword("EXISTS"))));

    private Expression ParseExpression()
    {
        Enter();
        Expression e = ParseAnd();
        while (Accept("||")) e = new OperatorExpression("||", [e, ParseAnd()]);
        Exit();
        return e;
    }

    private Expression ParseAnd()
    {
        Expression e = ParseRelational();
        while (Accept("&&")) e = new OperatorExpression("&&", [e, ParseRelational()]);
        return e;
    }

    private Expression ParseRelational()
    {
        Expression e = ParseAdditive();
        foreach (string op in (ReadOnlySpan<string>)["=", "!=", "<", ">", "<=", ">="])
            if (Accept(op)) return new OperatorExpression(op, [e, ParseAdditive()]);
        if (AcceptKeyword("IN")) return new InExpression(e, ParseExpressionList(), false);
        if (AtKeyword("NOT") && PeekToken().IsKeyword("IN"))
        {
            Advance(); Advance();
            return new InExpression(e, ParseExpressionList(), true);
        }
        return e;
    }

    private List<Expression> ParseExpressionList()
    {
        var list = new List<Expression>();
        if (Cur.Kind == TokenKind.Nil) { Advance(); return list; }
        Expect("(");
        do list.Add(ParseExpression());
        while (Accept(","));
        Expect(")");
        return list;
    }

    private Expression ParseAdditive()
    {
        Expression e = ParseMultiplicative();
        while (true)
        {
            if (Accept("+")) e = new OperatorExpression("+", [e, ParseMultiplicative()]);
            else if (Accept("-")) e = new OperatorExpression("-", [e, ParseMultiplicative()]);
            else return e;
        }
    }

    private Expression ParseMultiplicative()
    {
        Expression e = ParseUnary();
        while (true)
        {
            if (Accept("*")) e = new OperatorExpression("*", [e, ParseUnary()]);
            else if (Accept("/")) e = new OperatorExpression("/", [e, ParseUnary()]);
            else return e;
        }
    }

    private Expression ParseUnary()
    {
        if (AtSignedNumber) return new ConstantExpression(ParseLiteral());
        if (Accept("!")) return new OperatorExpression("!", [ParsePrimary()]);
        if (Accept("+")) return new OperatorExpression("u+", [ParsePrimary()]);
        if (Accept("-")) return new OperatorExpression("u-", [ParsePrimary()]);
        return ParsePrimary();
    }

    private Expression ParsePrimary()
    {
        if (At("(")) return ParseBrackettedExpression();
        if (AtVar) return new VariableExpression(ParseVar());
        if (AtLiteral) return new ConstantExpression(ParseLiteral());
        if (AtIri)
        {
            Iri iri = ParseIri();
            if (At("(") || Cur.Kind == TokenKind.Nil) return ParseFunctionArgs(iri);
            return new ConstantExpression(iri);
        }
        if (AtCallStart) return ParsePrimaryCall();
        Expecting("expression");
        FailExpected();
        return null;
    }

    private FunctionCall ParseFunctionArgs(Iri iri)
    {
        if (Cur.Kind == TokenKind.Nil) { Advance(); return new FunctionCall(iri, []); }
        Expect("(");
        Token distinctToken = Cur;
        bool distinct = AcceptKeyword("DISTINCT");
        if (distinct && !_aggregatesAllowed) Fail(distinctToken, "DISTINCT in a function call (a custom aggregate) is not allowed here");
        var args = new List<Expression>();
        do args.Add(ParseExpression());
        while (Accept(","));
        Expect(")");
        return new FunctionCall(iri, args, distinct);
    }

    /// <summary>BuiltInCall, Aggregate, or an IRI function call (which must have arguments).</summary>
    private Expression ParsePrimaryCall()
    {
        Token t = Cur;
        if (AtIri)
        {
            Iri iri = ParseIri();
            if (!(At("(") || Cur.Kind == TokenKind.Nil)) FailExpected();
            return ParseFunctionArgs(iri);
        }
        if (t.Kind != TokenKind.Name) FailExpected();
        string name = t.Text.ToUpperInvariant();
        if (name == "NOT")
        {
            Advance();
            ExpectKeyword("EXISTS");
            return new ExistsExpression(ParseGroupGraphPattern(), true);
        }
        if (name == "EXISTS")
        {
            Advance();
            return new ExistsExpression(ParseGroupGraphPattern(), false);
        }
        if (s_aggregates.Contains(name)) return ParseAggregate(t, name);
        if (!s_builtIns.TryGetValue(name, out var arity)) { Expecting("function name"); FailExpected(); }
        Advance();
        name = name switch { "URI" => "IRI", "ISURI" => "ISIRI", _ => name };
        var args = new List<Expression>();
        if (Cur.Kind == TokenKind.Nil)
        {
            Advance();
        }
        else
        {
            Expect("(");
            if (name == "BOUND") args.Add(new VariableExpression(ParseVar()));
            else
            {
                do args.Add(ParseExpression());
                while (Accept(","));
            }
            Expect(")");
        }
        if (args.Count < arity.Min || (arity.Max >= 0 && args.Count > arity.Max))
            Fail(t, $"{name} takes {(arity.Min == arity.Max ? arity.Min.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{arity.Min} to {arity.Max}")} arguments, not {args.Count}");
        return new BuiltInCall(name, args);
    }

    private AggregateExpression ParseAggregate(Token t, string name)
    {
        if (!_aggregatesAllowed) Fail(t, $"aggregate {name} is not allowed here (only in SELECT, HAVING and ORDER BY, and not nested)");
        Advance();
        Expect("(");
        bool distinct = AcceptKeyword("DISTINCT");
        _aggregatesAllowed = false;
        Expression? arg = null;
        string? separator = null;
        if (name == "COUNT" && Accept("*")) { }
        else arg = ParseExpression();
        if (name == "GROUP_CONCAT" && Accept(";"))
        {
            ExpectKeyword("SEPARATOR");
            Expect("=");
            Token s = Cur;
            if (s.Kind != TokenKind.String) { Expecting("string"); FailExpected(); }
            Advance();
            separator = s.Text;
        }
        Expect(")");
        _aggregatesAllowed = true;
        return new AggregateExpression(name, distinct, arg, separator);
    }
}
