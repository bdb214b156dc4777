using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Xml;
using DihNode.Rdf.Io.Text;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Io.RdfXml;

/// <summary>
/// Streams RDF/XML (RDF 1.1 XML Syntax, https://www.w3.org/TR/rdf-syntax-grammar/) into a sink with
/// one forward-only <see cref="XmlReader"/>: the grammar of §7.2 is walked as recursive descent over
/// the element tree, node element / property element in turn ("striping", §2.1), and each triple is
/// emitted as soon as its three terms are known, so no document tree is ever built.
/// </summary>
/// <remarks>
/// Safe by construction: DTDs are prohibited (no entity can be declared, so neither external entities
/// nor entity expansion bombs exist), no resolver is set, and element nesting is bounded by
/// <see cref="RdfParserOptions.MaxNestingDepth"/> (two XML levels per nested node, since node and
/// property elements alternate), checked before any recursion. Every error is an
/// <see cref="RdfSyntaxException"/> with the reader's line and column.
/// </remarks>
internal sealed partial class RdfXmlParser
{
    private static readonly Iri s_xmlLiteral = Iri.FromTrusted(RdfXmlNames.XmlLiteral);
    private static readonly Iri s_statement = Iri.FromTrusted(RdfXmlNames.Rdf + "Statement");
    private static readonly Iri s_subject = Iri.FromTrusted(RdfXmlNames.Rdf + "subject");
    private static readonly Iri s_predicate = Iri.FromTrusted(RdfXmlNames.Rdf + "predicate");
    private static readonly Iri s_object = Iri.FromTrusted(RdfXmlNames.Rdf + "object");

    private readonly Stream _input;
    private readonly IQuadSink _sink;
    private readonly RdfParserOptions _options;
    private readonly BlankNodeLabels _blankNodes;
    private readonly int _maxXmlDepth;
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Ns, string Local), Iri> _iris = new(NamePairComparer.Instance);
    private const int MaxCachedIris = 1 << 16;
    private readonly Dictionary<string, Iri> _absolute = new(StringComparer.Ordinal);
    private XmlReader _reader = null!;

    /// <summary>The base IRI in scope (xml:base, §5.3), null when there is none.</summary>
    private string? _base;

    /// <summary>The language in scope (xml:lang), null for none or after xml:lang="".</summary>
    private string? _lang;

    public RdfXmlParser(Stream input, IQuadSink sink, RdfParserOptions options)
    {
        _input = input;
        _sink = sink;
        _options = options;
        _blankNodes = new BlankNodeLabels(options.BlankNodePrefix);
        _base = options.BaseIri;
        _maxXmlDepth = 2 * Math.Max(1, options.MaxNestingDepth) + 1;
    }

    public void Parse()
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = false,
            IgnoreWhitespace = false,
            IgnoreProcessingInstructions = false,
            CloseInput = false,
        };
        try
        {
            using (_reader = XmlReader.Create(_input, settings))
            {
                if (Prolog() != XmlNodeType.Element) Fail("the document has no root element");
                if (_reader.NamespaceURI == RdfXmlNames.Rdf && _reader.LocalName == "RDF") RdfElement();
                else NodeElement();
                while (_reader.Read())
                {
                    // Only comments, processing instructions and white space may follow the root (XML 1.0 §2.1).
                }
            }
        }
        catch (XmlException e)
        {
            // The reader gives a prohibited DTD no position: it starts where the prolog's last white space ends.
            if (e.LineNumber == 0 && _prologEnd.Line > 0)
                throw new RdfSyntaxException(XmlProblem(e), _prologEnd.Line, _prologEnd.Column, _options.SourceName);
            throw new RdfSyntaxException(XmlProblem(e), Math.Max(1, e.LineNumber), Math.Max(1, e.LinePosition), _options.SourceName);
        }
        catch (InsufficientExecutionStackException)
        {
            Fail("elements nested too deeply for the parser's stack");
        }
    }

    /// <summary>Where the prolog read so far ends, known after white space (for errors the reader places nowhere).</summary>
    private (long Line, long Column) _prologEnd;

    /// <summary>Reads up to the root element (or the end), noting where each white-space run of the prolog ends.</summary>
    private XmlNodeType Prolog()
    {
        while (_reader.Read())
        {
            if (_reader.NodeType == XmlNodeType.Element) return XmlNodeType.Element;
            if (_reader.NodeType == XmlNodeType.Whitespace && _reader is IXmlLineInfo info && info.HasLineInfo())
            {
                long line = info.LineNumber, column = info.LinePosition;
                foreach (char c in _reader.Value)
                {
                    if (c == '\n') { line++; column = 1; }
                    else column++;
                }
                _prologEnd = (line, column);
            }
        }
        return XmlNodeType.None;
    }

    /// <summary>rdf:RDF (§7.2.9): only xml:* and namespace attributes, then node elements.</summary>
    private void RdfElement()
    {
        var saved = (_base, _lang);
        var attributes = ReadAttributes();
        if (attributes.HasAnyRdfAttribute) Fail("rdf:RDF takes no attributes other than xml:base, xml:lang and namespace declarations");
        if (!_reader.IsEmptyElement)
        {
            while (Read())
            {
                switch (_reader.NodeType)
                {
                    case XmlNodeType.Element: NodeElement(); break;
                    case XmlNodeType.EndElement: (_base, _lang) = saved; return;
                    case XmlNodeType.Text or XmlNodeType.CDATA: FailText(); break;
                }
            }
        }
        (_base, _lang) = saved;
    }

    /// <summary>Reads the next node; the end of the input inside an element is an error, and so is nesting past the limit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Read()
    {
        if (!_reader.Read()) Fail("unexpected end of input inside an element");
        if (_reader.NodeType == XmlNodeType.Element && _reader.Depth > _maxXmlDepth)
            Fail($"elements are nested more than {_maxXmlDepth} levels deep (MaxNestingDepth is {_options.MaxNestingDepth} nested nodes)");
        return true;
    }

    private void Emit(NamedOrBlankNode subject, Iri predicate, Term obj) =>
        _sink.Add(new Quad(subject, predicate, obj, null));

    /// <summary>Reification of a property element with rdf:ID (§7.3): four triples about the statement.</summary>
    private void Reify(Iri statement, NamedOrBlankNode subject, Iri predicate, Term obj)
    {
        Emit(statement, Vocabulary.Rdf.Type, s_statement);
        Emit(statement, s_subject, subject);
        Emit(statement, s_predicate, predicate);
        Emit(statement, s_object, obj);
    }

    /// <summary>The IRI an element or attribute name stands for: namespace name + local name (§6.1.2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Iri NameIri(string ns, string local, string what)
    {
        if (ns.Length == 0) Fail($"the {what} <{local}> has no namespace, so it names no IRI");
        // The reader's name table hands out one string instance per name, so the pair of references is the key.
        if (_iris.TryGetValue((ns, local), out var iri)) return iri;
        string value = string.Concat(ns, local);
        if (Iri.Validate(value) is { } problem) Fail($"the {what} {ns}{local} is not an IRI: {problem}");
        iri = Iri.FromTrusted(value);
        if (_iris.Count < 4096) _iris.Add((ns, local), iri);
        return iri;
    }

    /// <summary>Resolves an IRI reference against the base in scope (RFC 3986 §5.2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Iri Resolve(string reference)
    {
        string value;
        // An absolute IRI without dot segments resolves to itself (RFC 3986 §5.2.2): skip the work,
        // and hand out one object per IRI, which lets a store recognise repeats by identity.
        if (IriResolver.HasScheme(reference) && !reference.Contains("/.", StringComparison.Ordinal) && !reference.Contains(":.", StringComparison.Ordinal))
        {
            if (_absolute.TryGetValue(reference, out var known)) return known;
            if (Iri.Validate(reference) is { } invalid) Fail($"<{reference}> is not an IRI: {invalid}");
            if (_absolute.Count >= MaxCachedIris) _absolute.Clear();
            var iri = Iri.FromTrusted(reference);
            _absolute.Add(reference, iri);
            return iri;
        }
        if (_base is not null) value = IriResolver.Resolve(_base, reference);
        else if (IriResolver.HasScheme(reference)) value = IriResolver.Resolve(reference, reference);
        else value = Fail<string>($"the relative IRI <{reference}> cannot be resolved: there is no base IRI");
        if (Iri.Validate(value) is { } problem) Fail($"<{value}> is not an IRI: {problem}");
        return Iri.FromTrusted(value);
    }

    /// <summary>The IRI of rdf:ID="name" (§5.4): base + "#" + name, an NCName used once per base.</summary>
    private Iri IdIri(string id)
    {
        if (!RdfXmlNames.IsNCName(id)) Fail($"rdf:ID \"{id}\" is not an XML NCName");
        var iri = Resolve("#" + id);
        if (!_ids.Add(iri.Value)) Fail($"rdf:ID \"{id}\" is used twice with the same base IRI (<{iri.Value}>)");
        return iri;
    }

    private BlankNode NodeIdBlankNode(string nodeId)
    {
        if (!RdfXmlNames.IsNCName(nodeId)) Fail($"rdf:nodeID \"{nodeId}\" is not an XML NCName");
        return _blankNodes.FromLabel(nodeId);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Literal MakeLiteral(string text, string? datatype)
    {
        if (datatype is null)
            return _lang is null ? Literal.Simple(text) : Literal.LangString(text, _lang);
        var dt = Resolve(datatype);
        if (dt.Equals(Vocabulary.Rdf.LangString)) Fail("rdf:datatype cannot be rdf:langString (use xml:lang)");
        return Literal.Typed(text, dt);
    }

    private void FailText() => Fail($"text \"{Abbreviate(_reader.Value.Trim())}\" is not allowed here: only elements may appear");

    private static string Abbreviate(string s) => s.Length <= 40 ? s : s[..40] + "...";

    [DoesNotReturn]
    private void Fail(string problem) => Fail<object>(problem);

    [DoesNotReturn]
    private T Fail<T>(string problem)
    {
        var info = _reader as IXmlLineInfo;
        long line = info is { } i && i.HasLineInfo() ? i.LineNumber : 1;
        long column = info is { } j && j.HasLineInfo() ? j.LinePosition : 1;
        throw new RdfSyntaxException(problem, Math.Max(1, line), Math.Max(1, column), _options.SourceName);
    }

    /// <summary>The reader's message without its own trailing "Line L, position P.", which the exception carries anyway.</summary>
    private static string XmlProblem(XmlException e)
    {
        string message = e.Message;
        if (message.Contains("DTD", StringComparison.Ordinal))
            return "DOCTYPE declarations are not allowed: RDF/XML input is read without DTDs, so no entity can be declared or expanded";
        int at = message.LastIndexOf(" Line ", StringComparison.Ordinal);
        return at > 0 ? "XML: " + message[..at] : "XML: " + message;
    }

    /// <summary>Compares name pairs by reference, falling back to ordinal equality (names need not be atomised).</summary>
    private sealed class NamePairComparer : IEqualityComparer<(string Ns, string Local)>
    {
        public static readonly NamePairComparer Instance = new();

        public bool Equals((string Ns, string Local) x, (string Ns, string Local) y) =>
            (ReferenceEquals(x.Ns, y.Ns) || string.Equals(x.Ns, y.Ns, StringComparison.Ordinal))
            && (ReferenceEquals(x.Local, y.Local) || string.Equals(x.Local, y.Local, StringComparison.Ordinal));

        public int GetHashCode((string Ns, string Local) obj) => HashCode.Combine(obj.Ns.Length, obj.Local.GetHashCode(StringComparison.Ordinal));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CheckStack() => RuntimeHelpers.EnsureSufficientExecutionStack();
}
