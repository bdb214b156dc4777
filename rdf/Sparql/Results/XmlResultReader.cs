using System.Xml;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Results;

/// <summary>
/// Reads the SPARQL Query Results XML Format (https://www.w3.org/TR/rdf-sparql-XMLres/) with
/// <see cref="XmlReader"/>: no DTD processing, no resolver (so no external entities), comments and
/// processing instructions skipped. Structure is checked strictly (§2): <c>sparql</c> &gt; <c>head</c>
/// (<c>variable</c>*, <c>link</c>*) &gt; <c>results</c> (<c>result</c> &gt; <c>binding</c> &gt;
/// <c>uri</c> | <c>literal</c> | <c>bnode</c>) or <c>boolean</c>. Whitespace is kept so that literals
/// made of spaces survive.
/// </summary>
internal static class XmlResultReader
{
    private const string Ns = XmlSolutionWriter.Namespace;
    private const string XmlNs = "http://www.w3.org/XML/1998/namespace";

    public static SparqlResult Read(Stream stream, string? source)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = false,
            CloseInput = false,
        };
        using XmlReader xml = XmlReader.Create(stream, settings);
        var parser = new Parser(xml, source);
        try
        {
            return parser.ReadDocument();
        }
        catch (XmlException e)
        {
            string message = e.Message;
            int cut = message.IndexOf(" Line ", StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
            (long line, long column) = e.LineNumber > 0 ? (e.LineNumber, e.LinePosition) : parser.LastKnownPosition;
            throw new SparqlResultsSyntaxException("malformed XML: " + message, line, column, source, e);
        }
    }

    private sealed class Parser(XmlReader xml, string? source)
    {
        private readonly IXmlLineInfo? _info = xml as IXmlLineInfo;
        private readonly ResultTermFactory _terms = new();

        private long _lastLine = 1, _lastColumn = 1;
        private bool _inProlog = true;

        public long Line => _info?.LineNumber ?? 0;

        public long Column => _info?.LinePosition ?? 0;

        /// <summary>
        /// Where reading stopped when <see cref="XmlReader"/> throws without a position (it does so for
        /// a prohibited DTD): just after the last node read, which is where the offending markup starts.
        /// </summary>
        public (long Line, long Column) LastKnownPosition => (_lastLine, _lastColumn);

        private bool Advance()
        {
            // Only the prolog can hold a DOCTYPE, the one thing XmlReader reports without a position.
            if (xml.NodeType == XmlNodeType.Element) _inProlog = false;
            if (_inProlog && _info is { LineNumber: > 0 } info)
            {
                _lastLine = info.LineNumber;
                _lastColumn = info.LinePosition;
                if (xml.NodeType is XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace or XmlNodeType.Text)
                {
                    foreach (char c in xml.Value)
                    {
                        if (c == '\n') { _lastLine++; _lastColumn = 1; }
                        else _lastColumn++;
                    }
                }
            }
            return xml.Read();
        }

        public SparqlResult ReadDocument()
        {
            if (!MoveToContent()) throw Error("empty document");
            ExpectElement("sparql");
            if (xml.IsEmptyElement) throw Error("<sparql> is empty: expected <head>");
            Advance();
            if (!MoveToContent()) throw Error("unexpected end of document in <sparql>");
            ExpectElement("head");
            List<string> vars = ReadHead();
            if (!MoveToContent()) throw Error("unexpected end of document in <sparql>");
            SparqlResult result;
            if (IsElement("boolean"))
            {
                string text = ReadText().Trim();
                result = text switch
                {
                    "true" => SparqlResult.FromBoolean(true),
                    "false" => SparqlResult.FromBoolean(false),
                    _ => throw Error($"<boolean> must hold true or false, not \"{text}\""),
                };
            }
            else if (IsElement("results"))
            {
                result = SparqlResult.FromTable(vars, ReadResults(vars));
            }
            else
            {
                throw Error($"expected <results> or <boolean>, found {Describe()}");
            }
            if (!MoveToContent()) throw Error("unexpected end of document: </sparql> missing");
            if (xml.NodeType != XmlNodeType.EndElement) throw Error($"unexpected {Describe()} after the result");
            Advance();
            if (MoveToContent()) throw Error($"unexpected {Describe()} after </sparql>");
            return result;
        }

        private List<string> ReadHead()
        {
            var vars = new List<string>();
            if (xml.IsEmptyElement) { Advance(); return vars; }
            Advance();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            bool inLinks = false;
            while (MoveToContent() && xml.NodeType == XmlNodeType.Element)
            {
                if (IsElement("variable") && !inLinks)
                {
                    string name = xml.GetAttribute("name") ?? throw Error("<variable> needs a name attribute");
                    if (!SparqlNames.IsVariableName(name)) throw Error($"\"{name}\" is not a variable name");
                    if (!seen.Add(name)) throw Error($"variable \"{name}\" is listed twice");
                    vars.Add(name);
                }
                else if (IsElement("link"))
                {
                    inLinks = true;
                    if (xml.GetAttribute("href") is null) throw Error("<link> needs an href attribute");
                }
                else
                {
                    throw Error($"unexpected {Describe()} in <head> (variables come before links)");
                }
                SkipEmptyElement();
            }
            ExpectEnd("head");
            return vars;
        }

        private List<Term?[]> ReadResults(List<string> vars)
        {
            var rows = new List<Term?[]>();
            if (xml.IsEmptyElement) { Advance(); return rows; }
            Advance();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < vars.Count; i++) index[vars[i]] = i;
            while (MoveToContent() && xml.NodeType == XmlNodeType.Element)
            {
                ExpectElement("result");
                var row = new Term?[vars.Count];
                if (xml.IsEmptyElement) { Advance(); rows.Add(row); continue; }
                Advance();
                while (MoveToContent() && xml.NodeType == XmlNodeType.Element)
                {
                    ExpectElement("binding");
                    string name = xml.GetAttribute("name") ?? throw Error("<binding> needs a name attribute");
                    if (!index.TryGetValue(name, out int col)) throw Error($"variable \"{name}\" is not declared in <head>");
                    if (row[col] is not null) throw Error($"variable \"{name}\" is bound twice in one result");
                    if (xml.IsEmptyElement) throw Error($"<binding name=\"{name}\"> is empty: expected <uri>, <literal> or <bnode>");
                    Advance();
                    if (!MoveToContent() || xml.NodeType != XmlNodeType.Element) throw Error($"<binding name=\"{name}\"> needs <uri>, <literal> or <bnode>");
                    row[col] = ReadTerm();
                    if (!MoveToContent()) throw Error("unexpected end of document in <binding>");
                    ExpectEnd("binding");
                }
                ExpectEnd("result");
                rows.Add(row);
            }
            ExpectEnd("results");
            return rows;
        }

        private Term ReadTerm()
        {
            long line = Line, column = Column;
            Term? term;
            string? error;
            if (IsElement("uri"))
            {
                term = _terms.Iri(ReadText(), out error);
            }
            else if (IsElement("bnode"))
            {
                term = _terms.BlankNode(ReadText(), out error);
            }
            else if (IsElement("literal"))
            {
                string? lang = xml.GetAttribute("lang", XmlNs);
                string? datatype = xml.GetAttribute("datatype");
                term = _terms.Literal(ReadText(), lang, datatype, out error);
            }
            else
            {
                throw Error($"expected <uri>, <literal> or <bnode>, found {Describe()}");
            }
            return term ?? throw new SparqlResultsSyntaxException(error!, line, column, source);
        }

        /// <summary>The text content of the current element (which must hold no elements); moves past it.</summary>
        private string ReadText()
        {
            if (xml.IsEmptyElement) { Advance(); return ""; }
            string name = xml.LocalName;
            Advance();
            string? single = null;
            System.Text.StringBuilder? text = null;
            while (xml.NodeType != XmlNodeType.EndElement)
            {
                switch (xml.NodeType)
                {
                    case XmlNodeType.Text:
                    case XmlNodeType.CDATA:
                    case XmlNodeType.Whitespace:
                    case XmlNodeType.SignificantWhitespace:
                        // Usually one text node: keep its string; join only when there are several.
                        if (single is null && text is null) single = xml.Value;
                        else (text ??= new System.Text.StringBuilder().Append(single)).Append(xml.Value);
                        break;
                    case XmlNodeType.Element:
                        throw Error($"<{name}> must hold text only, found {Describe()}");
                    case XmlNodeType.None:
                        throw Error($"unexpected end of document in <{name}>");
                }
                Advance();
            }
            Advance();
            return text?.ToString() ?? single ?? "";
        }

        /// <summary>Skips whitespace; true when positioned on an element or end tag, false at the end.</summary>
        private bool MoveToContent()
        {
            while (true)
            {
                switch (xml.NodeType)
                {
                    case XmlNodeType.Element:
                    case XmlNodeType.EndElement:
                        return true;
                    case XmlNodeType.None:
                        if (xml.EOF) return false;
                        break;
                    case XmlNodeType.Whitespace:
                    case XmlNodeType.SignificantWhitespace:
                    case XmlNodeType.XmlDeclaration:
                        break;
                    case XmlNodeType.Text:
                    case XmlNodeType.CDATA:
                        throw Error($"unexpected text \"{Shorten(xml.Value.Trim())}\"");
                    default:
                        throw Error($"unexpected {xml.NodeType}");
                }
                if (!Advance()) return false;
            }
        }

        private void SkipEmptyElement()
        {
            string name = xml.LocalName;
            if (xml.IsEmptyElement) { Advance(); return; }
            Advance();
            if (!MoveToContent() || xml.NodeType != XmlNodeType.EndElement) throw Error($"<{name}> must be empty");
            Advance();
        }

        private bool IsElement(string localName) =>
            xml.NodeType == XmlNodeType.Element && xml.LocalName == localName && xml.NamespaceURI == Ns;

        private void ExpectElement(string localName)
        {
            if (!IsElement(localName))
            {
                string hint = xml.NodeType == XmlNodeType.Element && xml.LocalName == localName
                    ? $" (it must be in the namespace {Ns})" : "";
                throw Error($"expected <{localName}>, found {Describe()}{hint}");
            }
        }

        private void ExpectEnd(string localName)
        {
            if (xml.NodeType != XmlNodeType.EndElement || xml.LocalName != localName)
                throw Error($"expected </{localName}>, found {Describe()}");
            Advance();
        }

        private string Describe() => xml.NodeType switch
        {
            XmlNodeType.Element => $"<{xml.Name}>",
            XmlNodeType.EndElement => $"</{xml.Name}>",
            XmlNodeType.None => "the end of the document",
            _ => xml.NodeType.ToString(),
        };

        private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "...";

        private SparqlResultsSyntaxException Error(string problem) => new(problem, Line, Column, source);
    }
}
