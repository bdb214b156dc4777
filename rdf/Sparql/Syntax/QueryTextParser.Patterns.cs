using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Syntax;

/// <summary>Graph patterns, triples, property paths and VALUES (Query §19.8 [53]–[104]).</summary>
internal sealed partial class QueryTextParser
{
    private readonly Dictionary<string, int> _labelBlocks = new(StringComparer.Ordinal);
    private int _block;
    private int _blockCounter;

    /// <summary>Starts a new basic graph pattern for the blank-node label rule (§19.6 note 19).</summary>
    private void NewBlock() => _block = ++_blockCounter;

    private BlankNode LabelledBlankNode(Token t)
    {
        if (_block >= 0)
        {
            if (_labelBlocks.TryGetValue(t.Text, out int b) && b != _block)
                Fail(t, $"blank node label '_:{t.Text}' is already used in another basic graph pattern");
            _labelBlocks[t.Text] = _block;
        }
        return new BlankNode(t.Text);
    }

    private GroupGraphPattern ParseGroupGraphPattern()
    {
        Expect("{");
        Enter();
        bool savedAgg = _aggregatesAllowed;
        _aggregatesAllowed = false;
        int savedBlock = _block;
        NewBlock();
        var elements = new List<PatternElement>();
        if (AtKeyword("SELECT"))
        {
            elements.Add(new SubSelectElement(ParseSelect(subQuery: true)));
        }
        else
        {
            while (true)
            {
                if (AtTriplesStart)
                {
                    var triples = new List<TriplePatternSyntax>();
                    ParseTriplesSameSubjectList(triples, allowPaths: true);
                    elements.Add(new TriplesBlock(triples));
                    if (!_tokens[_index - 1].Is(".") && AtTriplesStart) { Expecting("'.'"); FailExpected(); }
                    continue;
                }
                PatternElement? e = ParseGraphPatternNotTriples(elements);
                if (e is null) break;
                elements.Add(e);
                if (e is not FilterElement) NewBlock();
                Accept(".");
            }
        }
        Expect("}");
        _block = savedBlock;
        _aggregatesAllowed = savedAgg;
        Exit();
        return new GroupGraphPattern(elements);
    }

    private PatternElement? ParseGraphPatternNotTriples(List<PatternElement> before)
    {
        if (At("{"))
        {
            var alternatives = new List<GroupGraphPattern> { ParseGroupGraphPattern() };
            while (AcceptKeyword("UNION")) alternatives.Add(ParseGroupGraphPattern());
            return new UnionElement(alternatives);
        }
        if (AcceptKeyword("OPTIONAL")) return new OptionalElement(ParseGroupGraphPattern());
        if (AcceptKeyword("MINUS")) return new MinusElement(ParseGroupGraphPattern());
        if (AcceptKeyword("GRAPH"))
        {
            Term g = ParseVarOrIri();
            return new GraphElement(g, ParseGroupGraphPattern());
        }
        if (AcceptKeyword("SERVICE"))
        {
            bool silent = AcceptKeyword("SILENT");
            Term s = ParseVarOrIri();
            return new ServiceElement(s, silent, ParseGroupGraphPattern());
        }
        if (AcceptKeyword("FILTER")) return new FilterElement(ParseConstraint());
        if (AtKeyword("BIND"))
        {
            Advance();
            Expect("(");
            Expression e = ParseExpression();
            ExpectKeyword("AS");
            Token vt = Cur;
            Variable v = ParseVar();
            Expect(")");
            if (StaticRules.InScope(before).Contains(v))
                Fail(vt, $"BIND assigns ?{v.Name}, which is already in scope in this group");
            return new BindElement(e, v);
        }
        if (AcceptKeyword("VALUES")) return new ValuesElement(ParseDataBlock());
        Expecting("'}'");
        Expecting("triple pattern");
        return null;
    }

    // ---- VALUES (§19.8 [61]–[65]) ----

    private InlineData ParseDataBlock()
    {
        var vars = new List<Variable>();
        var rows = new List<IReadOnlyList<Term?>>();
        if (AtVar)
        {
            vars.Add(ParseVar());
            Expect("{");
            while (!At("}"))
            {
                if (!AtDataValue) FailExpected();
                rows.Add([ParseDataValue()]);
            }
            Advance();
            return new InlineData(vars, rows);
        }
        if (Cur.Kind == TokenKind.Nil) Advance();
        else
        {
            Expect("(");
            while (AtVar)
            {
                Token vt = Cur;
                Variable v = ParseVar();
                if (vars.Contains(v)) Fail(vt, $"?{v.Name} appears twice in VALUES");
                vars.Add(v);
            }
            Expect(")");
        }
        Expect("{");
        while (true)
        {
            Token rowStart = Cur;
            if (Cur.Kind == TokenKind.Nil) { Advance(); rows.Add([]); }
            else if (Accept("("))
            {
                var row = new List<Term?>();
                while (AtDataValue) row.Add(ParseDataValue());
                Expect(")");
                rows.Add(row);
            }
            else if (Accept("}")) break;
            else FailExpected();
            if (rows[^1].Count != vars.Count)
                Fail(rowStart, $"a VALUES row has {rows[^1].Count} values for {vars.Count} variables");
        }
        return new InlineData(vars, rows);
    }

    private bool AtDataValue
    {
        get
        {
            if (AtIri || AtLiteral || Cur.IsKeyword("UNDEF")) return true;
            Expecting("IRI"); Expecting("literal"); Expecting("UNDEF");
            return false;
        }
    }

    private Term? ParseDataValue()
    {
        if (AcceptKeyword("UNDEF")) return null;
        return AtIri ? ParseIri() : ParseLiteral();
    }

    // ---- Triples (§19.8 [75]–[104]) ----

    private bool AtTriplesStart =>
        AtVar || AtIri || AtLiteral || Cur.Kind is TokenKind.BlankNodeLabel or TokenKind.Anon or TokenKind.Nil
        || Cur.Is("(") || Cur.Is("[");

    private void ParseTriplesSameSubject(List<TriplePatternSyntax> triples, bool allowPaths)
    {
        if (Cur.Is("(") || Cur.Is("["))
        {
            // A collection or blank node property list may stand alone (PropertyListPath is optional).
            Term node = ParseTriplesNode(triples, allowPaths);
            if (AtVerbStart(allowPaths)) ParsePropertyListNotEmpty(node, triples, allowPaths);
            return;
        }
        Term subject = ParseVarOrTerm();
        ParsePropertyListNotEmpty(subject, triples, allowPaths);
    }

    private bool AtVerbStart(bool allowPaths) =>
        AtVar || AtIri || Cur.Text == "a" && Cur.Kind == TokenKind.Name
        || (allowPaths && (Cur.Is("^") || Cur.Is("!") || Cur.Is("(")));

    private void ParsePropertyListNotEmpty(Term subject, List<TriplePatternSyntax> triples, bool allowPaths)
    {
        while (true)
        {
            Term? predicate = null;
            PropertyPath? path = null;
            if (AtVar) predicate = ParseVar();
            else if (allowPaths)
            {
                if (!AtVerbStart(true)) { Expecting("predicate"); FailExpected(); }
                path = ParsePath();
                if (path is LinkPath link) { predicate = link.Iri; path = null; }
            }
            else if (Cur.Kind == TokenKind.Name && Cur.Text == "a") { Advance(); predicate = Vocabulary.Rdf.Type; }
            else if (AtIri) predicate = ParseIri();
            else { Expecting("predicate"); FailExpected(); }
            do
            {
                Term obj = ParseGraphNode(triples, allowPaths);
                triples.Add(new TriplePatternSyntax(subject, predicate, path, obj));
            }
            while (Accept(","));
            if (!Accept(";")) return;
            while (Accept(";")) { }
            if (!AtVerbStart(allowPaths)) return;
        }
    }

    private Term ParseGraphNode(List<TriplePatternSyntax> triples, bool allowPaths) =>
        Cur.Is("(") || Cur.Is("[") ? ParseTriplesNode(triples, allowPaths) : ParseVarOrTerm();

    private Term ParseTriplesNode(List<TriplePatternSyntax> triples, bool allowPaths)
    {
        Enter();
        Term result;
        if (Accept("["))
        {
            BlankNode b = NewAnon();
            ParsePropertyListNotEmpty(b, triples, allowPaths);
            Expect("]");
            result = b;
        }
        else
        {
            Expect("(");
            var items = new List<Term>();
            do items.Add(ParseGraphNode(triples, allowPaths));
            while (!At(")"));
            Advance();
            Term rest = Vocabulary.Rdf.Nil;
            var cells = new BlankNode[items.Count];
            for (int i = 0; i < items.Count; i++) cells[i] = NewAnon();
            for (int i = 0; i < items.Count; i++)
            {
                triples.Add(new TriplePatternSyntax(cells[i], Vocabulary.Rdf.First, null, items[i]));
                triples.Add(new TriplePatternSyntax(cells[i], Vocabulary.Rdf.Rest, null, i + 1 < items.Count ? cells[i + 1] : rest));
            }
            result = cells[0];
        }
        Exit();
        return result;
    }

    private Term ParseVarOrTerm()
    {
        Token t = Cur;
        switch (t.Kind)
        {
            case TokenKind.Variable: return ParseVar();
            case TokenKind.IriRef or TokenKind.PrefixedName: return ParseIri();
            case TokenKind.BlankNodeLabel: Advance(); return LabelledBlankNode(t);
            case TokenKind.Anon: Advance(); return NewAnon();
            case TokenKind.Nil: Advance(); return Vocabulary.Rdf.Nil;
        }
        if (AtLiteral) return ParseLiteral();
        Expecting("variable"); Expecting("IRI"); Expecting("literal"); Expecting("blank node");
        FailExpected();
        return null;
    }

    // ---- Property paths (§19.8 [88]–[96]) ----

    private PropertyPath ParsePath()
    {
        Enter();
        PropertyPath p = ParsePathSequence();
        while (Accept("|")) p = new AlternativePath(p, ParsePathSequence());
        Exit();
        return p;
    }

    private PropertyPath ParsePathSequence()
    {
        PropertyPath p = ParsePathEltOrInverse();
        while (Accept("/")) p = new SequencePath(p, ParsePathEltOrInverse());
        return p;
    }

    private PropertyPath ParsePathEltOrInverse()
    {
        if (Accept("^")) return new InversePath(ParsePathElt());
        return ParsePathElt();
    }

    private PropertyPath ParsePathElt()
    {
        PropertyPath p = ParsePathPrimary();
        if (Cur.Is("*")) { Advance(); return new ZeroOrMorePath(p); }
        if (Cur.Is("+")) { Advance(); return new OneOrMorePath(p); }
        if (Cur.Is("?")) { Advance(); return new ZeroOrOnePath(p); }
        return p;
    }

    private PropertyPath ParsePathPrimary()
    {
        if (Cur.Kind == TokenKind.Name && Cur.Text == "a") { Advance(); return new LinkPath(Vocabulary.Rdf.Type); }
        if (AtIri) return new LinkPath(ParseIri());
        if (Accept("!"))
        {
            var forward = new List<Iri>();
            var inverse = new List<Iri>();
            if (Cur.Kind == TokenKind.Nil) Advance();
            else if (Accept("("))
            {
                do ParsePathOneInPropertySet(forward, inverse);
                while (Accept("|"));
                Expect(")");
            }
            else ParsePathOneInPropertySet(forward, inverse);
            return new NegatedPropertySet(forward, inverse);
        }
        if (Accept("("))
        {
            PropertyPath p = ParsePath();
            Expect(")");
            return p;
        }
        Expecting("IRI"); Expecting("'a'"); Expecting("'!'"); Expecting("'('");
        FailExpected();
        return null;
    }

    private void ParsePathOneInPropertySet(List<Iri> forward, List<Iri> inverse)
    {
        bool inv = Accept("^");
        Iri iri;
        if (Cur.Kind == TokenKind.Name && Cur.Text == "a") { Advance(); iri = Vocabulary.Rdf.Type; }
        else iri = ParseIri();
        (inv ? inverse : forward).Add(iri);
    }
}
