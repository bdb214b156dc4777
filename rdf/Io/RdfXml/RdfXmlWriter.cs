using System.Diagnostics.CodeAnalysis;
using System.Text;
using DihNode.Rdf.Io.Text;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Io.RdfXml;

/// <summary>
/// Writes readable RDF/XML (RDF 1.1 XML Syntax, https://www.w3.org/TR/rdf-syntax-grammar/).
/// Statements are buffered and sorted at <see cref="Finish"/> like the Turtle writer's; each subject
/// becomes one node element, named by its first rdf:type that is a QName (a typed node element,
/// §2.13) or rdf:Description, with rdf:about (IRI), rdf:nodeID (blank node used elsewhere) or
/// nothing (blank node never used as an object). Property elements carry rdf:resource, rdf:nodeID,
/// rdf:datatype or xml:lang; blank nodes used once are nested inside the property element, and
/// well-formed lists of resources as rdf:parseType="Collection" (the same choice the Turtle writer
/// makes, by <see cref="TurtleInliningWriter"/>). rdf:XMLLiteral values are written as text with
/// rdf:datatype, which reads back as the same literal. <see cref="RdfWriterOptions.BaseIri"/> is declared
/// as xml:base; IRIs are still written in full.
/// </summary>
/// <remarks>
/// RDF/XML cannot express everything: a predicate IRI that does not end in an XML name (§2.1), or
/// is one of the syntax names (rdf:li, rdf:about, ...), is refused when added; text holding
/// characters XML 1.0 forbids (most control characters) is refused at <see cref="Finish"/>; named
/// graphs are refused (RDF/XML holds one graph). Each refusal is an <see cref="InvalidOperationException"/>
/// naming the statement or term.
/// </remarks>
internal sealed partial class RdfXmlWriter : IRdfWriter
{
    private const string Indent = "  ";

    private readonly Stream _output;
    private readonly RdfWriterOptions? _options;
    private readonly HashSet<Iri> _checkedPredicates = [];
    private List<Quad> _quads = [];
    private Dictionary<string, string>? _sourcePrefixes;
    private bool _finished;

    // Set during Finish.
    private Quad[] _sorted = [];
    private TurtleInliningWriter _plan = null!;
    private RdfXmlNamespaces _names = null!;
    private readonly Dictionary<string, string> _nodeIds = new(StringComparer.Ordinal);

    public RdfXmlWriter(Stream output, RdfWriterOptions? options)
    {
        _output = output;
        _options = options;
        if (options?.Prefixes is { } prefixes)
            foreach (var (prefix, ns) in prefixes)
                if (!RdfXmlNamespaces.IsUsablePrefix(prefix))
                    throw new ArgumentException($"'{prefix}' cannot be an XML namespace prefix (an NCName not starting with \"xml\").", nameof(options));
    }

    public void Add(in Quad quad)
    {
        if (_finished) NTriplesWriter.ThrowFinished();
        if (quad.Graph is not null) NTriplesWriter.ThrowNamedGraph("RDF/XML", quad, "TriG or N-Quads");
        if (_checkedPredicates.Add(quad.Predicate)) CheckPredicate(quad);
        _quads.Add(quad);
    }

    /// <summary>Keeps a prefix the source document declared; prefixes in the options win.</summary>
    public void OnPrefix(string prefix, string namespaceIri)
    {
        if (!RdfXmlNamespaces.IsUsablePrefix(prefix)) return;
        (_sourcePrefixes ??= new Dictionary<string, string>(StringComparer.Ordinal))[prefix] = namespaceIri;
    }

    private static void CheckPredicate(in Quad quad)
    {
        string iri = quad.Predicate.Value;
        if (!RdfXmlNames.TrySplitQName(iri, out string ns, out string local))
            throw new InvalidOperationException(
                $"RDF/XML cannot write the predicate <{iri}> (in {quad.Triple}): it does not end in an XML name " +
                "(a letter or '_' followed by letters, digits, '-', '.' or '_'), so it has no QName; write Turtle, N-Triples or JSON-LD instead.");
        if (!RdfXmlNames.IsAllowedPropertyElement(ns, local) || (ns == RdfXmlNames.Rdf && local == "li"))
            throw new InvalidOperationException(
                $"RDF/XML cannot write the predicate <{iri}> (in {quad.Triple}): rdf:{local} is a syntax name, not a property, in RDF/XML.");
    }

    public void Finish()
    {
        if (_finished) return;
        _finished = true;
        _sorted = TurtleTermOrder.SortDistinct(_quads);
        _quads = [];
        _plan = new TurtleInliningWriter(_sorted);
        _names = new RdfXmlNamespaces(WriterPrefixes.Merge(_sourcePrefixes, _options) ?? new Dictionary<string, string>());
        // Name every predicate and type element first, so that rdf:RDF declares all prefixes the body
        // uses: of each subject's types (sorted first), only the first that can name its element.
        NamedOrBlankNode? typed = null;
        foreach (var q in _sorted)
        {
            _names.QName(q.Predicate);
            if (q.Predicate.Equals(Vocabulary.Rdf.Type) && q.Object is Iri type && !q.Subject.Equals(typed) && TypeElementName(type) is not null)
                typed = q.Subject;
        }

        using var w = RdfWriter.Text(_output);
        w.Write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rdf:RDF");
        for (int i = 0; i < _names.Declarations.Count; i++)
        {
            var (prefix, ns) = _names.Declarations[i];
            w.Write(i == 0 ? " xmlns:" : "\n    xmlns:");
            w.Write(prefix);
            w.Write("=\"");
            WriteAttributeText(w, ns);
            w.Write('"');
        }
        if (_options?.BaseIri is { } baseIri)
        {
            w.Write("\n    xml:base=\"");
            WriteAttributeText(w, baseIri);
            w.Write('"');
        }
        w.Write(">\n");
        WriteSubjects(w);
        w.Write("</rdf:RDF>\n");
        w.Flush();
    }

    public void Dispose() => _quads = [];

    /// <summary>The element name for a node of type <paramref name="type"/>, or null when it cannot name a node element.</summary>
    private string? TypeElementName(Iri type)
    {
        if (!RdfXmlNames.TrySplitQName(type.Value, out string ns, out string local)) return null;
        if (!RdfXmlNames.IsAllowedNodeElement(ns, local) || (ns == RdfXmlNames.Rdf && local == "Description")) return null;
        return _names.QName(type);
    }

    /// <summary>The rdf:nodeID for a blank node: its label when that is an NCName, otherwise a fresh "_g" name.</summary>
    private string NodeId(BlankNode node)
    {
        string label = node.Label;
        if (RdfXmlNames.IsNCName(label) && !label.StartsWith("_g", StringComparison.Ordinal)) return label;
        if (!_nodeIds.TryGetValue(label, out string? id))
        {
            id = "_g" + _nodeIds.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _nodeIds.Add(label, id);
        }
        return id;
    }

    [DoesNotReturn]
    private static void ThrowUnwritableText(string text, char c) =>
        throw new InvalidOperationException(
            $"RDF/XML cannot hold the character U+{(int)c:X4} (XML 1.0 §2.2 forbids it) in \"{(text.Length > 60 ? text[..60] + "..." : text)}\"; write N-Triples or Turtle instead.");
}
