using DihNode.Rdf.Model;

namespace DihNode.Rdf.Shacl;

/// <summary>
/// A graph held in memory with subject and object indexes: the data graph and the shapes graph of a
/// validation (SHACL §1.4 terminology). Quads of every graph of the input are merged into one graph.
/// </summary>
internal sealed class ShaclGraph
{
    private static readonly List<(Iri, Term)> s_noOut = [];
    private static readonly List<(NamedOrBlankNode, Iri)> s_noIn = [];
    private readonly Dictionary<Term, List<(Iri P, Term O)>> _out = [];
    private readonly Dictionary<Term, List<(NamedOrBlankNode S, Iri P)>> _in = [];
    private readonly Dictionary<Iri, List<(NamedOrBlankNode S, Term O)>> _byPredicate = [];
    private readonly HashSet<Triple> _triples = [];

    public ShaclGraph(IEnumerable<Quad> quads)
    {
        foreach (var q in quads)
        {
            var p = q.Predicate;
            if (!_triples.Add(new Triple(q.Subject, p, q.Object))) continue;
            Get(_out, q.Subject).Add((p, q.Object));
            Get(_in, q.Object).Add((q.Subject, p));
            Get(_byPredicate, p).Add((q.Subject, q.Object));
        }
    }

    private static List<T> Get<TK, T>(Dictionary<TK, List<T>> d, TK key) where TK : notnull
    {
        if (!d.TryGetValue(key, out var list)) d[key] = list = [];
        return list;
    }

    public IEnumerable<Triple> Triples => _triples;

    public IReadOnlyList<(Iri P, Term O)> Out(Term s) => _out.TryGetValue(s, out var l) ? l : s_noOut;

    public IReadOnlyList<(NamedOrBlankNode S, Iri P)> In(Term o) => _in.TryGetValue(o, out var l) ? l : s_noIn;

    public IEnumerable<(NamedOrBlankNode S, Term O)> WithPredicate(Iri p) =>
        _byPredicate.TryGetValue(p, out var l) ? l : [];

    public IEnumerable<Term> Objects(Term s, Iri p)
    {
        foreach (var (pp, o) in Out(s))
            if (pp.Equals(p)) yield return o;
    }

    public Term? Object(Term s, Iri p) => Objects(s, p).FirstOrDefault();

    public IEnumerable<NamedOrBlankNode> Subjects(Iri p, Term o)
    {
        foreach (var (s, pp) in In(o))
            if (pp.Equals(p)) yield return s;
    }

    public bool Contains(Term s, Iri p, Term o) => s is NamedOrBlankNode ns && _triples.Contains(new Triple(ns, p, o));

    /// <summary>True when the boolean object of (s, p) is "true".</summary>
    public bool IsTrue(Term s, Iri p) => Object(s, p) is Literal l && l.LexicalForm == "true";

    /// <summary>The members of an RDF list (rdf:first / rdf:rest); stops at a cycle or a broken node.</summary>
    public List<Term> List(Term head)
    {
        var items = new List<Term>();
        var seen = new HashSet<Term>();
        var node = head;
        while (!node.Equals(Vocabulary.Rdf.Nil) && seen.Add(node))
        {
            if (Object(node, Vocabulary.Rdf.First) is not Term first) break;
            items.Add(first);
            if (Object(node, Vocabulary.Rdf.Rest) is not Term rest) break;
            node = rest;
        }
        return items;
    }

    /// <summary>
    /// SHACL instance (§1.4 "SHACL instance"): <paramref name="node"/> has an rdf:type that is
    /// <paramref name="cls"/> or a SHACL subclass (rdfs:subClassOf*) of it.
    /// </summary>
    public bool IsInstanceOf(Term node, Term cls)
    {
        foreach (var t in Objects(node, Vocabulary.Rdf.Type))
            if (IsSubClassOf(t, cls)) return true;
        return false;
    }

    public bool IsSubClassOf(Term sub, Term super)
    {
        var seen = new HashSet<Term>();
        var stack = new Stack<Term>();
        stack.Push(sub);
        while (stack.Count > 0)
        {
            var c = stack.Pop();
            if (c.Equals(super)) return true;
            if (!seen.Add(c)) continue;
            foreach (var s in Objects(c, Sh.SubClassOf)) stack.Push(s);
        }
        return false;
    }

    /// <summary>Every SHACL instance of <paramref name="cls"/> (its SHACL subclasses included).</summary>
    public IEnumerable<Term> InstancesOf(Term cls)
    {
        var classes = new HashSet<Term>();
        var stack = new Stack<Term>();
        stack.Push(cls);
        while (stack.Count > 0)
        {
            var c = stack.Pop();
            if (!classes.Add(c)) continue;
            foreach (var s in Subjects(Sh.SubClassOf, c)) stack.Push(s);
        }
        var seen = new HashSet<Term>();
        foreach (var c in classes)
            foreach (var s in Subjects(Vocabulary.Rdf.Type, c))
                if (seen.Add(s)) yield return s;
    }
}
