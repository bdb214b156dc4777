using System.Text;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Shacl;

/// <summary>
/// A SHACL property path (SHACL §2.3.1): a predicate, a sequence (an RDF list), or one of the
/// sh:alternativePath, sh:inversePath, sh:zeroOrMorePath, sh:oneOrMorePath, sh:zeroOrOnePath forms.
/// </summary>
internal abstract record ShaclPath
{
    /// <summary>The value nodes reached from <paramref name="focus"/> in <paramref name="g"/>, each once, in order of discovery.</summary>
    public List<Term> Evaluate(ShaclGraph g, Term focus)
    {
        var result = new List<Term>();
        var seen = new HashSet<Term>();
        foreach (var t in Step(g, focus))
            if (seen.Add(t)) result.Add(t);
        return result;
    }

    protected internal abstract IEnumerable<Term> Step(ShaclGraph g, Term from);

    /// <summary>The nodes from which this path reaches <paramref name="to"/> (the inverse path, walked backwards).</summary>
    protected internal abstract IEnumerable<Term> StepBack(ShaclGraph g, Term to);

    /// <summary>Nodes reached by repeating <paramref name="step"/> from <paramref name="from"/> (breadth first, each once).</summary>
    protected static List<Term> Closure(Term from, bool zero, bool many, Func<Term, IEnumerable<Term>> step)
    {
        var seen = new HashSet<Term>();
        var order = new List<Term>();
        if (zero && seen.Add(from)) order.Add(from);
        var frontier = new List<Term> { from };
        var expanded = new HashSet<Term>();
        while (frontier.Count > 0)
        {
            var next = new List<Term>();
            foreach (var f in frontier)
            {
                if (!expanded.Add(f)) continue;
                foreach (var n in step(f))
                {
                    if (seen.Add(n)) order.Add(n);
                    if (many) next.Add(n);
                }
            }
            frontier = next;
        }
        return order;
    }

    /// <summary>Applies <paramref name="step"/> to each node of <paramref name="current"/>, keeping each result once.</summary>
    protected static List<Term> Each(IEnumerable<Term> current, Func<Term, IEnumerable<Term>> step)
    {
        var next = new List<Term>();
        var seen = new HashSet<Term>();
        foreach (var c in current)
            foreach (var n in step(c))
                if (seen.Add(n)) next.Add(n);
        return next;
    }


    /// <summary>
    /// Writes the path as RDF (§2.3.1) with fresh blank nodes from <paramref name="fresh"/>, so that a
    /// report describes exactly the path that was used, whatever else its shapes-graph node carries.
    /// </summary>
    public abstract Term ToRdf(List<Triple> output, Func<BlankNode> fresh);

    internal static Term ListToRdf(IReadOnlyList<ShaclPath> items, List<Triple> output, Func<BlankNode> fresh)
    {
        Term head = Vocabulary.Rdf.Nil;
        for (int i = items.Count - 1; i >= 0; i--)
        {
            var node = fresh();
            output.Add(new Triple(node, Vocabulary.Rdf.First, items[i].ToRdf(output, fresh)));
            output.Add(new Triple(node, Vocabulary.Rdf.Rest, head));
            head = node;
        }
        return head;
    }

    /// <summary>The path in SPARQL property path syntax (for $PATH substitution, SHACL §5.3.1).</summary>
    public abstract void AppendSparql(StringBuilder sb);

    /// <summary>Reads the path whose node is <paramref name="node"/> in the shapes graph (§2.3.1).</summary>
    public static ShaclPath Parse(ShaclGraph shapes, Term node, int depth = 0)
    {
        if (depth > 64) throw new ShaclException($"sh:path nested too deeply at {node}");
        if (node is Iri iri) return new PredicatePath(iri);
        if (node is not BlankNode) throw new ShaclException($"ill-formed sh:path {node}: neither an IRI nor a blank node");
        if (shapes.Object(node, Vocabulary.Rdf.First) is not null)
        {
            var items = shapes.List(node);
            if (items.Count < 2) throw new ShaclException($"ill-formed sequence path {node}: fewer than two members");
            return new SequencePath([.. items.Select(i => Parse(shapes, i, depth + 1))]);
        }
        if (shapes.Object(node, Sh.AlternativePath) is Term alt)
            return new AlternativePath([.. shapes.List(alt).Select(i => Parse(shapes, i, depth + 1))]);
        if (shapes.Object(node, Sh.InversePath) is Term inv) return new InversePath(Parse(shapes, inv, depth + 1));
        if (shapes.Object(node, Sh.ZeroOrMorePath) is Term zm) return new RepeatPath(Parse(shapes, zm, depth + 1), true, true);
        if (shapes.Object(node, Sh.OneOrMorePath) is Term om) return new RepeatPath(Parse(shapes, om, depth + 1), false, true);
        if (shapes.Object(node, Sh.ZeroOrOnePath) is Term zo) return new RepeatPath(Parse(shapes, zo, depth + 1), true, false);
        throw new ShaclException($"ill-formed sh:path {node}");
    }
}

internal sealed record PredicatePath(Iri Predicate) : ShaclPath
{
    protected internal override IEnumerable<Term> Step(ShaclGraph g, Term from) => g.Objects(from, Predicate);

    protected internal override IEnumerable<Term> StepBack(ShaclGraph g, Term to) => g.Subjects(Predicate, to);

    public override void AppendSparql(StringBuilder sb) => sb.Append('<').Append(Predicate.Value).Append('>');

    public override Term ToRdf(List<Triple> output, Func<BlankNode> fresh) => Predicate;
}

internal sealed record InversePath(ShaclPath Inner) : ShaclPath
{
    protected internal override IEnumerable<Term> Step(ShaclGraph g, Term from) => Inner.StepBack(g, from);

    protected internal override IEnumerable<Term> StepBack(ShaclGraph g, Term to) => Inner.Step(g, to);

    public override Term ToRdf(List<Triple> output, Func<BlankNode> fresh)
    {
        var node = fresh();
        output.Add(new Triple(node, Sh.InversePath, Inner.ToRdf(output, fresh)));
        return node;
    }

    public override void AppendSparql(StringBuilder sb)
    {
        sb.Append("^(");
        Inner.AppendSparql(sb);
        sb.Append(')');
    }
}

internal sealed record SequencePath(IReadOnlyList<ShaclPath> Steps) : ShaclPath
{
    protected internal override IEnumerable<Term> Step(ShaclGraph g, Term from)
    {
        IEnumerable<Term> current = [from];
        foreach (var step in Steps) current = Each(current, c => step.Step(g, c));
        return current;
    }

    protected internal override IEnumerable<Term> StepBack(ShaclGraph g, Term to)
    {
        IEnumerable<Term> current = [to];
        for (int i = Steps.Count - 1; i >= 0; i--)
        {
            var step = Steps[i];
            current = Each(current, c => step.StepBack(g, c));
        }
        return current;
    }

    public override Term ToRdf(List<Triple> output, Func<BlankNode> fresh) => ListToRdf(Steps, output, fresh);

    public override void AppendSparql(StringBuilder sb)
    {
        sb.Append('(');
        for (int i = 0; i < Steps.Count; i++)
        {
            if (i > 0) sb.Append('/');
            Steps[i].AppendSparql(sb);
        }
        sb.Append(')');
    }
}

internal sealed record AlternativePath(IReadOnlyList<ShaclPath> Alternatives) : ShaclPath
{
    protected internal override IEnumerable<Term> Step(ShaclGraph g, Term from) => Alternatives.SelectMany(a => a.Step(g, from));

    protected internal override IEnumerable<Term> StepBack(ShaclGraph g, Term to) => Alternatives.SelectMany(a => a.StepBack(g, to));

    public override Term ToRdf(List<Triple> output, Func<BlankNode> fresh)
    {
        var node = fresh();
        output.Add(new Triple(node, Sh.AlternativePath, ListToRdf(Alternatives, output, fresh)));
        return node;
    }

    public override void AppendSparql(StringBuilder sb)
    {
        sb.Append('(');
        for (int i = 0; i < Alternatives.Count; i++)
        {
            if (i > 0) sb.Append('|');
            Alternatives[i].AppendSparql(sb);
        }
        sb.Append(')');
    }
}

/// <summary>sh:zeroOrMorePath (zero and many), sh:oneOrMorePath (many), sh:zeroOrOnePath (zero).</summary>
internal sealed record RepeatPath(ShaclPath Inner, bool Zero, bool Many) : ShaclPath
{
    protected internal override IEnumerable<Term> Step(ShaclGraph g, Term from) => Closure(from, Zero, Many, n => Inner.Step(g, n));

    protected internal override IEnumerable<Term> StepBack(ShaclGraph g, Term to) => Closure(to, Zero, Many, n => Inner.StepBack(g, n));

    public override Term ToRdf(List<Triple> output, Func<BlankNode> fresh)
    {
        var node = fresh();
        output.Add(new Triple(node, Zero ? (Many ? Sh.ZeroOrMorePath : Sh.ZeroOrOnePath) : Sh.OneOrMorePath, Inner.ToRdf(output, fresh)));
        return node;
    }

    public override void AppendSparql(StringBuilder sb)
    {
        sb.Append('(');
        Inner.AppendSparql(sb);
        sb.Append(')').Append(Zero ? (Many ? '*' : '?') : '+');
    }
}
