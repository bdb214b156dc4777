using System.Text;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Results;

/// <summary>
/// SPARQL 1.1 Query Results TSV (https://www.w3.org/TR/sparql11-results-csv-tsv/#tsv): a header of
/// <c>?var</c> names, then one line per solution, each term in Turtle/SPARQL syntax (<c>&lt;iri&gt;</c>,
/// <c>"lex"@lang</c>, <c>"lex"^^&lt;dt&gt;</c>, <c>_:label</c>); xsd:integer, xsd:decimal and xsd:double
/// literals whose lexical form is a Turtle number are written bare. Tabs and newlines inside strings
/// are escaped (\t, \n, \r) so that fields and lines stay intact. Lines end with LF.
/// </summary>
internal sealed class TsvSolutionWriter : SolutionWriterBase
{
    private readonly StringBuilder _buffer = new();

    public TsvSolutionWriter(Utf8Output output) : base(output) { }

    public override SparqlResultFormat Format => SparqlResultFormat.Tsv;

    protected override void OnBegin(IReadOnlyList<string> variables)
    {
        for (int i = 0; i < variables.Count; i++)
        {
            if (i > 0) Output.Write('\t');
            Output.Write('?');
            Output.Write(variables[i]);
        }
        Output.Write('\n');
    }

    protected override void OnRow(ReadOnlySpan<Term?> row)
    {
        _buffer.Clear();
        for (int i = 0; i < row.Length; i++)
        {
            if (i > 0) _buffer.Append('\t');
            if (row[i] is Term t) AppendTerm(_buffer, t);
        }
        _buffer.Append('\n');
        Output.Write(_buffer);
    }

    protected override void OnEnd() { }

    protected override void OnBoolean(bool value) => throw new NotSupportedException();

    /// <summary>Appends a term in the TSV (SPARQL/Turtle) syntax.</summary>
    internal static void AppendTerm(StringBuilder sb, Term term)
    {
        switch (term)
        {
            case Iri iri:
                AppendIri(sb, iri.Value);
                break;
            case BlankNode b:
                sb.Append("_:").Append(b.Label);
                break;
            case Literal l:
                if (l.Language is null && IsBareNumber(l)) { sb.Append(l.LexicalForm); break; }
                sb.Append('"');
                Literal.AppendEscaped(sb, l.LexicalForm);
                sb.Append('"');
                if (l.Language is not null) sb.Append('@').Append(l.Language);
                else if (!l.IsSimple) AppendIri(sb.Append("^^"), l.Datatype.Value);
                break;
            default:
                throw new ArgumentException($"{term.Kind} {term} cannot appear in a query result");
        }
    }

    /// <summary>IRIREF with \u escapes for the characters Turtle forbids inside &lt;...&gt;.</summary>
    private static void AppendIri(StringBuilder sb, string value)
    {
        sb.Append('<');
        foreach (char c in value)
        {
            if (c <= ' ' || c is '<' or '>' or '"' or '{' or '}' or '|' or '^' or '`' or '\\')
                sb.Append("\\u").Append(((int)c).ToString("X4"));
            else sb.Append(c);
        }
        sb.Append('>');
    }

    /// <summary>True when the literal may be written as a Turtle INTEGER, DECIMAL or DOUBLE token.</summary>
    private static bool IsBareNumber(Literal l)
    {
        string dt = l.Datatype.Value;
        if (!dt.StartsWith(Vocabulary.Xsd.Namespace, StringComparison.Ordinal)) return false;
        TurtleNumberKind kind = TurtleNumber.Classify(l.LexicalForm);
        return dt.AsSpan(Vocabulary.Xsd.Namespace.Length) switch
        {
            "integer" => kind == TurtleNumberKind.Integer,
            "decimal" => kind == TurtleNumberKind.Decimal,
            "double" => kind == TurtleNumberKind.Double,
            _ => false,
        };
    }
}
