using System.Globalization;
using System.Text;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Shacl;

/// <summary>How serious a validation result is (SHACL §2.1.5 sh:severity).</summary>
public enum ShaclSeverity : byte { Violation, Warning, Info }

/// <summary>
/// One validation result (SHACL §3.6.2): the focus node, the path and value when the component has
/// them, the shape and constraint component that produced it, its severity and messages.
/// <see cref="ResultPath"/> is the path node of the shapes graph; a blank-node path is written into the
/// report graph afresh for each result from the parsed path.
/// </summary>
public sealed record ValidationResult(
    Term FocusNode,
    Term? ResultPath,
    Term? Value,
    Term SourceShape,
    Iri SourceConstraintComponent,
    Iri Severity,
    IReadOnlyList<Literal> Messages)
{
    /// <summary>The SPARQL-based constraint (sh:sparql value) that produced the result, if any.</summary>
    public Term? SourceConstraint { get; init; }

    /// <summary>The parsed path behind <see cref="ResultPath"/> (null for a predicate given by a component, e.g. sh:closed).</summary>
    internal ShaclPath? PathStructure { get; init; }

    /// <summary>The severity as an enum; custom severities count as violations.</summary>
    public ShaclSeverity SeverityLevel =>
        Severity.Equals(Sh.Warning) ? ShaclSeverity.Warning : Severity.Equals(Sh.Info) ? ShaclSeverity.Info : ShaclSeverity.Violation;
}

/// <summary>
/// A SHACL validation report (SHACL §3.6): conforms when no result was produced. Serialisable as RDF
/// (<see cref="ToQuads"/>, a sh:ValidationReport node with one sh:result per result) and as text.
/// </summary>
public sealed class ValidationReport
{
    public ValidationReport(IReadOnlyList<ValidationResult> results) => Results = results;

    public IReadOnlyList<ValidationResult> Results { get; }

    /// <summary>sh:conforms: true exactly when there are no validation results (§3.6.1.1).</summary>
    public bool Conforms => Results.Count == 0;

    /// <summary>The report as RDF in the default graph (§3.6.1, §3.6.2), with fresh blank nodes for the report and its results.</summary>
    public IReadOnlyList<Quad> ToQuads()
    {
        var quads = new List<Quad>();
        string prefix = "r" + Guid.NewGuid().ToString("N")[..8];
        var report = new BlankNode(prefix + "report");
        quads.Add(new Quad(report, Vocabulary.Rdf.Type, Sh.ValidationReport, null));
        quads.Add(new Quad(report, Sh.Conforms, Literal.Typed(Conforms ? "true" : "false", Vocabulary.Xsd.Boolean), null));
        for (int i = 0; i < Results.Count; i++)
        {
            var r = Results[i];
            var node = new BlankNode(prefix + "res" + i.ToString(CultureInfo.InvariantCulture));
            quads.Add(new Quad(report, Sh.Result, node, null));
            quads.Add(new Quad(node, Vocabulary.Rdf.Type, Sh.ValidationResult, null));
            quads.Add(new Quad(node, Sh.FocusNode, r.FocusNode, null));
            if (r.ResultPath is not null)
            {
                // Each result gets its own copy of a blank-node path (§3.6.2.3: the path's RDF structure).
                if (r.ResultPath is BlankNode && r.PathStructure is not null)
                {
                    int n = 0;
                    string copy = prefix + "p" + i.ToString(CultureInfo.InvariantCulture) + "_";
                    var triples = new List<Triple>();
                    var head = r.PathStructure.ToRdf(triples, () => new BlankNode(copy + (n++).ToString(CultureInfo.InvariantCulture)));
                    quads.Add(new Quad(node, Sh.ResultPath, head, null));
                    foreach (var t in triples) quads.Add(new Quad(t, null));
                }
                else
                {
                    quads.Add(new Quad(node, Sh.ResultPath, r.ResultPath, null));
                }
            }
            if (r.Value is not null) quads.Add(new Quad(node, Sh.Value, r.Value, null));
            quads.Add(new Quad(node, Sh.SourceShape, r.SourceShape, null));
            quads.Add(new Quad(node, Sh.SourceConstraintComponent, r.SourceConstraintComponent, null));
            if (r.SourceConstraint is not null) quads.Add(new Quad(node, Sh.SourceConstraint, r.SourceConstraint, null));
            quads.Add(new Quad(node, Sh.ResultSeverity, r.Severity, null));
            foreach (var m in r.Messages) quads.Add(new Quad(node, Sh.ResultMessage, m, null));
        }
        return quads;
    }

    /// <summary>
    /// The report as readable text: a conformance line, then one line per result with severity,
    /// focus node, path, constraint component (without the sh: namespace) and message.
    /// </summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        sb.Append(Conforms ? "Conforms" : "Does not conform").Append(": ")
          .Append(Results.Count.ToString(CultureInfo.InvariantCulture)).Append(Results.Count == 1 ? " result" : " results").Append('\n');
        foreach (var r in Results)
        {
            sb.Append(r.SeverityLevel.ToString()).Append(' ').Append(r.FocusNode);
            if (r.ResultPath is not null) sb.Append(" path ").Append(PathText(r));
            string component = r.SourceConstraintComponent.Value;
            if (component.StartsWith(Sh.Ns, StringComparison.Ordinal)) component = component[Sh.Ns.Length..];
            sb.Append(' ').Append(component);
            if (r.Value is not null) sb.Append(" value ").Append(r.Value);
            if (r.Messages.Count > 0) sb.Append(": ").Append(r.Messages[0].LexicalForm);
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string PathText(ValidationResult r)
    {
        if (r.PathStructure is null) return r.ResultPath is Iri iri ? "<" + iri.Value + ">" : r.ResultPath!.ToString();
        var sb = new StringBuilder();
        r.PathStructure.AppendSparql(sb);
        return sb.ToString();
    }
}
