using DihNode.Rdf.Model;

namespace DihNode.Rdf.Io.RdfXml;

internal sealed partial class RdfXmlWriter
{
    /// <summary>One node element per subject that is not nested elsewhere, in sorted order.</summary>
    private void WriteSubjects(TextWriter w)
    {
        int i = 0;
        while (i < _sorted.Length)
        {
            var subject = _sorted[i].Subject;
            int stop = i;
            while (stop < _sorted.Length && _sorted[stop].Subject.Equals(subject)) stop++;
            if (subject is not BlankNode b || !_plan.IsInlined(b))
            {
                bool anonymous = subject is BlankNode anon && _plan.IsAnonymousSubject(anon);
                WriteNodeElement(w, subject, i, stop, Indent, anonymous);
            }
            i = stop;
        }
    }

    /// <summary>
    /// A node element for <paramref name="subject"/> with the statements [start, end): the first rdf:type
    /// that is a QName names the element, the rest become property elements.
    /// </summary>
    private void WriteNodeElement(TextWriter w, NamedOrBlankNode subject, int start, int end, string indent, bool anonymous)
    {
        int typeIndex = -1;
        string element = "rdf:Description";
        for (int i = start; i < end && _sorted[i].Predicate.Equals(Vocabulary.Rdf.Type); i++)
        {
            if (_sorted[i].Object is Iri type && TypeElementName(type) is { } name)
            {
                typeIndex = i;
                element = name;
                break;
            }
        }
        w.Write(indent);
        w.Write('<');
        w.Write(element);
        if (subject is Iri iri)
        {
            w.Write(" rdf:about=\"");
            WriteAttributeText(w, iri.Value);
            w.Write('"');
        }
        else if (!anonymous)
        {
            w.Write(" rdf:nodeID=\"");
            w.Write(NodeId((BlankNode)subject));
            w.Write('"');
        }
        if (end - start == (typeIndex >= 0 ? 1 : 0))
        {
            w.Write("/>\n");
            return;
        }
        w.Write(">\n");
        string inner = indent + Indent;
        for (int i = start; i < end; i++)
            if (i != typeIndex) WritePropertyElement(w, _sorted[i], inner);
        w.Write(indent);
        w.Write("</");
        w.Write(element);
        w.Write(">\n");
    }

    private void WritePropertyElement(TextWriter w, in Quad quad, string indent)
    {
        string name = _names.QName(quad.Predicate)!;
        w.Write(indent);
        w.Write('<');
        w.Write(name);
        switch (quad.Object)
        {
            case Iri iri:
                w.Write(" rdf:resource=\"");
                WriteAttributeText(w, iri.Value);
                w.Write("\"/>\n");
                return;
            case Literal literal:
                WriteLiteralContent(w, literal);
                break;
            case BlankNode b when _plan.IsInlined(b):
                WriteNested(w, b, indent);
                break;
            case BlankNode b:
                w.Write(" rdf:nodeID=\"");
                w.Write(NodeId(b));
                w.Write("\"/>\n");
                return;
        }
        w.Write("</");
        w.Write(name);
        w.Write(">\n");
    }

    /// <summary>The attributes and text of a literal property element (§2.7, §2.9), up to the end tag.</summary>
    private static void WriteLiteralContent(TextWriter w, Literal literal)
    {
        if (literal.Language is not null)
        {
            w.Write(" xml:lang=\"");
            WriteAttributeText(w, literal.Language);
            w.Write('"');
        }
        else if (!literal.Datatype.Equals(Vocabulary.Xsd.String))
        {
            w.Write(" rdf:datatype=\"");
            WriteAttributeText(w, literal.Datatype.Value);
            w.Write('"');
        }
        w.Write('>');
        WriteText(w, literal.LexicalForm);
    }

    /// <summary>
    /// A blank node used only here, nested inside its property element: a collection of resources as
    /// rdf:parseType="Collection" (§2.16), a node without statements as rdf:parseType="Resource", else a node element.
    /// </summary>
    private void WriteNested(TextWriter w, BlankNode b, string indent)
    {
        string inner = indent + Indent;
        var items = _plan.ListItems(b, null);
        if (items is not null && items.TrueForAll(item => item is not Literal))
        {
            w.Write(" rdf:parseType=\"Collection\">\n");
            foreach (var item in items)
            {
                if (item is BlankNode nested && _plan.IsInlined(nested))
                {
                    var (s, e) = _plan.Triples(null, nested);
                    WriteNodeElement(w, nested, s, e, inner, anonymous: true);
                }
                else
                {
                    w.Write(inner);
                    if (item is Iri iri)
                    {
                        w.Write("<rdf:Description rdf:about=\"");
                        WriteAttributeText(w, iri.Value);
                    }
                    else
                    {
                        w.Write("<rdf:Description rdf:nodeID=\"");
                        w.Write(NodeId((BlankNode)item));
                    }
                    w.Write("\"/>\n");
                }
            }
            w.Write(indent);
            return;
        }
        var (start, end) = _plan.Triples(null, b);
        if (start == end)
        {
            w.Write(" rdf:parseType=\"Resource\">");
            return;
        }
        w.Write(">\n");
        WriteNodeElement(w, b, start, end, inner, anonymous: true);
        w.Write(indent);
    }

    /// <summary>Character data: &amp;, &lt;, &gt; and CR escaped (CR would otherwise be read back as LF).</summary>
    private static void WriteText(TextWriter w, string s) => WriteEscaped(w, s, attribute: false);

    /// <summary>An attribute value between double quotes: &amp;, &lt;, quote and TAB, LF, CR escaped (they would be normalised to spaces).</summary>
    private static void WriteAttributeText(TextWriter w, string s) => WriteEscaped(w, s, attribute: true);

    /// <summary>Writes <paramref name="s"/> with the <see cref="XmlEscapes"/> of text or of an attribute value, refusing what XML cannot hold.</summary>
    private static void WriteEscaped(TextWriter w, string s, bool attribute)
    {
        int run = 0;
        for (int i = 0; i < s.Length; i++)
        {
            string? escape = XmlEscapes.For(s[i], attribute);
            if (escape is null)
            {
                CheckXmlChar(s, i);
                continue;
            }
            w.Write(s.AsSpan(run, i - run));
            w.Write(escape);
            run = i + 1;
        }
        w.Write(s.AsSpan(run));
    }

    /// <summary>Refuses what XML 1.0 cannot hold (§2.2 Char): C0 controls but TAB, LF, CR; U+FFFE, U+FFFF; lone surrogates.</summary>
    private static void CheckXmlChar(string s, int i)
    {
        char c = s[i];
        if (c >= 0x20 && c < 0xD800) return;
        if (c < 0x20)
        {
            if (c is not ('\t' or '\n' or '\r')) ThrowUnwritableText(s, c);
            return;
        }
        if (c is '\uFFFE' or '\uFFFF') ThrowUnwritableText(s, c);
        if (char.IsHighSurrogate(c))
        {
            if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1])) ThrowUnwritableText(s, c);
        }
        else if (char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(s[i - 1]))) ThrowUnwritableText(s, c);
    }
}
