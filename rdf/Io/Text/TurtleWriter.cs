using System.Text;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Io.Text;

/// <summary>
/// Writes readable Turtle (https://www.w3.org/TR/turtle/) or TriG (https://www.w3.org/TR/trig/).
/// Grouping needs every statement, so quads are buffered in one list and sorted once at
/// <see cref="Finish"/>: graph by graph (default graph first, then named graphs as <c>&lt;g&gt; { ... }</c>),
/// subject by subject (IRIs in code-point order, then blank nodes), <c>a</c> first, then predicates
/// in order, objects joined with <c>,</c>. Blank nodes that <see cref="TurtleInliningWriter"/> finds
/// safe to nest are written as <c>[ ... ]</c> or <c>( ... )</c>; all others get a <c>_:label</c>.
/// Turtle refuses a quad in a named graph (it could not be read back into that graph).
/// </summary>
internal sealed class TurtleWriter : IRdfWriter
{
    private const string Indent = "    ";

    private readonly Stream _output;
    private readonly bool _trig;
    private readonly RdfWriterOptions? _options;
    private List<Quad> _quads = [];
    private Dictionary<string, string>? _sourcePrefixes;
    private bool _finished;

    // Set during Finish.
    private Quad[] _sorted = [];
    private TurtleInliningWriter _plan = null!;
    private TurtleTermWriter _terms = null!;
    private readonly NTriplesBlankNodeLabelWriter _labels = new();

    public TurtleWriter(Stream output, bool trig, RdfWriterOptions? options)
    {
        _output = output;
        _trig = trig;
        _options = options;
        // Fail early on a bad prefix rather than at Finish.
        _ = new TurtleTermWriter(options?.Prefixes, options?.BaseIri);
    }

    public void Add(in Quad quad)
    {
        if (_finished) NTriplesWriter.ThrowFinished();
        if (quad.Graph is not null && !_trig) NTriplesWriter.ThrowNamedGraph("Turtle", quad, "TriG or N-Quads");
        _quads.Add(quad);
    }

    /// <summary>
    /// Keeps a prefix the source document declared, so a conversion keeps its names. Prefixes given in
    /// the options win over a source prefix of the same name.
    /// </summary>
    public void OnPrefix(string prefix, string namespaceIri)
    {
        if (!TurtleTermWriter.IsPnPrefix(prefix)) return;
        (_sourcePrefixes ??= new Dictionary<string, string>(StringComparer.Ordinal))[prefix] = namespaceIri;
    }

    public void Finish()
    {
        if (_finished) return;
        _finished = true;
        _sorted = TurtleTermOrder.SortDistinct(_quads);
        _quads = [];
        _plan = new TurtleInliningWriter(_sorted);
        _terms = new TurtleTermWriter(WriterPrefixes.Merge(_sourcePrefixes, _options), _options?.BaseIri);

        // The body first, so that only the default prefixes (rdf:, xsd:) it really used get declared.
        var body = new StringWriter(new StringBuilder()) { NewLine = "\n" };
        WriteBody(body);

        using var w = RdfWriter.Text(_output);
        bool header = false;
        if (_options?.BaseIri is { } baseIri)
        {
            w.Write("@base ");
            NTriplesTermWriter.WriteIri(w, baseIri);
            w.Write(" .\n");
            header = true;
        }
        foreach (var (prefix, ns) in _terms.Declarations)
        {
            if (!_terms.IsRequested(prefix) && !_terms.Used.Contains(prefix)) continue;
            w.Write("@prefix ");
            w.Write(prefix);
            w.Write(": ");
            NTriplesTermWriter.WriteIri(w, ns);
            w.Write(" .\n");
            header = true;
        }
        var text = body.GetStringBuilder();
        if (header && text.Length > 0) w.Write('\n');
        foreach (var chunk in text.GetChunks()) w.Write(chunk.Span);
        w.Flush();
    }

    public void Dispose() => _quads = [];

    private void WriteBody(TextWriter w)
    {
        bool firstBlock = true;
        int i = 0;
        while (i < _sorted.Length)
        {
            var graph = _sorted[i].Graph;
            int end = i;
            while (end < _sorted.Length && Equals(_sorted[end].Graph, graph)) end++;
            if (!firstBlock) w.Write('\n');
            firstBlock = false;
            if (graph is null)
            {
                WriteSubjects(w, i, end, "");
            }
            else
            {
                WriteNode(w, graph);
                w.Write(" {\n");
                WriteSubjects(w, i, end, Indent);
                w.Write("}\n");
            }
            i = end;
        }
    }

    /// <summary>Writes the subject blocks of one graph (quads [start, end)), skipping nested blank nodes.</summary>
    private void WriteSubjects(TextWriter w, int start, int end, string indent)
    {
        bool first = true;
        int i = start;
        while (i < end)
        {
            var subject = _sorted[i].Subject;
            int stop = i;
            while (stop < end && _sorted[stop].Subject.Equals(subject)) stop++;
            if (subject is not BlankNode b || !_plan.IsInlined(b))
            {
                if (!first) w.Write('\n');
                first = false;
                w.Write(indent);
                if (subject is BlankNode anon && _plan.IsAnonymousSubject(anon)) w.Write("[]");
                else WriteNode(w, subject);
                w.Write(' ');
                WritePredicateObjects(w, i, stop, indent + Indent);
                w.Write(" .\n");
            }
            i = stop;
        }
    }

    /// <summary>
    /// Writes "p o1, o2 ;\n{indent}q o3" for quads [start, end) of one subject; the first predicate
    /// goes on the current line, the others on new lines at <paramref name="indent"/>.
    /// </summary>
    private void WritePredicateObjects(TextWriter w, int start, int end, string indent)
    {
        int i = start;
        while (i < end)
        {
            var predicate = _sorted[i].Predicate;
            if (i > start)
            {
                w.Write(" ;\n");
                w.Write(indent);
            }
            if (predicate.Equals(Vocabulary.Rdf.Type)) w.Write('a');
            else _terms.WriteIri(w, predicate.Value);
            w.Write(' ');
            bool firstObject = true;
            for (; i < end && _sorted[i].Predicate.Equals(predicate); i++)
            {
                if (!firstObject) w.Write(", ");
                firstObject = false;
                WriteObject(w, _sorted[i].Object, _sorted[i].Graph, indent);
            }
        }
    }

    private void WriteObject(TextWriter w, Term o, NamedOrBlankNode? graph, string indent)
    {
        switch (o)
        {
            case Literal l:
                _terms.WriteLiteral(w, l);
                return;
            case Iri iri when iri.Equals(Vocabulary.Rdf.Nil):
                w.Write("()");
                return;
            case BlankNode b when _plan.IsInlined(b):
                WriteNested(w, b, graph, indent);
                return;
            default:
                WriteNode(w, (NamedOrBlankNode)o);
                return;
        }
    }

    /// <summary>Writes a nested blank node as a collection <c>( ... )</c> or a property list <c>[ ... ]</c>.</summary>
    private void WriteNested(TextWriter w, BlankNode b, NamedOrBlankNode? graph, string indent)
    {
        var items = _plan.ListItems(b, graph);
        if (items is not null)
        {
            w.Write('(');
            foreach (var item in items)
            {
                w.Write(' ');
                WriteObject(w, item, graph, indent);
            }
            w.Write(" )");
            return;
        }
        var (start, end) = _plan.Triples(graph, b);
        if (start == end)
        {
            w.Write("[]");
        }
        else if (end - start == 1 && !(_sorted[start].Object is BlankNode nested && _plan.IsInlined(nested)))
        {
            w.Write("[ ");
            WritePredicateObjects(w, start, end, indent);
            w.Write(" ]");
        }
        else
        {
            string inner = indent + Indent;
            w.Write("[\n");
            w.Write(inner);
            WritePredicateObjects(w, start, end, inner);
            w.Write('\n');
            w.Write(indent);
            w.Write(']');
        }
    }

    private void WriteNode(TextWriter w, NamedOrBlankNode node)
    {
        if (node is Iri iri) _terms.WriteIri(w, iri.Value);
        else _labels.Write(w, (BlankNode)node);
    }
}
