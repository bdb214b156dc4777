using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Rdf.Store;

namespace DihNode.Rdf.Sparql.Evaluation;

/// <summary>The graph-producing query forms: CONSTRUCT (Query §16.2) and DESCRIBE (§16.4).</summary>
internal static class QueryForms
{
    /// <summary>
    /// The template instantiated with each solution: fresh blank nodes per solution, triples with an
    /// unbound variable or an ill-formed term position left out, each triple once.
    /// </summary>
    public static IEnumerable<Triple> Construct(Evaluator evaluator, Op root, IReadOnlyList<TriplePatternSyntax> template)
    {
        EvaluationContext context = evaluator.Context;
        var emitted = new HashSet<Triple>();
        var fresh = new Dictionary<string, BlankNode>();
        // Labels no store node can have by chance: a random prefix per query, then a counter.
        string prefix = "t" + Random.Shared.NextInt64().ToString("x16", System.Globalization.CultureInfo.InvariantCulture) + "x";
        long made = 0;
        int[] row = [];
        foreach (int[] solution in evaluator.Eval(root, context.NewRow(), EvaluationContext.DefaultGraph))
        {
            row = solution;
            fresh.Clear();
            foreach (TriplePatternSyntax t in template)
            {
                if (t.Predicate is null) continue;
                if (Instantiate(t.Subject) is not NamedOrBlankNode s) continue;
                if (Instantiate(t.Predicate) is not Iri p) continue;
                if (Instantiate(t.Obj) is not Term o) continue;
                var triple = new Triple(s, p, o);
                if (emitted.Add(triple)) yield return triple;
            }
        }

        Term? Instantiate(Term term)
        {
            switch (term)
            {
                case Variable v:
                    return context.TryGetSlot(v, out int slot) && row[slot] != 0
                        ? context.Decode(row[slot]) : null;
                case BlankNode b:
                    if (!fresh.TryGetValue(b.Label, out BlankNode? node)) fresh[b.Label] = node = new BlankNode(prefix + (made++).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    return node;
                default: return term;
            }
        }
    }

    /// <summary>
    /// The concise bounded description of each resource named or bound by the query: its outgoing
    /// triples in the default graph, followed recursively through blank-node objects.
    /// </summary>
    public static IEnumerable<Triple> Describe(Evaluator evaluator, Op root, Query query)
    {
        EvaluationContext context = evaluator.Context;
        var resources = new List<int>();
        var seenResources = new HashSet<int>();
        void AddResource(int id)
        {
            if (id > 0 && seenResources.Add(id)) resources.Add(id);
        }
        IReadOnlyList<Term> targets = query.DescribeTargets.Count > 0 || query.Where is null
            ? query.DescribeTargets
            : StaticRules.InScopeOrdered(query.Where.Elements);
        var slots = new List<int>();
        foreach (Term t in targets)
        {
            if (t is Variable v) { if (context.TryGetSlot(v, out int slot)) slots.Add(slot); }
            else if (context.Store.TryGetId(t, out int id)) AddResource(id);
        }
        if (slots.Count > 0)
            foreach (int[] row in evaluator.Eval(root, context.NewRow(), EvaluationContext.DefaultGraph))
                foreach (int slot in slots)
                    AddResource(row[slot]);

        var emitted = new HashSet<(int, int, int)>();
        var visitedBlank = new HashSet<int>();
        var stack = new Stack<int>();
        foreach (int resource in resources)
        {
            stack.Push(resource);
            while (stack.Count > 0)
            {
                int subject = stack.Pop();
                if (context.Decode(subject) is not NamedOrBlankNode) continue;
                ScanCursor cursor = context.Scan(subject, 0, 0, EvaluationContext.DefaultGraph);
                while (cursor.MoveNext())
                {
                    EncodedQuad q = cursor.Current;
                    if (!emitted.Add((q.S, q.P, q.O))) continue;
                    context.Tick();
                    yield return new Triple((NamedOrBlankNode)context.Decode(q.S), (Iri)context.Decode(q.P), context.Decode(q.O));
                    if (context.Decode(q.O).IsBlankNode && visitedBlank.Add(q.O)) stack.Push(q.O);
                }
            }
        }
    }
}
