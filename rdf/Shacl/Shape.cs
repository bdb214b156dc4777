using DihNode.Rdf.Model;

namespace DihNode.Rdf.Shacl;

/// <summary>
/// A shape of the shapes graph (SHACL §2.1): a property shape when it has an sh:path (§2.3), else a
/// node shape (§2.2). Its constraint parameters stay in the shapes graph and are read per component.
/// </summary>
internal sealed class Shape
{
    public Shape(ShaclGraph shapes, Term node)
    {
        Node = node;
        if (shapes.Object(node, Sh.Path) is Term pathNode)
        {
            PathNode = pathNode;
            Path = ShaclPath.Parse(shapes, pathNode);
            PathTriples = CollectBlankClosure(shapes, pathNode);
        }
        Deactivated = shapes.IsTrue(node, Sh.Deactivated);
        Severity = shapes.Object(node, Sh.Severity) as Iri ?? Sh.Violation;
        Messages = [.. shapes.Objects(node, Sh.Message).OfType<Literal>()];
    }

    public Term Node { get; }
    public Term? PathNode { get; }
    public ShaclPath? Path { get; }
    public IReadOnlyList<Triple> PathTriples { get; } = [];
    public bool Deactivated { get; }
    public Iri Severity { get; }
    public IReadOnlyList<Literal> Messages { get; }
    public bool IsPropertyShape => Path is not null;

    /// <summary>The triples describing a blank node and the blank nodes it reaches (a path's structure).</summary>
    internal static List<Triple> CollectBlankClosure(ShaclGraph g, Term start)
    {
        var triples = new List<Triple>();
        if (start is not BlankNode) return triples;
        var seen = new HashSet<Term>();
        var stack = new Stack<Term>();
        stack.Push(start);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (!seen.Add(n) || n is not NamedOrBlankNode s) continue;
            foreach (var (p, o) in g.Out(n))
            {
                triples.Add(new Triple(s, p, o));
                if (o is BlankNode) stack.Push(o);
            }
        }
        return triples;
    }
}
