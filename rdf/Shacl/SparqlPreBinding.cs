using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Shacl;

/// <summary>
/// Pre-binding of variables in a SHACL-SPARQL query (SHACL §5.6): checks the restrictions that make
/// pre-binding well defined (no MINUS, SERVICE or VALUES; no BIND or AS onto a pre-bound variable;
/// sub-queries project $this) and then binds the variables in every group of the query, nested
/// groups, sub-queries and EXISTS patterns included, by a one-row VALUES at the start of each group.
/// </summary>
internal static class SparqlPreBinding
{
    public static Query Apply(Query query, IReadOnlyList<(Variable Var, Term Value)> bindings)
    {
        var names = bindings.Select(b => b.Var.Name).ToHashSet(StringComparer.Ordinal);
        Check(query, names, top: true);
        var data = new InlineData([.. bindings.Select(b => b.Var)], [[.. bindings.Select(b => (Term?)b.Value)]]);
        return Rewrite(query, data);
    }

    private static void Check(Query q, HashSet<string> names, bool top)
    {
        if (q.Values is not null) Fail("VALUES");
        foreach (var item in q.Projection)
            if (item.Expression is not null && names.Contains(item.Variable.Name)) Fail($"(... AS ?{item.Variable.Name})");
        if (!top && names.Contains("this") && (q.SelectAll
                ? q.Where is null || !InScope(q.Where, "this")
                : q.Projection.All(p => p.Variable.Name != "this")))
            Fail("a sub-query that does not project $this");
        if (q.Where is not null) Check(q.Where, names);
    }

    private static void Check(GroupGraphPattern g, HashSet<string> names)
    {
        foreach (var e in g.Elements)
        {
            switch (e)
            {
                case MinusElement: Fail("MINUS"); break;
                case ServiceElement: Fail("SERVICE"); break;
                case ValuesElement: Fail("VALUES"); break;
                case BindElement b when names.Contains(b.Variable.Name): Fail($"BIND (... AS ?{b.Variable.Name})"); break;
                case OptionalElement o: Check(o.Pattern, names); break;
                case UnionElement u: foreach (var a in u.Alternatives) Check(a, names); break;
                case GraphElement ge: Check(ge.Pattern, names); break;
                case SubSelectElement s: Check(s.Query, names, top: false); break;
            }
        }
    }

    /// <summary>Whether a group binds ?<paramref name="name"/> (is in scope, Query §18.2.1), which SELECT * projects.</summary>
    private static bool InScope(GroupGraphPattern g, string name) => g.Elements.Any(e => e switch
    {
        TriplesBlock t => t.Triples.Any(tp => IsVar(tp.Subject, name) || IsVar(tp.Predicate, name) || IsVar(tp.Obj, name)),
        OptionalElement o => InScope(o.Pattern, name),
        UnionElement u => u.Alternatives.Any(a => InScope(a, name)),
        GraphElement ge => IsVar(ge.Graph, name) || InScope(ge.Pattern, name),
        BindElement b => b.Variable.Name == name,
        SubSelectElement s => s.Query.SelectAll ? s.Query.Where is not null && InScope(s.Query.Where, name) : s.Query.Projection.Any(p => p.Variable.Name == name),
        _ => false,
    });

    private static bool IsVar(Term? t, string name) => t is Variable v && v.Name == name;

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(string what) =>
        throw new ShaclException($"SHACL-SPARQL query uses {what}, which pre-binding does not allow (SHACL §5.6.1)");

    private static Query Rewrite(Query q, InlineData data) =>
        q.Where is null ? q : q with { Where = Rewrite(q.Where, data) };

    private static GroupGraphPattern Rewrite(GroupGraphPattern g, InlineData data)
    {
        var elements = new List<PatternElement> { new ValuesElement(data) };
        foreach (var e in g.Elements)
        {
            elements.Add(e switch
            {
                OptionalElement o => new OptionalElement(Rewrite(o.Pattern, data)),
                UnionElement u => new UnionElement([.. u.Alternatives.Select(a => Rewrite(a, data))]),
                GraphElement ge => new GraphElement(ge.Graph, Rewrite(ge.Pattern, data)),
                SubSelectElement s => new SubSelectElement(Rewrite(s.Query, data)),
                FilterElement f => new FilterElement(Rewrite(f.Condition, data)),
                BindElement b => new BindElement(Rewrite(b.Value, data), b.Variable),
                _ => e,
            });
        }
        return new GroupGraphPattern(elements);
    }

    private static Expression Rewrite(Expression e, InlineData data) => e switch
    {
        ExistsExpression x => x with { Pattern = Rewrite(x.Pattern, data), Algebra = null },
        OperatorExpression o => o with { Arguments = [.. o.Arguments.Select(a => Rewrite(a, data))] },
        BuiltInCall c => c with { Arguments = [.. c.Arguments.Select(a => Rewrite(a, data))] },
        FunctionCall f => f with { Arguments = [.. f.Arguments.Select(a => Rewrite(a, data))] },
        _ => e,
    };
}
