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
        }
        Deactivated = shapes.IsTrue(node, Sh.Deactivated);
        Severity = shapes.Object(node, Sh.Severity) as Iri ?? Sh.Violation;
        Messages = [.. shapes.Objects(node, Sh.Message).OfType<Literal>()];
    }

    public Term Node { get; }
    public Term? PathNode { get; }
    public ShaclPath? Path { get; }
    public bool Deactivated { get; }
    public Iri Severity { get; }
    public IReadOnlyList<Literal> Messages { get; }
    public bool IsPropertyShape => Path is not null;
}
