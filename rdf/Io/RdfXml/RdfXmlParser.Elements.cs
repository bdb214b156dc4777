using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Io.RdfXml;

internal sealed partial class RdfXmlParser
{
    /// <summary>
    /// nodeElement (§7.2.11): the subject from rdf:about, rdf:ID or rdf:nodeID (a fresh blank node when
    /// none), an rdf:type triple unless the element is rdf:Description, the property attributes, then
    /// the property elements. The reader ends on the element's end (or on the element itself when empty).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private NamedOrBlankNode NodeElement()
    {
        CheckStack();
        string ns = _reader.NamespaceURI, local = _reader.LocalName;
        if (!RdfXmlNames.IsAllowedNodeElement(ns, local)) Fail($"rdf:{local} cannot be used as a node element");
        var typeIri = ns == RdfXmlNames.Rdf && local == "Description" ? null : NameIri(ns, local, "element");
        bool empty = _reader.IsEmptyElement;
        var saved = (_base, _lang);
        var a = ReadAttributes();
        if (a.Resource is not null) Fail("rdf:resource is only allowed on property elements");
        if (a.Datatype is not null) Fail("rdf:datatype is only allowed on property elements");
        if (a.ParseType is not null) Fail("rdf:parseType is only allowed on property elements");
        if ((a.Id is null ? 0 : 1) + (a.About is null ? 0 : 1) + (a.NodeId is null ? 0 : 1) > 1)
            Fail("a node element takes at most one of rdf:ID, rdf:about and rdf:nodeID");

        NamedOrBlankNode subject =
            a.About is not null ? Resolve(a.About)
            : a.Id is not null ? IdIri(a.Id)
            : a.NodeId is not null ? NodeIdBlankNode(a.NodeId)
            : _blankNodes.Fresh();
        if (typeIri is not null) Emit(subject, Vocabulary.Rdf.Type, typeIri);
        EmitPropertyAttributes(subject, a.Properties);
        if (!empty) PropertyElements(subject);
        (_base, _lang) = saved;
        return subject;
    }

    /// <summary>propertyEltList (§7.2.13): property elements and white space up to the parent's end tag.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PropertyElements(NamedOrBlankNode subject)
    {
        int li = 0;
        while (Read())
        {
            switch (_reader.NodeType)
            {
                case XmlNodeType.Element: PropertyElement(subject, ref li); break;
                case XmlNodeType.EndElement: return;
                case XmlNodeType.Text or XmlNodeType.CDATA: FailText(); break;
            }
        }
    }

    /// <summary>
    /// propertyElt (§7.2.14): chooses among resourcePropertyElt, literalPropertyElt, the three
    /// parseType forms and emptyPropertyElt by the attributes and, where they leave it open, by the content.
    /// rdf:li becomes rdf:_1, rdf:_2, ... counted per subject (§7.4).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PropertyElement(NamedOrBlankNode subject, ref int li)
    {
        string ns = _reader.NamespaceURI, local = _reader.LocalName;
        Iri predicate;
        if (ns == RdfXmlNames.Rdf && local == "li")
            predicate = Iri.FromTrusted(RdfXmlNames.Rdf + "_" + (++li).ToString(CultureInfo.InvariantCulture));
        else if (!RdfXmlNames.IsAllowedPropertyElement(ns, local))
            predicate = Fail<Iri>($"rdf:{local} cannot be used as a property element");
        else predicate = NameIri(ns, local, "element");

        bool empty = _reader.IsEmptyElement;
        var saved = (_base, _lang);
        var a = ReadAttributes();
        if (a.About is not null) Fail("rdf:about is only allowed on node elements");
        var statement = a.Id is null ? null : IdIri(a.Id);

        Term obj;
        if (a.ParseType is not null)
        {
            if (a.Resource is not null || a.NodeId is not null || a.Datatype is not null || a.Properties is not null)
                Fail("rdf:parseType cannot be combined with rdf:resource, rdf:nodeID, rdf:datatype or property attributes");
            switch (a.ParseType)
            {
                case "Resource":
                {
                    // parseTypeResourcePropertyElt (§7.2.18): the content are property elements of a new blank node.
                    var node = _blankNodes.Fresh();
                    Emit(subject, predicate, node);
                    if (statement is not null) Reify(statement, subject, predicate, node);
                    if (!empty) PropertyElements(node);
                    (_base, _lang) = saved;
                    return;
                }
                case "Collection":
                    obj = empty ? Vocabulary.Rdf.Nil : Collection();
                    break;
                default:
                    // parseTypeLiteralPropertyElt (§7.2.17); any other value is read as "Literal" (§7.2.20).
                    obj = Literal.Typed(empty ? "" : XmlLiteral(), s_xmlLiteral);
                    break;
            }
        }
        else if (empty) obj = EmptyPropertyObject(a);
        else obj = PropertyContent(a);

        Emit(subject, predicate, obj);
        if (statement is not null) Reify(statement, subject, predicate, obj);
        (_base, _lang) = saved;
    }

    /// <summary>
    /// The object of a property element with content: one node element (resourcePropertyElt, §7.2.15)
    /// or text (literalPropertyElt, §7.2.16). Comments do not count; white space around a node element is ignored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Term PropertyContent(ElementAttributes a)
    {
        StringBuilder? text = null;
        string? single = null;
        Term? node = null;
        while (Read())
        {
            switch (_reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    if (node is not null)
                    {
                        if (_reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA && !string.IsNullOrWhiteSpace(_reader.Value))
                            Fail("a property element holds either one node element or text, not both");
                    }
                    else if (single is null && text is null) single = _reader.Value;
                    else (text ??= new StringBuilder(single)).Append(_reader.Value);
                    break;
                case XmlNodeType.Element:
                    if (node is not null) Fail("a property element can hold only one node element");
                    if (!IsWhiteSpace(text, single)) Fail("a property element holds either one node element or text, not both");
                    if (a.Resource is not null || a.NodeId is not null || a.Datatype is not null || a.Properties is not null)
                        Fail("a property element with rdf:resource, rdf:nodeID, rdf:datatype or property attributes must be empty");
                    node = NodeElement();
                    break;
                case XmlNodeType.EndElement:
                    if (node is not null) return node;
                    if (a.Resource is not null || a.NodeId is not null || a.Properties is not null)
                    {
                        if (IsWhiteSpace(text, single)) return EmptyPropertyObject(a);
                        Fail("a property element with rdf:resource, rdf:nodeID or property attributes must be empty");
                    }
                    return MakeLiteral(text?.ToString() ?? single ?? "", a.Datatype);
            }
        }
        return Fail<Term>("unexpected end of input");
    }

    private static bool IsWhiteSpace(StringBuilder? text, string? single)
    {
        if (text is null) return single is null || string.IsNullOrWhiteSpace(single);
        foreach (var chunk in text.GetChunks())
            foreach (char c in chunk.Span)
                if (c is not (' ' or '\t' or '\n' or '\r')) return false;
        return true;
    }

    /// <summary>
    /// emptyPropertyElt (§7.2.21): an empty literal (with the language in scope, or rdf:datatype) when
    /// the element has no other attributes; otherwise a resource, from rdf:resource or rdf:nodeID or a
    /// fresh blank node, which receives the property attributes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Term EmptyPropertyObject(ElementAttributes a)
    {
        if (a.Resource is null && a.NodeId is null && a.Properties is null)
            return MakeLiteral("", a.Datatype);
        if (a.Resource is not null && a.NodeId is not null) Fail("rdf:resource and rdf:nodeID cannot both be given");
        if (a.Datatype is not null) Fail("rdf:datatype is only allowed on a literal property element");
        NamedOrBlankNode obj = a.Resource is not null ? Resolve(a.Resource)
            : a.NodeId is not null ? NodeIdBlankNode(a.NodeId)
            : _blankNodes.Fresh();
        EmitPropertyAttributes(obj, a.Properties);
        return obj;
    }

    /// <summary>parseTypeCollectionPropertyElt (§7.2.19): node elements become an rdf:first / rdf:rest list.</summary>
    private Term Collection()
    {
        List<NamedOrBlankNode>? items = null;
        while (Read())
        {
            switch (_reader.NodeType)
            {
                case XmlNodeType.Element: (items ??= []).Add(NodeElement()); break;
                case XmlNodeType.Text or XmlNodeType.CDATA: FailText(); break;
                case XmlNodeType.EndElement:
                    if (items is null) return Vocabulary.Rdf.Nil;
                    var head = _blankNodes.Fresh();
                    var cell = head;
                    for (int i = 0; i < items.Count; i++)
                    {
                        Emit(cell, Vocabulary.Rdf.First, items[i]);
                        var next = i + 1 < items.Count ? _blankNodes.Fresh() : null;
                        Emit(cell, Vocabulary.Rdf.Rest, (Term?)next ?? Vocabulary.Rdf.Nil);
                        if (next is not null) cell = next;
                    }
                    return head;
            }
        }
        return Fail<Term>("unexpected end of input");
    }
}
