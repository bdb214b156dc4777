using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Results;

/// <summary>
/// SPARQL Query Results XML Format, Second Edition (https://www.w3.org/TR/rdf-sparql-XMLres/):
/// <c>&lt;sparql&gt;</c> in the namespace <see cref="Namespace"/>, a <c>&lt;head&gt;</c> of
/// <c>&lt;variable name&gt;</c> and optional <c>&lt;link href&gt;</c>, then <c>&lt;results&gt;</c> or
/// <c>&lt;boolean&gt;</c> (§2). Written by hand, UTF-8 without BOM, with XML 1.0 escaping; characters
/// XML 1.0 cannot carry at all (most C0 controls, U+FFFE, U+FFFF, lone surrogates) are refused.
/// </summary>
internal sealed class XmlSolutionWriter : SolutionWriterBase
{
    public const string Namespace = "http://www.w3.org/2005/sparql-results#";

    private readonly SparqlResultWriterOptions _options;
    private IReadOnlyList<string> _variables = Array.Empty<string>();

    public XmlSolutionWriter(Utf8Output output, SparqlResultWriterOptions options) : base(output) => _options = options;

    public override SparqlResultFormat Format => SparqlResultFormat.Xml;

    protected override void OnBegin(IReadOnlyList<string> variables)
    {
        _variables = variables;
        WriteHead(variables);
        Line(1, "<results>");
    }

    protected override void OnRow(ReadOnlySpan<Term?> row)
    {
        Line(2, "<result>");
        for (int i = 0; i < row.Length; i++)
        {
            if (row[i] is not Term term) continue;
            Indent(3);
            Output.Write("<binding name=\"");
            Output.Write(_variables[i]);
            Output.Write("\">");
            WriteTerm(term);
            Output.Write("</binding>");
            NewLine();
        }
        Line(2, "</result>");
    }

    protected override void OnEnd()
    {
        Line(1, "</results>");
        Line(0, "</sparql>");
    }

    protected override void OnBoolean(bool value)
    {
        WriteHead(Array.Empty<string>());
        Line(1, value ? "<boolean>true</boolean>" : "<boolean>false</boolean>");
        Line(0, "</sparql>");
    }

    private void WriteHead(IReadOnlyList<string> variables)
    {
        Output.Write("<?xml version=\"1.0\"?>\n");
        Line(0, "<sparql xmlns=\"" + Namespace + "\">");
        Line(1, "<head>");
        foreach (string v in variables) Line(2, "<variable name=\"" + v + "\"/>");
        foreach (string link in _options.Links)
        {
            Indent(2);
            Output.Write("<link href=\"");
            WriteEscaped(link, attribute: true);
            Output.Write("\"/>");
            NewLine();
        }
        Line(1, "</head>");
    }

    private void WriteTerm(Term term)
    {
        switch (term)
        {
            case Iri iri:
                Output.Write("<uri>");
                WriteEscaped(iri.Value, attribute: false);
                Output.Write("</uri>");
                break;
            case BlankNode b:
                Output.Write("<bnode>");
                WriteEscaped(b.Label, attribute: false);
                Output.Write("</bnode>");
                break;
            case Literal l:
                if (l.Language is not null)
                {
                    Output.Write("<literal xml:lang=\"");
                    WriteEscaped(l.Language, attribute: true);
                    Output.Write("\">");
                }
                else if (!l.IsSimple)
                {
                    Output.Write("<literal datatype=\"");
                    WriteEscaped(l.Datatype.Value, attribute: true);
                    Output.Write("\">");
                }
                else
                {
                    Output.Write("<literal>");
                }
                WriteEscaped(l.LexicalForm, attribute: false);
                Output.Write("</literal>");
                break;
            default:
                throw new ArgumentException($"{term.Kind} {term} cannot appear in a query result");
        }
    }

    private void Line(int depth, string text)
    {
        Indent(depth);
        Output.Write(text);
        NewLine();
    }

    private void Indent(int depth)
    {
        if (!_options.Indented) return;
        for (int i = 0; i < depth; i++) Output.Write("  ");
    }

    private void NewLine()
    {
        if (_options.Indented) Output.Write('\n');
    }

    /// <summary>
    /// Escapes for XML 1.0 character data or a double-quoted attribute. '&gt;' is always escaped (so
    /// "]]&gt;" cannot appear), CR always as a character reference (parsers would fold it), and
    /// TAB/LF in attributes (attribute-value normalisation would turn them into spaces).
    /// </summary>
    private void WriteEscaped(string s, bool attribute)
    {
        int start = 0;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            string? rep = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' when attribute => "&quot;",
                '\r' => "&#xD;",
                '\n' when attribute => "&#xA;",
                '\t' when attribute => "&#x9;",
                _ => null,
            };
            if (rep is null)
            {
                if (c >= 0x20 && c < 0xD800 || c is '\t' or '\n' || c is >= '\uE000' and <= '\uFFFD') continue;
                if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { i++; continue; }
                throw new ArgumentException($"character U+{(int)c:X4} at offset {i} cannot be written in XML 1.0");
            }
            Output.Write(s.AsSpan(start, i - start));
            Output.Write(rep);
            start = i + 1;
        }
        Output.Write(s.AsSpan(start));
    }
}
