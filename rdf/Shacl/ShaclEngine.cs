using DihNode.Rdf.Model;

namespace DihNode.Rdf.Shacl;

/// <summary>
/// One validation of a data graph against a shapes graph (SHACL §3): finds the shapes with targets,
/// their focus nodes, and validates each focus node against each shape's constraints.
/// </summary>
internal sealed partial class ShaclEngine
{
    private readonly ShaclGraph _data;
    private readonly ShaclGraph _shapes;
    private readonly ShaclOptions _options;
    private readonly Dictionary<Term, Shape> _shapeCache = [];
    /// <summary>(shape, node) pairs whose conformance is being checked: re-entering one assumes it conforms (recursive shapes).</summary>
    private readonly HashSet<(Term Shape, Term Node)> _inProgress = [];
    /// <summary>Settled conformance checks; a check that relied on a recursion assumption is not kept.</summary>
    private readonly Dictionary<(Term Shape, Term Node), bool> _conforms = [];
    private int _assumptions;

    public ShaclEngine(ShaclGraph data, ShaclGraph shapes, ShaclOptions options)
    {
        _data = data;
        _shapes = shapes;
        _options = options;
    }

    public List<ValidationResult> Run()
    {
        var results = new List<ValidationResult>();
        foreach (var shapeNode in ShapesWithTargets())
        {
            var shape = GetShape(shapeNode);
            if (shape.Deactivated) continue;
            foreach (var focus in FocusNodes(shapeNode))
                ValidateShape(shape, focus, results, 0);
        }
        return results;
    }

    public Shape GetShape(Term node)
    {
        if (!_shapeCache.TryGetValue(node, out var shape)) _shapeCache[node] = shape = new Shape(_shapes, node);
        return shape;
    }

    /// <summary>Shapes that declare a target (§2.1.3), including implicit class targets (§2.1.3.3).</summary>
    private IEnumerable<Term> ShapesWithTargets()
    {
        var seen = new HashSet<Term>();
        foreach (var p in new[] { Sh.TargetNode, Sh.TargetClass, Sh.TargetSubjectsOf, Sh.TargetObjectsOf })
            foreach (var (s, _) in _shapes.WithPredicate(p))
                if (seen.Add(s)) yield return s;
        foreach (var (s, o) in _shapes.WithPredicate(Vocabulary.Rdf.Type))
            if (_shapes.IsSubClassOf(o, Sh.RdfsClass) && IsShape(s) && seen.Add(s)) yield return s;
    }

    private bool IsShape(Term node) =>
        _shapes.IsInstanceOf(node, Sh.NodeShape) || _shapes.IsInstanceOf(node, Sh.PropertyShape);

    /// <summary>The focus nodes of a shape's targets in the data graph, each once (§2.1.3).</summary>
    private List<Term> FocusNodes(Term shape)
    {
        var list = new List<Term>();
        var seen = new HashSet<Term>();
        void Add(Term t) { if (seen.Add(t)) list.Add(t); }
        foreach (var n in _shapes.Objects(shape, Sh.TargetNode)) Add(n);
        foreach (var c in _shapes.Objects(shape, Sh.TargetClass))
            foreach (var n in _data.InstancesOf(c)) Add(n);
        if (_shapes.IsInstanceOf(shape, Sh.RdfsClass) && IsShape(shape))
            foreach (var n in _data.InstancesOf(shape)) Add(n);
        foreach (var p in _shapes.Objects(shape, Sh.TargetSubjectsOf).OfType<Iri>())
            foreach (var (s, _) in _data.WithPredicate(p)) Add(s);
        foreach (var p in _shapes.Objects(shape, Sh.TargetObjectsOf).OfType<Iri>())
            foreach (var (_, o) in _data.WithPredicate(p)) Add(o);
        return list;
    }

    /// <summary>Validates one focus node against one shape (§3.4), adding results.</summary>
    private void ValidateShape(Shape shape, Term focus, List<ValidationResult> results, int depth)
    {
        if (shape.Deactivated) return;
        if (depth > _options.MaxShapeDepth) return;
        var values = shape.Path is null ? [focus] : shape.Path.Evaluate(_data, focus);
        var ctx = new Ctx(shape, focus, values, results, depth);
        var done = new HashSet<Iri>();
        foreach (var (p, o) in _shapes.Out(shape.Node))
            ApplyComponent(ctx, p, o, done);
        if (_options.EnableSparql) ApplyCustomComponents(ctx);
    }

    /// <summary>
    /// Conformance checking (§3.4 "conforms"): validating <paramref name="node"/> against the shape
    /// yields no result. A check already under way for the same pair is taken to conform, so recursive
    /// shapes terminate (the specification leaves them undefined).
    /// </summary>
    private bool Conforms(Term node, Term shapeNode, int depth)
    {
        if (_conforms.TryGetValue((shapeNode, node), out bool known)) return known;
        if (!_inProgress.Add((shapeNode, node)))
        {
            _assumptions++;
            return true;
        }
        try
        {
            int before = _assumptions;
            var results = new List<ValidationResult>();
            ValidateShape(GetShape(shapeNode), node, results, depth + 1);
            bool conforms = results.Count == 0;
            if (_assumptions == before) _conforms[(shapeNode, node)] = conforms;
            return conforms;
        }
        finally
        {
            _inProgress.Remove((shapeNode, node));
        }
    }

    /// <summary>The state of validating one focus node against one shape.</summary>
    private sealed record Ctx(Shape Shape, Term Focus, List<Term> Values, List<ValidationResult> Results, int Depth);

    private static void Report(Ctx ctx, string component, Term? value, string defaultMessage, Iri? resultPath = null) =>
        Report(ctx, Sh.Component(component), value, defaultMessage, resultPath);

    private static void Report(Ctx ctx, Iri component, Term? value, string defaultMessage, Iri? resultPath = null)
    {
        var messages = ctx.Shape.Messages.Count > 0 ? ctx.Shape.Messages : [Literal.Simple(defaultMessage)];
        ctx.Results.Add(new ValidationResult(ctx.Focus, resultPath ?? ctx.Shape.PathNode, value, ctx.Shape.Node, component, ctx.Shape.Severity, messages)
        {
            PathStructure = resultPath is not null ? new PredicatePath(resultPath) : ctx.Shape.Path,
        });
    }
}
