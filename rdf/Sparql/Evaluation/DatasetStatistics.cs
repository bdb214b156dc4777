using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Optimizer;

namespace DihNode.Rdf.Sparql.Evaluation;

/// <summary>The optimiser's view of the query's dataset: exact counts through the evaluation context.</summary>
internal sealed class DatasetStatistics(EvaluationContext context) : IStatistics
{
    public long Count(Term? s, Term? p, Term? o, Term? graph)
    {
        int g = graph switch
        {
            null => EvaluationContext.DefaultGraph,
            Iri iri => context.Store.TryGetId(iri, out int id) ? id : -2,
            _ => EvaluationContext.AnyNamedGraph,
        };
        if (g == -2 || !Id(s, out int si) || !Id(p, out int pi) || !Id(o, out int oi)) return 0;
        return context.Count(si, pi, oi, g);
    }

    private bool Id(Term? t, out int id)
    {
        id = 0;
        return t is null || context.Store.TryGetId(t, out id);
    }
}
