using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation.Expressions;
using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Tests.Sparql.Expressions;

/// <summary>A row of bindings backed by a dictionary.</summary>
internal sealed class MapRow : IBindingRow
{
    private readonly Dictionary<string, Term> _values = new(StringComparer.Ordinal);

    public MapRow Bind(string name, Term value)
    {
        _values[name] = value;
        return this;
    }

    public Term? Get(Variable variable) => _values.GetValueOrDefault(variable.Name);
}

/// <summary>Parses an expression from SPARQL text, evaluates it and prints the result compactly.</summary>
internal static class ExpressionHarness
{
    public const string Xsd = "http://www.w3.org/2001/XMLSchema#";
    private const string Prologue = "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> PREFIX : <http://example.org/> ";

    public static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 30, 15, 250, TimeSpan.Zero);

    public static Expression Parse(string expression) =>
        SparqlParser.ParseQuery(Prologue + "SELECT (" + expression + " AS ?result) {}", "http://example.org/base/")
            .Projection[0].Expression!;

    public static ExpressionEvaluator NewEvaluator(TimeSpan? regexTimeout = null, Func<ExistsExpression, IBindingRow, bool>? exists = null) =>
        new(Iri.Create("http://example.org/base/"), Now, exists, regexTimeout, 42);

    public static Term? Evaluate(string expression, IBindingRow? row = null) =>
        NewEvaluator().Evaluate(Parse(expression), row ?? new MapRow());

    /// <summary>The result as text: <c>"a"@en</c>, <c>"3"^^xsd:integer</c>, <c>&lt;iri&gt;</c>, or "error".</summary>
    public static string Show(Term? term) => term switch
    {
        null => "error",
        Literal l when l.Datatype.Value.StartsWith(Xsd, StringComparison.Ordinal) && !l.IsSimple =>
            "\"" + l.LexicalForm + "\"^^xsd:" + l.Datatype.Value[Xsd.Length..],
        _ => term.ToString(),
    };

    public static string Run(string expression, IBindingRow? row = null) => Show(Evaluate(expression, row));
}
