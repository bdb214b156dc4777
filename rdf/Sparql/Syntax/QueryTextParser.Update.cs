using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Syntax;

/// <summary>Update requests (SPARQL 1.1 Update §19, grammar rules [3], [29]–[52]).</summary>
internal sealed partial class QueryTextParser
{
    public UpdateRequest ParseUpdateUnit()
    {
        var ops = new List<UpdateOperation>();
        while (true)
        {
            ParsePrologue();
            if (Cur.Kind == TokenKind.End) break;
            UpdateOperation op = ParseUpdateOperation();
            ops.Add(op with { BaseIri = _base, Prefixes = new Dictionary<string, string>(_prefixes, StringComparer.Ordinal) });
            if (!Accept(";"))
            {
                if (Cur.Kind != TokenKind.End) { Expecting("end of update"); FailExpected(); }
                break;
            }
        }
        return new UpdateRequest(ops);
    }

    private UpdateOperation ParseUpdateOperation()
    {
        Token t = Cur;
        if (AcceptKeyword("LOAD"))
        {
            bool silent = AcceptKeyword("SILENT");
            Iri source = ParseIri();
            Iri? into = null;
            if (AcceptKeyword("INTO")) { ExpectKeyword("GRAPH"); into = ParseIri(); }
            return new LoadOperation(silent, source, into);
        }
        if (AcceptKeyword("CLEAR"))
        {
            bool silent = AcceptKeyword("SILENT");
            return new ClearOperation(silent, ParseGraphRefAll());
        }
        if (AcceptKeyword("DROP"))
        {
            bool silent = AcceptKeyword("SILENT");
            return new DropOperation(silent, ParseGraphRefAll());
        }
        if (AcceptKeyword("CREATE"))
        {
            bool silent = AcceptKeyword("SILENT");
            ExpectKeyword("GRAPH");
            return new CreateOperation(silent, ParseIri());
        }
        foreach (var (word, kind) in (ReadOnlySpan<(string, TransferKind)>)[("ADD", TransferKind.Add), ("MOVE", TransferKind.Move), ("COPY", TransferKind.Copy)])
        {
            if (!AcceptKeyword(word)) continue;
            bool silent = AcceptKeyword("SILENT");
            GraphTarget from = ParseGraphOrDefault();
            ExpectKeyword("TO");
            return new TransferOperation(kind, silent, from, ParseGraphOrDefault());
        }
        if (AtKeyword("INSERT") && PeekToken().IsKeyword("DATA"))
        {
            Advance(); Advance();
            NewBlock();
            List<QuadPattern> quads = ParseQuads();
            CheckGround(quads, t, allowBlankNodes: true, "INSERT DATA");
            return new InsertDataOperation(quads);
        }
        if (AtKeyword("DELETE") && PeekToken().IsKeyword("DATA"))
        {
            Advance(); Advance();
            NewBlock();
            List<QuadPattern> quads = ParseQuads();
            CheckGround(quads, t, allowBlankNodes: false, "DELETE DATA");
            return new DeleteDataOperation(quads);
        }
        if (AtKeyword("DELETE") && PeekToken().IsKeyword("WHERE"))
        {
            Advance(); Advance();
            NewBlock();
            List<QuadPattern> quads = ParseQuads();
            CheckNoBlankNodes(quads, t, "DELETE WHERE");
            return new DeleteWhereOperation(quads);
        }
        Iri? with = null;
        if (AcceptKeyword("WITH")) with = ParseIri();
        List<QuadPattern>? delete = null, insert = null;
        if (AtKeyword("DELETE"))
        {
            Token d = Advance();
            delete = ParseTemplateQuads();
            CheckNoBlankNodes(delete, d, "a DELETE template");
        }
        if (AcceptKeyword("INSERT")) insert = ParseTemplateQuads();
        if (delete is null && insert is null) FailExpected();
        var usingDefault = new List<Iri>();
        var usingNamed = new List<Iri>();
        while (AcceptKeyword("USING"))
        {
            if (AcceptKeyword("NAMED")) usingNamed.Add(ParseIri());
            else usingDefault.Add(ParseIri());
        }
        ExpectKeyword("WHERE");
        GroupGraphPattern where = ParseGroupGraphPattern();
        return new ModifyOperation(with, delete, insert, usingDefault, usingNamed, where);
    }

    private List<QuadPattern> ParseTemplateQuads()
    {
        int saved = _block;
        _block = -1;
        List<QuadPattern> quads = ParseQuads();
        _block = saved;
        return quads;
    }

    private GraphTarget ParseGraphRefAll()
    {
        if (AcceptKeyword("DEFAULT")) return GraphTarget.DefaultGraph;
        if (AcceptKeyword("NAMED")) return new GraphTarget(GraphTargetKind.Named);
        if (AcceptKeyword("ALL")) return new GraphTarget(GraphTargetKind.All);
        ExpectKeyword("GRAPH");
        return new GraphTarget(GraphTargetKind.Graph, ParseIri());
    }

    private GraphTarget ParseGraphOrDefault()
    {
        if (AcceptKeyword("DEFAULT")) return GraphTarget.DefaultGraph;
        AcceptKeyword("GRAPH");
        return new GraphTarget(GraphTargetKind.Graph, ParseIri());
    }

    /// <summary>'{' Quads '}' (Update [49]–[51]).</summary>
    private List<QuadPattern> ParseQuads()
    {
        Expect("{");
        var quads = new List<QuadPattern>();
        while (true)
        {
            if (AtTriplesStart)
            {
                var triples = new List<TriplePatternSyntax>();
                ParseTriplesSameSubjectList(triples, allowPaths: false);
                AddQuads(quads, triples, null);
                if (!_tokens[_index - 1].Is(".") && AtTriplesStart) { Expecting("'.'"); FailExpected(); }
                continue;
            }
            if (AcceptKeyword("GRAPH"))
            {
                Term g = ParseVarOrIri();
                Expect("{");
                var triples = new List<TriplePatternSyntax>();
                if (!At("}")) ParseTriplesSameSubjectList(triples, allowPaths: false);
                Expect("}");
                AddQuads(quads, triples, g);
                Accept(".");
                continue;
            }
            break;
        }
        Expect("}");
        return quads;
    }

    private static void AddQuads(List<QuadPattern> quads, List<TriplePatternSyntax> triples, Term? graph)
    {
        foreach (TriplePatternSyntax t in triples) quads.Add(new QuadPattern(t.Subject, t.Predicate!, t.Obj, graph));
    }

    private static void CheckGround(List<QuadPattern> quads, Token at, bool allowBlankNodes, string what)
    {
        foreach (QuadPattern q in quads)
        {
            foreach (Term? term in (ReadOnlySpan<Term?>)[q.Subject, q.Predicate, q.Obj, q.Graph])
            {
                if (term is Variable v) Fail(at, $"{what} cannot contain variables (?{v.Name})");
                if (!allowBlankNodes && term is BlankNode) Fail(at, $"{what} cannot contain blank nodes");
            }
        }
    }

    private static void CheckNoBlankNodes(List<QuadPattern> quads, Token at, string what)
    {
        foreach (QuadPattern q in quads)
            foreach (Term? term in (ReadOnlySpan<Term?>)[q.Subject, q.Predicate, q.Obj, q.Graph])
                if (term is BlankNode) Fail(at, $"{what} cannot contain blank nodes");
    }
}
