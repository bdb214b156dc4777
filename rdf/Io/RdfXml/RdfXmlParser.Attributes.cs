using System.Runtime.CompilerServices;
using System.Xml;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Io.RdfXml;

internal sealed partial class RdfXmlParser
{
    /// <summary>The attributes of one element, sorted into the roles §7.2 gives them.</summary>
    private sealed class ElementAttributes
    {
        public string? Id, About, NodeId, Resource, Datatype, ParseType;

        /// <summary>Property attributes (§7.2.21 propertyAttr), rdf:type among them, in document order.</summary>
        public List<(Iri Predicate, string Value)>? Properties;

        public bool HasAnyRdfAttribute =>
            Id is not null || About is not null || NodeId is not null || Resource is not null
            || Datatype is not null || ParseType is not null || Properties is not null;
    }

    /// <summary>
    /// Reads the attributes of the element the reader is on and applies its xml:base and xml:lang to
    /// the scope (§6.1.3, §5.3; the caller restores the scope afterwards). Namespace declarations,
    /// other xml:* attributes and unqualified names starting with "xml" are ignored (§6.1.4);
    /// unqualified about, ID, resource, parseType, type and the old names are read as rdf: names for
    /// compatibility with pre-namespace RDF; any other unqualified attribute is an error.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ElementAttributes ReadAttributes()
    {
        var result = new ElementAttributes();
        if (!_reader.MoveToFirstAttribute()) return result;
        string? xmlBase = null, xmlLang = null;
        do
        {
            string ns = _reader.NamespaceURI, local = _reader.LocalName;
            if (ns == RdfXmlNames.XmlnsNamespace)
            {
                // The root's prefixes, so that a conversion to Turtle keeps the document's names.
                if (_reader.Depth == 1 && _reader.Prefix == "xmlns" && _reader.Value.Length > 0) _sink.OnPrefix(local, _reader.Value);
                continue;
            }
            if (ns == RdfXmlNames.XmlNamespace)
            {
                if (local == "base") xmlBase = _reader.Value;
                else if (local == "lang") xmlLang = _reader.Value;
                continue;
            }
            if (ns.Length == 0)
            {
                if (local.StartsWith("xml", StringComparison.OrdinalIgnoreCase)) continue;
                if (local is "about" or "ID" or "resource" or "parseType" or "type" or "aboutEach" or "aboutEachPrefix" or "bagID") ns = RdfXmlNames.Rdf;
                else Fail($"the attribute {local} has no namespace (write it with a prefix, e.g. rdf:{local} or ex:{local})");
            }
            if (ns == RdfXmlNames.Rdf)
            {
                switch (local)
                {
                    case "ID": result.Id = _reader.Value; continue;
                    case "about": result.About = _reader.Value; continue;
                    case "nodeID": result.NodeId = _reader.Value; continue;
                    case "resource": result.Resource = _reader.Value; continue;
                    case "datatype": result.Datatype = _reader.Value; continue;
                    case "parseType": result.ParseType = _reader.Value; continue;
                }
                if (RdfXmlNames.IsOldTerm(local)) Fail($"rdf:{local} was withdrawn from RDF/XML and is not allowed");
                if (!RdfXmlNames.IsAllowedPropertyAttribute(ns, local)) Fail($"rdf:{local} is not allowed as an attribute");
            }
            (result.Properties ??= []).Add((NameIri(ns, local, "attribute"), _reader.Value));
        }
        while (_reader.MoveToNextAttribute());
        _reader.MoveToElement();

        if (xmlBase is not null)
        {
            // xml:base is itself resolved against the base in scope; its fragment is dropped by resolution later.
            _base = Resolve(xmlBase).Value;
        }
        if (xmlLang is not null) _lang = xmlLang.Length == 0 ? null : xmlLang;
        return result;
    }

    /// <summary>Emits the property attributes of <paramref name="subject"/> (§7.2.11, §7.2.21): literals, except rdf:type, whose value is an IRI.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EmitPropertyAttributes(NamedOrBlankNode subject, List<(Iri Predicate, string Value)>? properties)
    {
        if (properties is null) return;
        foreach (var (predicate, value) in properties)
        {
            if (predicate.Equals(Vocabulary.Rdf.Type)) Emit(subject, predicate, Resolve(value));
            else Emit(subject, predicate, MakeLiteral(value, null));
        }
    }
}
