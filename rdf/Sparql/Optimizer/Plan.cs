using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Sparql.Optimizer;

/// <summary>The optimised algebra with the physical choices the evaluator honours.</summary>
internal sealed class Plan
{
    private readonly HashSet<Bgp> _ordered;
    private readonly Dictionary<Join, JoinStrategy> _joins;

    public Plan(Op root, HashSet<Bgp> ordered, Dictionary<Join, JoinStrategy> joins)
    {
        Root = root;
        _ordered = ordered;
        _joins = joins;
    }

    /// <summary>An unoptimised plan: the algebra as written, every choice left to the evaluator.</summary>
    public static Plan Unoptimized(Op root) => new(root, new(ReferenceEqualityComparer.Instance), new(ReferenceEqualityComparer.Instance));

    public Op Root { get; }

    /// <summary>Whether the BGP's triples are already in join order (the evaluator then does not count).</summary>
    public bool IsOrdered(Bgp bgp) => _ordered.Contains(bgp);

    /// <summary>The chosen algorithm of a join, null when the optimiser made no choice.</summary>
    public JoinStrategy? StrategyOf(Join join) => _joins.TryGetValue(join, out JoinStrategy s) ? s : null;

    /// <summary>The join choices in pre-order of the tree, e.g. "index hash", for plan-shape tests.</summary>
    public string DescribeJoins()
    {
        var parts = new List<string>();
        void Walk(Op op)
        {
            if (op is Join j && StrategyOf(j) is JoinStrategy s) parts.Add(s == JoinStrategy.Hash ? "hash" : "index");
            foreach (Op child in AlgebraRewriter.Children(op)) Walk(child);
        }
        Walk(Root);
        return string.Join(" ", parts);
    }

    /// <summary>The plan as SSE text, join choices after it: what plan-shape tests compare.</summary>
    public override string ToString()
    {
        string joins = DescribeJoins();
        return joins.Length == 0 ? SsePrinter.Print(Root) : SsePrinter.Print(Root) + " joins: " + joins;
    }
}
