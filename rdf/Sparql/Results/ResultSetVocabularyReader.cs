using System.Globalization;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Results;

/// <summary>
/// Reads a result written in RDF with the DAWG result-set vocabulary
/// (<c>http://www.w3.org/2001/sw/DataAccess/tests/result-set#</c>), which many SPARQL 1.0 test
/// results use: an <c>rs:ResultSet</c> node with <c>rs:resultVariable</c> names and
/// <c>rs:solution</c>s, each with <c>rs:binding</c>s (<c>rs:variable</c>, <c>rs:value</c>) and an
/// optional <c>rs:index</c> giving the order; or <c>rs:boolean</c> for ASK. The caller parses the
/// Turtle or RDF/XML and hands over the quads (default graph only is looked at).
/// </summary>
public static class ResultSetVocabularyReader
{
    public const string Namespace = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#";

    private static readonly Iri s_resultSet = Iri.FromTrusted(Namespace + "ResultSet");
    private static readonly Iri s_resultVariable = Iri.FromTrusted(Namespace + "resultVariable");
    private static readonly Iri s_solution = Iri.FromTrusted(Namespace + "solution");
    private static readonly Iri s_binding = Iri.FromTrusted(Namespace + "binding");
    private static readonly Iri s_variable = Iri.FromTrusted(Namespace + "variable");
    private static readonly Iri s_value = Iri.FromTrusted(Namespace + "value");
    private static readonly Iri s_index = Iri.FromTrusted(Namespace + "index");
    private static readonly Iri s_boolean = Iri.FromTrusted(Namespace + "boolean");

    /// <summary>
    /// Parses an RDF file (format from its extension: .ttl, .rdf, ...) with <see cref="RdfParser"/>,
    /// base IRI = the file's URI, and reads the result set in it. Syntax errors surface as
    /// <see cref="RdfSyntaxException"/>; a format without a parser yet as <see cref="NotSupportedException"/>.
    /// </summary>
    public static SparqlResult ReadFile(string path)
    {
        RdfFormat format = RdfFormats.FromFileName(path)
            ?? throw new ArgumentException($"no RDF format for the extension of '{path}'", nameof(path));
        var sink = new QuadList();
        using (FileStream stream = File.OpenRead(path))
        {
            RdfParser.Parse(stream, format, sink, new RdfParserOptions
            {
                BaseIri = new Uri(Path.GetFullPath(path)).AbsoluteUri,
                SourceName = Path.GetFileName(path),
            });
        }
        return Read(sink.Quads, Path.GetFileName(path));
    }

    private sealed class QuadList : IQuadSink
    {
        public List<Quad> Quads { get; } = [];

        public void Add(in Quad quad) => Quads.Add(quad);
    }

    /// <summary>True when the quads hold a result set in this vocabulary (a node typed rs:ResultSet).</summary>
    public static bool Contains(IEnumerable<Quad> quads) =>
        quads.Any(q => q.Graph is null && q.Predicate.Equals(Vocabulary.Rdf.Type) && q.Object.Equals(s_resultSet));

    /// <summary>
    /// The result held by the quads. Rows are sorted by <c>rs:index</c> when every solution has one,
    /// otherwise kept in the order their <c>rs:solution</c> triples came. Variables bound in a solution
    /// but not listed by <c>rs:resultVariable</c> are appended to the variable list.
    /// </summary>
    /// <exception cref="SparqlResultsSyntaxException">The graph is not a well-formed result set.</exception>
    public static SparqlResult Read(IEnumerable<Quad> quads, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(quads);
        var bySubject = new Dictionary<NamedOrBlankNode, List<(Iri P, Term O)>>();
        foreach (Quad q in quads)
        {
            if (q.Graph is not null) continue;
            if (!bySubject.TryGetValue(q.Subject, out var list)) bySubject[q.Subject] = list = [];
            list.Add((q.Predicate, q.Object));
        }

        NamedOrBlankNode? root = null;
        foreach ((NamedOrBlankNode s, var props) in bySubject)
        {
            bool typed = props.Any(p => p.P.Equals(Vocabulary.Rdf.Type) && p.O.Equals(s_resultSet));
            bool shaped = props.Any(p => p.P.Equals(s_solution) || p.P.Equals(s_resultVariable) || p.P.Equals(s_boolean));
            if (!typed && !shaped) continue;
            if (root is not null && !root.Equals(s))
                throw Error($"more than one result set ({root} and {s})", s, sourceName);
            root = s;
        }
        if (root is null) throw Error("no rs:ResultSet node found", null, sourceName);
        var rootProps = bySubject[root];

        Term? booleanValue = Single(rootProps, s_boolean, root, sourceName);
        if (booleanValue is not null)
        {
            if (booleanValue is not Literal { } bl || !(bl.Datatype.Equals(Vocabulary.Xsd.Boolean) || bl.IsSimple)
                || bl.LexicalForm is not ("true" or "false" or "1" or "0"))
                throw Error($"rs:boolean must be an xsd:boolean, not {booleanValue}", root, sourceName);
            if (rootProps.Any(p => p.P.Equals(s_solution)))
                throw Error("a result set cannot have both rs:boolean and rs:solution", root, sourceName);
            return SparqlResult.FromBoolean(bl.LexicalForm is "true" or "1");
        }

        var vars = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach ((Iri p, Term o) in rootProps)
        {
            if (!p.Equals(s_resultVariable)) continue;
            AddVariable(VariableName(o, root, sourceName), vars, index);
        }

        var solutions = new List<(long? Index, Dictionary<string, Term> Bindings)>();
        foreach ((Iri p, Term o) in rootProps)
        {
            if (!p.Equals(s_solution)) continue;
            if (o is not NamedOrBlankNode solution) throw Error($"rs:solution must be a node, not {o}", root, sourceName);
            var bindings = new Dictionary<string, Term>(StringComparer.Ordinal);
            long? position = null;
            foreach ((Iri sp, Term so) in bySubject.GetValueOrDefault(solution) ?? [])
            {
                if (sp.Equals(s_index))
                {
                    if (position is not null) throw Error("rs:index given twice", solution, sourceName);
                    if (so is not Literal il || !long.TryParse(il.LexicalForm, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n))
                        throw Error($"rs:index must be an integer, not {so}", solution, sourceName);
                    position = n;
                }
                else if (sp.Equals(s_binding))
                {
                    if (so is not NamedOrBlankNode binding) throw Error($"rs:binding must be a node, not {so}", solution, sourceName);
                    var props = bySubject.GetValueOrDefault(binding) ?? [];
                    Term variable = Single(props, s_variable, binding, sourceName) ?? throw Error("rs:binding without rs:variable", binding, sourceName);
                    Term value = Single(props, s_value, binding, sourceName) ?? throw Error("rs:binding without rs:value", binding, sourceName);
                    string name = VariableName(variable, binding, sourceName);
                    if (!bindings.TryAdd(name, value)) throw Error($"variable \"{name}\" bound twice in one solution", solution, sourceName);
                    AddVariable(name, vars, index);
                }
            }
            solutions.Add((position, bindings));
        }

        if (solutions.Count > 0 && solutions.All(s => s.Index is not null))
            solutions = [.. solutions.OrderBy(s => s.Index!.Value)];

        var rows = new List<Term?[]>(solutions.Count);
        foreach ((_, Dictionary<string, Term> bindings) in solutions)
        {
            var row = new Term?[vars.Count];
            foreach ((string name, Term value) in bindings) row[index[name]] = value;
            rows.Add(row);
        }
        return SparqlResult.FromTable(vars, rows);
    }

    private static void AddVariable(string name, List<string> vars, Dictionary<string, int> index)
    {
        if (index.ContainsKey(name)) return;
        index[name] = vars.Count;
        vars.Add(name);
    }

    private static string VariableName(Term o, NamedOrBlankNode at, string? source)
    {
        if (o is Literal l && SparqlNames.IsVariableName(l.LexicalForm)) return l.LexicalForm;
        throw Error($"a variable name must be a literal like \"x\", not {o}", at, source);
    }

    private static Term? Single(List<(Iri P, Term O)> props, Iri predicate, NamedOrBlankNode at, string? source)
    {
        Term? found = null;
        foreach ((Iri p, Term o) in props)
        {
            if (!p.Equals(predicate)) continue;
            if (found is not null && !found.Equals(o)) throw Error($"{predicate} given twice", at, source);
            found = o;
        }
        return found;
    }

    private static SparqlResultsSyntaxException Error(string problem, NamedOrBlankNode? at, string? source) =>
        new(problem, at?.ToString() ?? "the graph", source);
}
