using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Sparql.Optimizer;

/// <summary>
/// A filter <c>?v = &lt;iri&gt;</c> directly over a BGP or a path pattern that binds ?v, or over
/// <c>GRAPH ?v</c>, becomes a substitution: the IRI replaces ?v in the patterns (or names the graph)
/// and an Extend binds ?v to it, so the patterns are looked up with the IRI known. For IRIs, = holds exactly for the same term (RDFterm-equal, §17.4.1.7; any
/// other term makes it false or an error), so the rows are the same. Literals are left alone:
/// their = compares values (1 = 1.0), which a substitution would not.
/// </summary>
internal sealed class FilterEqualityBinding : IOptimizerPass
{
    public string Name => "filter-equality-binding";

    public Op Rewrite(Op op, OptimizerContext context) =>
        AlgebraRewriter.BottomUp(op, o => o is Filter { Input: Bgp or PathOp or Graph { Name: Variable } } f ? Bind(f) : o);

    private static Op Bind(Filter f)
    {
        HashSet<Term> bound = f.Input is Graph { Name: Variable name } graph
            // The graph's name is substituted only when the pattern inside does not use the variable itself.
            ? (VariableScope.Mentioned(graph.Input).Contains(name) ? [] : [name])
            : VariableScope.Certain(f.Input);
        var substitution = new Dictionary<Variable, Iri>();
        var rest = new List<Expression>();
        foreach (Expression c in f.Conditions)
        {
            if (c is OperatorExpression { Operator: "=", Arguments: [var a, var b] }
                && (a, b) switch
                {
                    (VariableExpression v, ConstantExpression { Value: Iri i }) => (v.Variable, i),
                    (ConstantExpression { Value: Iri i }, VariableExpression v) => (v.Variable, i),
                    _ => ((Variable, Iri)?)null,
                } is (Variable variable, Iri iri)
                && bound.Contains(variable) && !substitution.ContainsKey(variable))
            {
                substitution[variable] = iri;
                continue;
            }
            rest.Add(c);
        }
        if (substitution.Count == 0) return f;
        Term Replace(Term t) => t is Variable v && substitution.TryGetValue(v, out Iri? iri) ? iri : t;
        Op result = f.Input switch
        {
            Bgp bgp => new Bgp([.. bgp.Triples.Select(t => new TriplePattern(Replace(t.Subject), Replace(t.Predicate), Replace(t.Obj)))]),
            PathOp p => p with { Subject = Replace(p.Subject), Obj = Replace(p.Obj) },
            Graph g => g with { Name = Replace(g.Name) },
            _ => f.Input,
        };
        // Conditions over the remaining variables stay on the patterns; the others read ?v after its Extend.
        List<Expression> below = [], above = [];
        foreach (Expression c in rest)
            (VariableScope.Read(c).Overlaps(substitution.Keys) ? above : below).Add(c);
        if (below.Count > 0) result = new Filter(below, result);
        foreach ((Variable v, Iri iri) in substitution) result = new Extend(result, v, new ConstantExpression(iri));
        return above.Count > 0 ? new Filter(above, result) : result;
    }
}
