using System.Xml;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Io.RdfXml;

/// <summary>
/// The names RDF/XML gives a meaning to (RDF 1.1 XML Syntax §7.2.2-§7.2.5,
/// https://www.w3.org/TR/rdf-syntax-grammar/#section-grammar-productions) and the XML name rules
/// both the parser and the writer check against.
/// </summary>
internal static class RdfXmlNames
{
    public const string Rdf = Vocabulary.Rdf.Namespace;
    public const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";
    public const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";
    public const string XmlLiteral = Rdf + "XMLLiteral";

    /// <summary>coreSyntaxTerms (§7.2.2): never a node element, property element or property attribute.</summary>
    public static bool IsCoreSyntaxTerm(string local) =>
        local is "RDF" or "ID" or "about" or "parseType" or "resource" or "nodeID" or "datatype";

    /// <summary>oldTerms (§7.2.5): names RDF/XML withdrew; any use is an error.</summary>
    public static bool IsOldTerm(string local) => local is "aboutEach" or "aboutEachPrefix" or "bagID";

    /// <summary>nodeElementURIs (§7.2.6): anyURI - (coreSyntaxTerms | rdf:li | oldTerms).</summary>
    public static bool IsAllowedNodeElement(string ns, string local) =>
        ns != Rdf || !(IsCoreSyntaxTerm(local) || local == "li" || IsOldTerm(local));

    /// <summary>propertyElementURIs (§7.2.7): anyURI - (coreSyntaxTerms | rdf:Description | oldTerms).</summary>
    public static bool IsAllowedPropertyElement(string ns, string local) =>
        ns != Rdf || !(IsCoreSyntaxTerm(local) || local == "Description" || IsOldTerm(local));

    /// <summary>propertyAttributeURIs (§7.2.8): anyURI - (coreSyntaxTerms | rdf:Description | rdf:li | oldTerms).</summary>
    public static bool IsAllowedPropertyAttribute(string ns, string local) =>
        ns != Rdf || !(IsCoreSyntaxTerm(local) || local is "Description" or "li" || IsOldTerm(local));

    /// <summary>True when <paramref name="s"/> is an XML NCName (Namespaces in XML §3, production NCName).</summary>
    public static bool IsNCName(ReadOnlySpan<char> s)
    {
        if (s.Length == 0 || !IsNameStart(s, 0)) return false;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1])) return false;
                i++; // supplementary characters #x10000-#xEFFFF are name characters
                continue;
            }
            if (!XmlConvert.IsNCNameChar(c)) return false;
        }
        return true;
    }

    private static bool IsNameStart(ReadOnlySpan<char> s, int i) =>
        char.IsHighSurrogate(s[i]) ? i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) : XmlConvert.IsStartNCNameChar(s[i]);

    /// <summary>
    /// Splits an IRI into a namespace and the longest suffix that is an NCName (the local part of a
    /// QName), or returns false when no non-empty suffix is one.
    /// </summary>
    public static bool TrySplitQName(string iri, out string ns, out string local)
    {
        int start = iri.Length;
        while (start > 0)
        {
            char c = iri[start - 1];
            if (char.IsLowSurrogate(c) && start > 1 && char.IsHighSurrogate(iri[start - 2])) { start -= 2; continue; }
            if (char.IsSurrogate(c) || !XmlConvert.IsNCNameChar(c)) break;
            start--;
        }
        // The local part must begin with a name-start character: skip digits, '-', '.' and combining marks.
        while (start < iri.Length && !IsNameStart(iri, start)) start++;
        if (start >= iri.Length || start == 0)
        {
            ns = local = "";
            return false;
        }
        ns = iri[..start];
        local = iri[start..];
        return true;
    }
}
