using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Rdf.Store;

namespace DihNode.Rdf.Sparql.Update;

internal sealed partial class UpdateRunner
{
    /// <summary>DELETE WHERE (§3.1.3.3): the pattern is both the WHERE clause and the DELETE template.</summary>
    private void DeleteWhere(DeleteWhereOperation op)
    {
        var where = new GroupGraphPattern(AsPattern(op.Quads));
        Modify(new ModifyOperation(null, op.Quads, null, [], [], where) { BaseIri = op.BaseIri, Prefixes = op.Prefixes });
    }

    /// <summary>Quad patterns as a group: runs of one graph become a triples block, inside GRAPH for a named one.</summary>
    private static List<PatternElement> AsPattern(IReadOnlyList<Syntax.QuadPattern> quads)
    {
        var elements = new List<PatternElement>();
        for (int i = 0; i < quads.Count;)
        {
            Term? graph = quads[i].Graph;
            var triples = new List<TriplePatternSyntax>();
            for (; i < quads.Count && Equals(quads[i].Graph, graph); i++)
                triples.Add(new TriplePatternSyntax(quads[i].Subject, quads[i].Predicate, null, quads[i].Obj));
            var block = new TriplesBlock(triples);
            elements.Add(graph is null ? block : new GraphElement(graph, new GroupGraphPattern([block])));
        }
        return elements;
    }

    /// <summary>
    /// DELETE / INSERT (§3.1.3): the WHERE clause is evaluated once, over the state before this
    /// operation; then every solution instantiates the DELETE template and the INSERT template, and
    /// all deletions are applied before all insertions. Instances with an unbound variable or an
    /// ill-formed position (a literal subject, a non-IRI predicate or graph) are left out; blank nodes
    /// of the INSERT template are new for each solution.
    /// </summary>
    private void Modify(ModifyOperation op)
    {
        var (variables, rows) = Solutions(op);
        var deletions = new HashSet<EncodedQuad>();
        var insertions = new List<Quad>();
        var fresh = new Dictionary<string, BlankNode>(StringComparer.Ordinal);
        int n = 0;
        foreach (Term?[] row in rows)
        {
            if ((++n & 1023) == 0) CheckLimits();
            foreach (var t in op.Delete ?? [])
            {
                Term? s = Bind(t.Subject, variables, row), p = Bind(t.Predicate, variables, row), o = Bind(t.Obj, variables, row);
                Term? g = t.Graph is null ? op.With : Bind(t.Graph, variables, row);
                if (s is null || p is null || o is null || (t.Graph is not null && g is null)) continue;
                if (TryEncode(s, p, o, g, out var quad)) deletions.Add(quad);
            }
            if (op.Insert is null) continue;
            fresh.Clear();
            foreach (var t in op.Insert)
            {
                Term? s = Instance(t.Subject, variables, row, fresh), p = Instance(t.Predicate, variables, row, fresh), o = Instance(t.Obj, variables, row, fresh);
                Term? g = t.Graph is null ? op.With : Bind(t.Graph, variables, row);
                if (s is not NamedOrBlankNode subject || p is not Iri predicate || o is null) continue;
                if (t.Graph is not null && g is not Iri) continue;
                insertions.Add(new Quad(subject, predicate, o, (Iri?)g));
            }
        }
        CheckLimits();
        var additions = new EncodedQuad[insertions.Count];
        for (int i = 0; i < additions.Length; i++)
        {
            var q = insertions[i];
            additions[i] = new EncodedQuad(_tx.GetOrAddId(q.Subject), _tx.GetOrAddId(q.Predicate), _tx.GetOrAddId(q.Object),
                q.Graph is null ? TermIds.DefaultGraph : _tx.GetOrAddId(q.Graph));
        }
        var (removed, added) = _tx.Apply([.. deletions], additions);
        Removed += removed;
        Added += added;
    }

    /// <summary>
    /// The WHERE clause's solutions, all read before anything changes. Its dataset (§3.1.3.1): the
    /// USING / USING NAMED graphs when given; else, with WITH g, g as the default graph and every
    /// named graph of the store; else the store's default graph and named graphs.
    /// </summary>
    private (Dictionary<Variable, int> Variables, List<Term?[]> Rows) Solutions(ModifyOperation op)
    {
        IReadOnlyList<Iri>? defaultGraphs = null, namedGraphs = null;
        if (op.Using.Count > 0 || op.UsingNamed.Count > 0)
            (defaultGraphs, namedGraphs) = (op.Using, op.UsingNamed);
        else if (op.With is { } with)
            (defaultGraphs, namedGraphs) = ([with], [.. _tx.GraphNameIds().Select(_tx.GetTerm).OfType<Iri>()]);

        var query = new Query { Form = QueryForm.Select, SelectAll = true, Where = op.Where, BaseIri = op.BaseIri, Prefixes = op.Prefixes };
        var result = (SelectResult)QueryEvaluator.Execute(query, _tx, WhereOptions(defaultGraphs, namedGraphs));
        var variables = new Dictionary<Variable, int>();
        for (int i = 0; i < result.Variables.Count; i++) variables[result.Variables[i]] = i;
        return (variables, result.Rows.ToList());
    }

    /// <summary>A template term under a solution: a variable's value (null when unbound), other terms as they are.</summary>
    private static Term? Bind(Term term, Dictionary<Variable, int> variables, Term?[] row) =>
        term is Variable v ? (variables.TryGetValue(v, out int i) ? row[i] : null) : term;

    /// <summary>An INSERT template term under a solution: as <see cref="Bind"/>, with blank nodes new per solution.</summary>
    private Term? Instance(Term term, Dictionary<Variable, int> variables, Term?[] row, Dictionary<string, BlankNode> fresh) =>
        term is BlankNode ? Ground(term, fresh) : Bind(term, variables, row);
}
