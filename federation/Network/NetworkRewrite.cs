using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Syntax;
using SparqlQuery = DihNode.Rdf.Sparql.Syntax.Query;

namespace DihNode.Federation.Network;

/// <summary>A query network mode cannot answer completely; refused (400) rather than answered partly.</summary>
public sealed class NetworkQueryException(string message) : Exception(message);

/// <summary>
/// Prepares a query for network mode: every run of triple patterns in a group (with the group's FILTERs
/// that only use the run's variables copied in) becomes a SERVICE to the request's network endpoint, which
/// <see cref="NetworkRequest"/> answers FedX-style across the node and its peers. Everything else (OPTIONAL,
/// UNION, MINUS, BIND, VALUES, sub-queries, grouping, ordering) is evaluated by the node's engine over
/// those answers, so the query means what it means on one store holding the network's union. The original
/// FILTERs stay in their groups (a filter holds or not whether it was also applied at a peer).
/// Refused: GRAPH (peers' graphs are not exposed), EXISTS (its pattern would see only this node), DESCRIBE,
/// and a dataset of the query's own (FROM, FROM NAMED).
/// </summary>
public static class NetworkRewrite
{
    public static SparqlQuery Rewrite(SparqlQuery query, Iri endpoint)
    {
        if (query.Form == QueryForm.Describe) throw new NetworkQueryException("DESCRIBE is not available with scope=network; use CONSTRUCT");
        if (query.From.Count > 0 || query.FromNamed.Count > 0) throw new NetworkQueryException("FROM and FROM NAMED are not available with scope=network: the dataset is the network's union");
        foreach (var e in query.Projection.Select(p => p.Expression).Concat(query.Having).Concat(query.OrderBy.Select(o => o.Expression)).Concat(query.GroupBy.Select(g => g.Expression)))
            if (e is not null) RefuseExists(e);
        return query with { Where = query.Where is null ? null : Group(query.Where, endpoint) };
    }

    private static GroupGraphPattern Group(GroupGraphPattern group, Iri endpoint)
    {
        var filters = group.Elements.OfType<FilterElement>().ToList();
        foreach (var f in filters) RefuseExists(f.Condition);
        var elements = new List<PatternElement>();
        var elementsIn = group.Elements;
        for (int i = 0; i < elementsIn.Count; i++)
        {
            switch (elementsIn[i])
            {
                case TriplesBlock:
                    var triples = new List<TriplePatternSyntax>();
                    int j = i;
                    for (; j < elementsIn.Count && elementsIn[j] is TriplesBlock or FilterElement; j++)
                        if (elementsIn[j] is TriplesBlock block) triples.AddRange(block.Triples);
                    var bound = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var t in triples)
                        foreach (var term in new[] { t.Subject, t.Predicate, t.Obj })
                            if (term is Variable v) bound.Add(v.Name);
                    var inner = new List<PatternElement> { new TriplesBlock(triples) };
                    inner.AddRange(filters.Where(f => Variables(f.Condition).All(bound.Contains)));
                    elements.Add(new ServiceElement(endpoint, false, new GroupGraphPattern(inner)));
                    // The filters of the run stay in the group, after it (their position in a group does not matter).
                    elements.AddRange(elementsIn.Skip(i).Take(j - i).OfType<FilterElement>());
                    i = j - 1;
                    break;
                case OptionalElement o: elements.Add(new OptionalElement(Group(o.Pattern, endpoint))); break;
                case UnionElement u: elements.Add(new UnionElement([.. u.Alternatives.Select(a => Group(a, endpoint))])); break;
                case MinusElement m: elements.Add(new MinusElement(Group(m.Pattern, endpoint))); break;
                case GraphElement: throw new NetworkQueryException("GRAPH is not available with scope=network: peers answer over their hubs, not their named graphs");
                case SubSelectElement s: elements.Add(new SubSelectElement(Rewrite(s.Query, endpoint))); break;
                case BindElement b: RefuseExists(b.Value); elements.Add(b); break;
                case var other: elements.Add(other); break; // FILTER, VALUES, an explicit SERVICE
            }
        }
        return new GroupGraphPattern(elements);
    }

    private static void RefuseExists(Expression e)
    {
        if (Walk(e).Any(x => x is ExistsExpression)) throw new NetworkQueryException("EXISTS and NOT EXISTS are not available with scope=network; use OPTIONAL or MINUS");
    }

    /// <summary>The variables an expression mentions.</summary>
    internal static IEnumerable<string> Variables(Expression e) => Walk(e).OfType<VariableExpression>().Select(v => v.Variable.Name);

    private static IEnumerable<Expression> Walk(Expression e)
    {
        yield return e;
        IEnumerable<Expression> children = e switch
        {
            OperatorExpression o => o.Arguments,
            BuiltInCall b => b.Arguments,
            FunctionCall f => f.Arguments,
            InExpression i => [i.Operand, .. i.List],
            AggregateExpression { Argument: { } a } => [a],
            _ => [],
        };
        foreach (var c in children)
            foreach (var x in Walk(c)) yield return x;
    }
}
