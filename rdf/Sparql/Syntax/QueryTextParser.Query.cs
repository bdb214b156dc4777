using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Syntax;

/// <summary>Query forms, dataset clauses and solution modifiers (Query §19.8 [1]–[31]).</summary>
internal sealed partial class QueryTextParser
{
    private bool _aggregatesAllowed;

    public Query ParseQueryUnit()
    {
        ParsePrologue();
        Query q;
        if (AtKeyword("SELECT")) q = ParseSelect(subQuery: false);
        else if (AtKeyword("CONSTRUCT")) q = ParseConstruct();
        else if (AtKeyword("DESCRIBE")) q = ParseDescribe();
        else if (AtKeyword("ASK")) q = ParseAsk();
        else { FailExpected(); return null; }
        InlineData? values = ParseValuesClause();
        if (Cur.Kind != TokenKind.End) { Expecting("end of query"); FailExpected(); }
        return q with
        {
            Values = values,
            BaseIri = _base,
            Prefixes = new Dictionary<string, string>(_prefixes, StringComparer.Ordinal),
        };
    }

    private InlineData? ParseValuesClause() => AcceptKeyword("VALUES") ? ParseDataBlock() : null;

    private Query ParseSelect(bool subQuery)
    {
        Token selectToken = ExpectKeyword("SELECT");
        bool distinct = AcceptKeyword("DISTINCT");
        bool reduced = !distinct && AcceptKeyword("REDUCED");
        var items = new List<SelectItem>();
        var itemTokens = new List<Token>();
        bool all = false;
        if (Accept("*")) all = true;
        else
        {
            while (true)
            {
                Token t = Cur;
                if (AtVar) { items.Add(new SelectItem(ParseVar(), null)); itemTokens.Add(t); }
                else if (At("("))
                {
                    Advance();
                    _aggregatesAllowed = true;
                    Expression e = ParseExpression();
                    _aggregatesAllowed = false;
                    ExpectKeyword("AS");
                    Token vt = Cur;
                    Variable v = ParseVar();
                    Expect(")");
                    items.Add(new SelectItem(v, e));
                    itemTokens.Add(vt);
                }
                else { Expecting("variable"); if (items.Count == 0) FailExpected(); break; }
            }
        }
        var (from, fromNamed) = subQuery ? ([], []) : ParseDatasetClauses();
        AcceptKeyword("WHERE");
        GroupGraphPattern where = ParseGroupGraphPattern();
        var q = new Query
        {
            Form = QueryForm.Select, Distinct = distinct, Reduced = reduced, SelectAll = all, Projection = items,
            From = from, FromNamed = fromNamed, Where = where,
        };
        q = ParseSolutionModifiers(q);
        if (subQuery) q = q with { Values = ParseValuesClause() };
        CheckSelect(q, selectToken, itemTokens);
        return q;
    }

    private Query ParseConstruct()
    {
        ExpectKeyword("CONSTRUCT");
        if (At("{"))
        {
            List<TriplePatternSyntax> template = ParseConstructTemplate();
            var (from, fromNamed) = ParseDatasetClauses();
            AcceptKeyword("WHERE");
            GroupGraphPattern where = ParseGroupGraphPattern();
            return ParseSolutionModifiers(new Query { Form = QueryForm.Construct, Template = template, From = from, FromNamed = fromNamed, Where = where });
        }
        var (f, fn) = ParseDatasetClauses();
        ExpectKeyword("WHERE");
        Expect("{");
        NewBlock();
        var triples = new List<TriplePatternSyntax>();
        if (!At("}")) ParseTriplesSameSubjectList(triples, allowPaths: false);
        Expect("}");
        var w = new GroupGraphPattern(triples.Count == 0 ? [] : [new TriplesBlock(triples)]);
        return ParseSolutionModifiers(new Query { Form = QueryForm.Construct, Template = triples, From = f, FromNamed = fn, Where = w });
    }

    private List<TriplePatternSyntax> ParseConstructTemplate()
    {
        Expect("{");
        var triples = new List<TriplePatternSyntax>();
        int saved = _block;
        _block = -1; // template blank nodes are not BGP blank nodes
        if (!At("}")) ParseTriplesSameSubjectList(triples, allowPaths: false);
        _block = saved;
        Expect("}");
        return triples;
    }

    /// <summary>TriplesTemplate / TriplesBlock content: TriplesSameSubject ('.' TriplesSameSubject?)*.</summary>
    private void ParseTriplesSameSubjectList(List<TriplePatternSyntax> triples, bool allowPaths)
    {
        while (true)
        {
            ParseTriplesSameSubject(triples, allowPaths);
            if (!Accept(".")) return;
            if (!AtTriplesStart) return;
        }
    }

    private Query ParseDescribe()
    {
        ExpectKeyword("DESCRIBE");
        var targets = new List<Term>();
        if (!Accept("*"))
        {
            while (AtVar || AtIri) targets.Add(ParseVarOrIri());
            if (targets.Count == 0) { Expecting("variable"); Expecting("IRI"); Expecting("'*'"); FailExpected(); }
        }
        var (from, fromNamed) = ParseDatasetClauses();
        GroupGraphPattern? where = null;
        if (AcceptKeyword("WHERE") || At("{")) where = ParseGroupGraphPattern();
        return ParseSolutionModifiers(new Query { Form = QueryForm.Describe, DescribeTargets = targets, From = from, FromNamed = fromNamed, Where = where });
    }

    private Query ParseAsk()
    {
        ExpectKeyword("ASK");
        var (from, fromNamed) = ParseDatasetClauses();
        AcceptKeyword("WHERE");
        GroupGraphPattern where = ParseGroupGraphPattern();
        return ParseSolutionModifiers(new Query { Form = QueryForm.Ask, From = from, FromNamed = fromNamed, Where = where });
    }

    private (List<Iri>, List<Iri>) ParseDatasetClauses()
    {
        var from = new List<Iri>();
        var named = new List<Iri>();
        while (AcceptKeyword("FROM"))
        {
            if (AcceptKeyword("NAMED")) named.Add(ParseIri());
            else from.Add(ParseIri());
        }
        return (from, named);
    }

    private Query ParseSolutionModifiers(Query q)
    {
        var groupBy = new List<GroupCondition>();
        if (AtKeyword("GROUP"))
        {
            Advance();
            ExpectKeyword("BY");
            do
            {
                if (AtVar) groupBy.Add(new GroupCondition(new VariableExpression(ParseVar()), null));
                else if (Accept("("))
                {
                    Expression e = ParseExpression();
                    Variable? v = AcceptKeyword("AS") ? ParseVar() : null;
                    Expect(")");
                    groupBy.Add(new GroupCondition(e, v));
                }
                else if (AtCallStart) groupBy.Add(new GroupCondition(ParsePrimaryCall(), null));
                else { Expecting("variable"); Expecting("'('"); if (groupBy.Count == 0) FailExpected(); break; }
            }
            while (AtVar || At("(") || AtCallStart);
        }
        var having = new List<Expression>();
        if (AcceptKeyword("HAVING"))
        {
            _aggregatesAllowed = true;
            do having.Add(ParseConstraint());
            while (At("(") || AtCallStart);
            _aggregatesAllowed = false;
        }
        var order = new List<OrderCondition>();
        if (AtKeyword("ORDER"))
        {
            Advance();
            ExpectKeyword("BY");
            _aggregatesAllowed = true;
            do
            {
                if (AcceptKeyword("ASC")) order.Add(new OrderCondition(ParseBrackettedExpression(), false));
                else if (AcceptKeyword("DESC")) order.Add(new OrderCondition(ParseBrackettedExpression(), true));
                else if (AtVar) order.Add(new OrderCondition(new VariableExpression(ParseVar()), false));
                else if (At("(") || AtCallStart) order.Add(new OrderCondition(ParseConstraint(), false));
                else { Expecting("variable"); if (order.Count == 0) FailExpected(); break; }
            }
            while (AtVar || At("(") || AtCallStart || Cur.IsKeyword("ASC") || Cur.IsKeyword("DESC"));
            _aggregatesAllowed = false;
        }
        long? limit = null, offset = null;
        for (int i = 0; i < 2; i++)
        {
            if (limit is null && AcceptKeyword("LIMIT")) limit = ParseCount();
            else if (offset is null && AcceptKeyword("OFFSET")) offset = ParseCount();
        }
        return q with { GroupBy = groupBy, Having = having, OrderBy = order, Limit = limit, Offset = offset };
    }

    private long ParseCount()
    {
        Token t = Cur;
        if (t.Kind != TokenKind.Integer) { Expecting("integer"); FailExpected(); }
        Advance();
        if (!long.TryParse(t.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long n))
            Fail(t, $"'{t.Text}' is too large");
        return n;
    }

    /// <summary>Constraint ::= BrackettedExpression | BuiltInCall | FunctionCall.</summary>
    private Expression ParseConstraint()
    {
        if (At("(")) return ParseBrackettedExpression();
        if (AtCallStart) return ParsePrimaryCall();
        FailExpected();
        return null;
    }

    private Expression ParseBrackettedExpression()
    {
        Expect("(");
        Expression e = ParseExpression();
        Expect(")");
        return e;
    }
}
