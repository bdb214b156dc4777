using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Results;

/// <summary>
/// SPARQL 1.1 Query Results CSV (https://www.w3.org/TR/sparql11-results-csv-tsv/#csv): a header of
/// variable names (no '?'), then one line per solution; IRIs and literals as their plain string (no
/// type, language or datatype), blank nodes as <c>_:label</c>, unbound as an empty field. Fields are
/// quoted per RFC 4180 when they hold '"', ',', CR or LF; lines end with CRLF (§2). CSV cannot tell
/// an empty string from an unbound variable: both are an empty field.
/// </summary>
internal sealed class CsvSolutionWriter : SolutionWriterBase
{
    public CsvSolutionWriter(Utf8Output output) : base(output) { }

    public override SparqlResultFormat Format => SparqlResultFormat.Csv;

    protected override void OnBegin(IReadOnlyList<string> variables)
    {
        for (int i = 0; i < variables.Count; i++)
        {
            if (i > 0) Output.Write(',');
            WriteField(variables[i]);
        }
        Output.Write("\r\n");
    }

    protected override void OnRow(ReadOnlySpan<Term?> row)
    {
        for (int i = 0; i < row.Length; i++)
        {
            if (i > 0) Output.Write(',');
            switch (row[i])
            {
                case null: break;
                case Iri iri: WriteField(iri.Value); break;
                case Literal l: WriteField(l.LexicalForm); break;
                case BlankNode b: Output.Write("_:"); Output.Write(b.Label); break;
                case Term t: throw new ArgumentException($"{t.Kind} {t} cannot appear in a query result");
            }
        }
        Output.Write("\r\n");
    }

    protected override void OnEnd() { }

    protected override void OnBoolean(bool value) => throw new NotSupportedException();

    /// <summary>
    /// One field, quoted only when it must be (§3.2). An empty string is an empty field, the same as
    /// an unbound variable, as §3.2 says.
    /// </summary>
    private void WriteField(string s)
    {
        if (s.AsSpan().IndexOfAny("\",\r\n") < 0)
        {
            Output.Write(s);
            return;
        }
        Output.Write('"');
        Output.Write(s.Replace("\"", "\"\"", StringComparison.Ordinal));
        Output.Write('"');
    }
}
