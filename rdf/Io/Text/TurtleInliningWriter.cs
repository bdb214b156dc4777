using DihNode.Rdf.Model;

namespace DihNode.Rdf.Io.Text;

/// <summary>
/// The part of the Turtle/TriG writer that decides which blank nodes are written nested, from the
/// sorted, distinct quads. A blank node is nested (<c>[ ... ]</c>, or <c>( ... )</c> for a list) when
/// it is the object of exactly one triple in the whole dataset, is no graph name, is a subject only
/// in the graph of that triple, is not on a cycle of such nodes, and the nesting stays shallower
/// than <see cref="MaxDepth"/> (parsers limit it). A blank node that is never an object, no graph
/// name and a subject in one graph only is written <c>[]</c> as a subject. Everything else keeps a label.
/// </summary>
internal sealed class TurtleInliningWriter
{
    /// <summary>Deepest nesting written; parsers refuse very deep input (RdfParserOptions.MaxNestingDepth is 128).</summary>
    internal const int MaxDepth = 48;

    private readonly Quad[] _quads;
    private readonly Dictionary<(NamedOrBlankNode? Graph, NamedOrBlankNode Subject), (int Start, int End)> _subjects = [];
    private readonly Dictionary<BlankNode, Info> _blank = [];

    private sealed class Info
    {
        public int ObjectRefs;
        public int RefQuad = -1;
        public bool IsGraphName;
        public bool IsSubject;
        public NamedOrBlankNode? SubjectGraph;
        public bool SubjectInSeveralGraphs;
        public bool Inlined;
        public byte Visit; // 0 new, 1 on the current path, 2 done
        public int Depth = -1;
    }

    public TurtleInliningWriter(Quad[] sortedDistinct)
    {
        _quads = sortedDistinct;
        CollectUses();
        MarkCandidates();
        BreakCycles();
        LimitDepth();
    }

    /// <summary>True when <paramref name="node"/> is written nested where it is the object, never as a subject block.</summary>
    public bool IsInlined(BlankNode node) => _blank.TryGetValue(node, out var info) && info.Inlined;

    /// <summary>True when a subject block for <paramref name="node"/> can start with <c>[]</c> instead of a label.</summary>
    public bool IsAnonymousSubject(BlankNode node) =>
        _blank.TryGetValue(node, out var info) && info.ObjectRefs == 0 && !info.IsGraphName && !info.SubjectInSeveralGraphs;

    /// <summary>The range of quads with this graph and subject ([start, start) when there are none).</summary>
    public (int Start, int End) Triples(NamedOrBlankNode? graph, NamedOrBlankNode subject) =>
        _subjects.TryGetValue((graph, subject), out var range) ? range : (0, 0);

    /// <summary>
    /// The items of the well-formed RDF collection (RDF 1.1 Semantics §D.3; Turtle §2.8) starting at the
    /// nested node <paramref name="head"/>, or null when it is not one: every cell a nested blank node
    /// with exactly one rdf:first and one rdf:rest and nothing else, the last rest rdf:nil.
    /// </summary>
    public List<Term>? ListItems(BlankNode head, NamedOrBlankNode? graph)
    {
        var items = new List<Term>();
        Term cell = head;
        while (!cell.Equals(Vocabulary.Rdf.Nil))
        {
            if (cell is not BlankNode b || !IsInlined(b)) return null;
            var (start, end) = Triples(graph, b);
            if (end - start != 2) return null;
            // Sorted by predicate: rdf:first comes before rdf:rest.
            if (!_quads[start].Predicate.Equals(Vocabulary.Rdf.First) || !_quads[start + 1].Predicate.Equals(Vocabulary.Rdf.Rest))
                return null;
            items.Add(_quads[start].Object);
            cell = _quads[start + 1].Object;
        }
        return items;
    }

    private Info InfoOf(BlankNode b)
    {
        if (!_blank.TryGetValue(b, out var info)) _blank.Add(b, info = new Info());
        return info;
    }

    private void CollectUses()
    {
        int i = 0;
        while (i < _quads.Length)
        {
            var q = _quads[i];
            int end = i;
            while (end < _quads.Length && Equals(_quads[end].Graph, q.Graph) && _quads[end].Subject.Equals(q.Subject)) end++;
            _subjects.Add((q.Graph, q.Subject), (i, end));
            if (q.Subject is BlankNode s)
            {
                var info = InfoOf(s);
                if (!info.IsSubject)
                {
                    info.IsSubject = true;
                    info.SubjectGraph = q.Graph;
                }
                else if (!Equals(info.SubjectGraph, q.Graph)) info.SubjectInSeveralGraphs = true;
            }
            if (q.Graph is BlankNode g) InfoOf(g).IsGraphName = true;
            for (int k = i; k < end; k++)
            {
                if (_quads[k].Object is BlankNode o)
                {
                    var info = InfoOf(o);
                    info.ObjectRefs++;
                    info.RefQuad = k;
                }
            }
            i = end;
        }
    }

    private void MarkCandidates()
    {
        foreach (var info in _blank.Values)
        {
            info.Inlined = info.ObjectRefs == 1 && !info.IsGraphName && !info.SubjectInSeveralGraphs
                && (!info.IsSubject || Equals(info.SubjectGraph, _quads[info.RefQuad].Graph));
        }
    }

    /// <summary>The nested node whose property list holds <paramref name="info"/>'s node, or null when that is a top-level subject.</summary>
    private Info? Parent(Info info) =>
        _quads[info.RefQuad].Subject is BlankNode p && _blank[p] is { Inlined: true } pi ? pi : null;

    /// <summary>
    /// Each candidate has one parent, so candidates form a functional graph; nodes on one of its
    /// cycles would never be reached from a top-level subject, so they keep labels.
    /// </summary>
    private void BreakCycles()
    {
        var path = new List<Info>();
        foreach (var start in _blank.Values)
        {
            if (!start.Inlined || start.Visit != 0) continue;
            Info? node = start;
            while (node is not null && node.Visit == 0)
            {
                node.Visit = 1;
                path.Add(node);
                node = Parent(node);
            }
            if (node is not null && node.Visit == 1)
            {
                // node is on the current path: everything from it to the end is the cycle.
                int from = path.IndexOf(node);
                for (int k = from; k < path.Count; k++) path[k].Inlined = false;
            }
            foreach (var n in path) n.Visit = 2;
            path.Clear();
        }
    }

    /// <summary>
    /// Computes nesting depths (a list cell under another cell adds none, as the collection is one
    /// level) and writes nodes deeper than <see cref="MaxDepth"/> as labelled subjects instead.
    /// </summary>
    private void LimitDepth()
    {
        var path = new List<Info>();
        foreach (var start in _blank.Values)
        {
            if (!start.Inlined || start.Depth >= 0) continue;
            Info? node = start;
            while (node is not null && node.Depth < 0)
            {
                path.Add(node);
                node = Parent(node);
            }
            int depth = node?.Depth ?? 0;
            for (int k = path.Count - 1; k >= 0; k--)
            {
                var n = path[k];
                int d = IsListContinuation(n) ? depth : depth + 1;
                if (d > MaxDepth)
                {
                    n.Inlined = false;
                    d = 0;
                }
                n.Depth = d;
                depth = d;
            }
            path.Clear();
        }
    }

    /// <summary>True when the node is the rdf:rest of a nested list cell and looks like a cell itself.</summary>
    private bool IsListContinuation(Info info)
    {
        var q = _quads[info.RefQuad];
        if (!q.Predicate.Equals(Vocabulary.Rdf.Rest) || q.Subject is not BlankNode parent || !_blank[parent].Inlined) return false;
        return IsCellShaped(q.Graph, parent) && IsCellShaped(q.Graph, (BlankNode)q.Object);
    }

    private bool IsCellShaped(NamedOrBlankNode? graph, BlankNode b)
    {
        var (start, end) = Triples(graph, b);
        return end - start == 2 && _quads[start].Predicate.Equals(Vocabulary.Rdf.First)
            && _quads[start + 1].Predicate.Equals(Vocabulary.Rdf.Rest);
    }
}
