using System.Text;
using System.Xml;

namespace DihNode.Rdf.Io.RdfXml;

internal sealed partial class RdfXmlParser
{
    /// <summary>
    /// The content of an rdf:parseType="Literal" element as an rdf:XMLLiteral lexical form (§7.2.17):
    /// Exclusive XML Canonicalization 1.0 with comments (https://www.w3.org/TR/xml-exc-c14n/), empty
    /// InclusiveNamespaces list. Start and end tags always paired, attributes sorted by namespace and
    /// local name, and a namespace declared on an element only when that element or one of its
    /// attributes visibly uses the prefix and no output ancestor already declared it the same way;
    /// xml:* attributes of the enclosing elements are not carried in. The reader ends on the end tag
    /// of the property element.
    /// </summary>
    private string XmlLiteral()
    {
        var sb = new StringBuilder();
        int top = _reader.Depth;
        var rendered = new List<(int Depth, string Prefix, string Uri)>();
        var attributes = new List<(string Ns, string Local, string Name, string Value)>();
        var declarations = new List<(string Prefix, string Uri)>();
        while (Read())
        {
            switch (_reader.NodeType)
            {
                case XmlNodeType.Element:
                    StartTag(sb, rendered, attributes, declarations);
                    if (_reader.IsEmptyElement) EndTag(sb, rendered, _reader.Depth, _reader.Name);
                    break;
                case XmlNodeType.EndElement:
                    if (_reader.Depth == top) return sb.ToString();
                    EndTag(sb, rendered, _reader.Depth, _reader.Name);
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    XmlEscapes.Append(sb, _reader.Value, attribute: false);
                    break;
                case XmlNodeType.Comment:
                    sb.Append("<!--").Append(_reader.Value).Append("-->");
                    break;
                case XmlNodeType.ProcessingInstruction:
                    sb.Append("<?").Append(_reader.Name);
                    if (_reader.Value.Length > 0) sb.Append(' ').Append(_reader.Value);
                    sb.Append("?>");
                    break;
            }
        }
        return Fail<string>("unexpected end of input in an XML literal");
    }

    private void StartTag(StringBuilder sb, List<(int Depth, string Prefix, string Uri)> rendered,
        List<(string Ns, string Local, string Name, string Value)> attributes, List<(string Prefix, string Uri)> declarations)
    {
        int depth = _reader.Depth;
        string name = _reader.Name;
        attributes.Clear();
        declarations.Clear();
        // The element's own prefix is visibly utilized, the default namespace included (exc-c14n §3).
        declarations.Add((_reader.Prefix, _reader.NamespaceURI));
        if (_reader.MoveToFirstAttribute())
        {
            do
            {
                if (_reader.NamespaceURI == RdfXmlNames.XmlnsNamespace) continue;
                attributes.Add((_reader.NamespaceURI, _reader.LocalName, _reader.Name, _reader.Value));
                string prefix = _reader.Prefix;
                if (prefix.Length > 0 && prefix != "xml" && !declarations.Exists(d => d.Prefix == prefix))
                    declarations.Add((prefix, _reader.NamespaceURI));
            }
            while (_reader.MoveToNextAttribute());
            _reader.MoveToElement();
        }

        sb.Append('<').Append(name);
        declarations.Sort((x, y) => string.CompareOrdinal(x.Prefix, y.Prefix));
        foreach (var (prefix, uri) in declarations)
        {
            string? current = null;
            for (int i = rendered.Count - 1; i >= 0; i--)
                if (rendered[i].Prefix == prefix) { current = rendered[i].Uri; break; }
            // An unprefixed element outside any default namespace needs xmlns="" only to undo an output ancestor's default.
            if (current == uri || (prefix.Length == 0 && current is null && uri.Length == 0)) continue;
            rendered.Add((depth, prefix, uri));
            sb.Append(prefix.Length == 0 ? " xmlns=\"" : " xmlns:").Append(prefix.Length == 0 ? "" : prefix + "=\"");
            XmlEscapes.Append(sb, uri, attribute: true);
            sb.Append('"');
        }
        attributes.Sort((x, y) =>
        {
            int c = string.CompareOrdinal(x.Ns, y.Ns);
            return c != 0 ? c : string.CompareOrdinal(x.Local, y.Local);
        });
        foreach (var (_, _, attributeName, value) in attributes)
        {
            sb.Append(' ').Append(attributeName).Append("=\"");
            XmlEscapes.Append(sb, value, attribute: true);
            sb.Append('"');
        }
        sb.Append('>');
    }

    private static void EndTag(StringBuilder sb, List<(int Depth, string Prefix, string Uri)> rendered, int depth, string name)
    {
        sb.Append("</").Append(name).Append('>');
        while (rendered.Count > 0 && rendered[^1].Depth >= depth) rendered.RemoveAt(rendered.Count - 1);
    }
}
