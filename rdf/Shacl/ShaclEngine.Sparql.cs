using System.Text;
using System.Text.RegularExpressions;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation;
using DihNode.Rdf.Sparql.Syntax;
using DihNode.Rdf.Store;

namespace DihNode.Rdf.Shacl;

/// <summary>
/// SHACL-SPARQL (SHACL §5, §6): sh:sparql SELECT constraints and SPARQL-based constraint components,
/// run by our SPARQL engine over the data graph (default graph) with the shapes graph as a named graph
/// that $shapesGraph names.
/// </summary>
internal sealed partial class ShaclEngine
{
    /// <summary>The name under which the shapes graph is visible to SHACL-SPARQL queries ($shapesGraph).</summary>
    internal static readonly Iri ShapesGraphName = Iri.FromTrusted("urn:x-dihnode:shacl:shapes-graph");

    private static readonly Variable This = new("this"), CurrentShape = new("currentShape"), ShapesGraph = new("shapesGraph"), ValueVar = new("value");
    private MemoryDataset? _store;
    private List<CustomComponent>? _components;
    private readonly Dictionary<string, Query> _queryCache = new(StringComparer.Ordinal);

    private MemoryDataset Store()
    {
        if (_store is not null) return _store;
        var store = new MemoryDataset();
        foreach (var t in _data.Triples) store.Add(new Quad(t.Subject, t.Predicate, t.Object, null));
        foreach (var t in _shapes.Triples) store.Add(new Quad(t.Subject, t.Predicate, t.Object, ShapesGraphName));
        return _store = store;
    }

    /// <summary>An sh:sparql constraint (§5.1, §5.3).</summary>
    private void SparqlConstraint(Ctx ctx, Term constraint)
    {
        if (_shapes.IsTrue(constraint, Sh.Deactivated)) return;
        if (_shapes.Object(constraint, Sh.Select) is not Literal select)
            throw new ShaclException($"SPARQL constraint {constraint} has no sh:select");
        var messages = _shapes.Objects(constraint, Sh.Message).OfType<Literal>().ToList();
        if (messages.Count == 0) messages = [.. ctx.Shape.Messages];
        RunSelect(ctx, constraint, select.LexicalForm, [], messages, Sh.SparqlConstraintComponent, constraint);
    }

    /// <summary>Runs a SELECT validator with pre-bound variables; each solution is a result (§5.3.2).</summary>
    private void RunSelect(Ctx ctx, Term prefixesOf, string text, IReadOnlyList<(Variable, Term)> parameters,
        List<Literal> messages, Iri component, Term? sourceConstraint)
    {
        var query = Prepare(prefixesOf, text, ctx.Shape.Path);
        if (query.Form != QueryForm.Select) throw new ShaclException($"expected a SELECT query at {prefixesOf}");
        var bound = query.Form == QueryForm.Select ? PreBindings(ctx, ctx.Focus, parameters) : [];
        var (vars, rows) = Select(SparqlPreBinding.Apply(query, bound), prefixesOf);
        int Index(string name) { for (int i = 0; i < vars.Count; i++) if (vars[i].Name == name) return i; return -1; }
        int iThis = Index("this"), iValue = Index("value"), iPath = Index("path"), iFailure = Index("failure");
        foreach (var row in rows)
        {
            if (iFailure >= 0 && row[iFailure] is Literal { LexicalForm: "true" or "1" })
                throw new ShaclException($"SPARQL validator {prefixesOf} reported a failure for {ctx.Focus}");
            Term focus = (iThis >= 0 ? row[iThis] : null) ?? ctx.Focus;
            Term? value = iValue >= 0 ? row[iValue] : null;
            if (value is null && !ctx.Shape.IsPropertyShape) value = focus;
            Term? path = null;
            if (iPath >= 0 && row[iPath] is Iri p) path = p;
            var texts = messages.Select(m => Substitute(m, vars, row, parameters)).ToList();
            var r = new ValidationResult(focus, path ?? ctx.Shape.PathNode, value, ctx.Shape.Node, component, ctx.Shape.Severity,
                texts.Count > 0 ? texts : [Literal.Simple($"SPARQL constraint {sourceConstraint ?? component} reported a violation")])
            {
                SourceConstraint = sourceConstraint,
                PathStructure = path is Iri pi ? new PredicatePath(pi) : ctx.Shape.Path,
            };
            ctx.Results.Add(r);
        }
    }

    private QueryOptions QueryOptions() => new() { Timeout = _options.SparqlTimeout };

    /// <summary>Runs a SELECT to the end; an evaluation error or timeout is a failure of validation.</summary>
    private (IReadOnlyList<Variable> Variables, List<Term?[]> Rows) Select(Query query, Term source)
    {
        try
        {
            var result = (SelectResult)QueryEvaluator.Execute(query, Store(), QueryOptions());
            return (result.Variables, [.. result.Rows]);
        }
        catch (QueryEvaluationException e)
        {
            throw new ShaclException($"SHACL-SPARQL query at {source} failed: {e.Message}", e);
        }
    }

    private bool Ask(Query query, Term source)
    {
        try
        {
            return ((AskResult)QueryEvaluator.Execute(query, Store(), QueryOptions())).Value;
        }
        catch (QueryEvaluationException e)
        {
            throw new ShaclException($"SHACL-SPARQL query at {source} failed: {e.Message}", e);
        }
    }

    private List<(Variable, Term)> PreBindings(Ctx ctx, Term focus, IReadOnlyList<(Variable, Term)> parameters)
    {
        var list = new List<(Variable, Term)> { (This, focus), (CurrentShape, ctx.Shape.Node), (ShapesGraph, ShapesGraphName) };
        list.AddRange(parameters);
        return list;
    }

    /// <summary>Parses a validator's query with its sh:prefixes declarations and $PATH substituted (§5.2.1, §5.3.1).</summary>
    private Query Prepare(Term prefixesOf, string text, ShaclPath? path)
    {
        var sb = new StringBuilder();
        foreach (var (prefix, ns) in Prefixes(prefixesOf))
            sb.Append("PREFIX ").Append(prefix).Append(": <").Append(ns).Append(">\n");
        if (path is not null)
        {
            var ps = new StringBuilder();
            path.AppendSparql(ps);
            text = Regex.Replace(text, @"\$PATH\b", ps.ToString());
        }
        sb.Append(text);
        string full = sb.ToString();
        if (_queryCache.TryGetValue(full, out var cached)) return cached;
        try
        {
            return _queryCache[full] = SparqlParser.ParseQuery(full);
        }
        catch (Exception e) when (e is not ShaclException)
        {
            throw new ShaclException($"SHACL-SPARQL query at {prefixesOf} does not parse: {e.Message}", e);
        }
    }

    /// <summary>The prefix declarations of sh:prefixes (§5.2.1): sh:declare of the named nodes, owl:imports followed.</summary>
    private List<(string, string)> Prefixes(Term node)
    {
        var list = new List<(string, string)>();
        var seen = new HashSet<Term>();
        var stack = new Stack<Term>(_shapes.Objects(node, Sh.Prefixes));
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (!seen.Add(n)) continue;
            foreach (var d in _shapes.Objects(n, Sh.Declare))
                if (_shapes.Object(d, Sh.Prefix) is Literal p && _shapes.Object(d, Sh.Namespace) is Literal ns)
                {
                    if (list.Any(x => x.Item1 == p.LexicalForm && x.Item2 != ns.LexicalForm))
                        throw new ShaclException($"prefix {p.LexicalForm} declared with two namespaces");
                    list.Add((p.LexicalForm, ns.LexicalForm));
                }
            foreach (var i in _shapes.Objects(n, Sh.OwlImports)) stack.Push(i);
        }
        return list;
    }

    /// <summary>sh:message templates (§5.3.2): {?var} and {$var} become the variable's value.</summary>
    private static Literal Substitute(Literal message, IReadOnlyList<Variable> vars, Term?[] row, IReadOnlyList<(Variable Var, Term Value)> parameters)
    {
        string text = Regex.Replace(message.LexicalForm, @"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}", m =>
        {
            string name = m.Groups[1].Value;
            for (int i = 0; i < vars.Count; i++)
                if (vars[i].Name == name && row[i] is Term t) return Display(t);
            foreach (var (v, value) in parameters)
                if (v.Name == name) return Display(value);
            return m.Value;
        });
        return message.Language is string lang ? Literal.LangString(text, lang) : Literal.Simple(text);
    }

    private static string Display(Term t) => t switch { Iri i => i.Value, Literal l => l.LexicalForm, _ => t.ToString() };

    /// <summary>A SPARQL-based constraint component (§6): its parameters and validators.</summary>
    private sealed record CustomComponent(Iri Iri, IReadOnlyList<(Iri Path, bool Optional)> Parameters, Term? Validator, Term? NodeValidator, Term? PropertyValidator);

    private List<CustomComponent> Components()
    {
        if (_components is not null) return _components;
        var list = new List<CustomComponent>();
        foreach (var (s, o) in _shapes.WithPredicate(Vocabulary.Rdf.Type))
        {
            if (s is not Iri iri || !_shapes.IsSubClassOf(o, Sh.ConstraintComponent)) continue;
            if (list.Any(c => c.Iri.Equals(iri))) continue;
            if (iri.Value.StartsWith(Sh.Ns, StringComparison.Ordinal)) continue;
            var ps = new List<(Iri, bool)>();
            foreach (var p in _shapes.Objects(s, Sh.Parameter))
                if (_shapes.Object(p, Sh.Path) is Iri path) ps.Add((path, _shapes.IsTrue(p, Sh.Optional)));
            list.Add(new CustomComponent(iri, ps, _shapes.Object(s, Sh.Validator), _shapes.Object(s, Sh.NodeValidator), _shapes.Object(s, Sh.PropertyValidator)));
        }
        return _components = list;
    }

    /// <summary>Applies the SPARQL-based constraint components whose mandatory parameters the shape has (§6.2, §6.3).</summary>
    private void ApplyCustomComponents(Ctx ctx)
    {
        foreach (var c in Components())
        {
            var bindings = new List<(Variable, Term)>();
            bool applies = c.Parameters.Count > 0;
            foreach (var (path, optional) in c.Parameters)
            {
                var v = _shapes.Object(ctx.Shape.Node, path);
                if (v is null) { if (!optional) { applies = false; break; } continue; }
                bindings.Add((new Variable(LocalName(path)), v));
            }
            if (!applies) continue;
            var select = ctx.Shape.IsPropertyShape ? c.PropertyValidator : c.NodeValidator;
            if (select is not null && _shapes.Object(select, Sh.Select) is Literal sq)
            {
                RunSelect(ctx, select, sq.LexicalForm, bindings, Messages(select, c, ctx), c.Iri, null);
                continue;
            }
            if (c.Validator is Term ask && _shapes.Object(ask, Sh.Ask) is Literal aq)
                RunAsk(ctx, ask, aq.LexicalForm, bindings, Messages(ask, c, ctx), c.Iri);
        }
    }

    private List<Literal> Messages(Term validator, CustomComponent c, Ctx ctx)
    {
        var m = _shapes.Objects(validator, Sh.Message).OfType<Literal>().ToList();
        if (m.Count == 0) m = [.. _shapes.Objects(c.Iri, Sh.Message).OfType<Literal>()];
        if (ctx.Shape.Messages.Count > 0) m = [.. ctx.Shape.Messages];
        return m;
    }

    /// <summary>An ASK validator (§6.3.1): each value node for which the query is false is a result.</summary>
    private void RunAsk(Ctx ctx, Term validator, string text, IReadOnlyList<(Variable, Term)> parameters, List<Literal> messages, Iri component)
    {
        var query = Prepare(validator, text, ctx.Shape.Path);
        if (query.Form != QueryForm.Ask) throw new ShaclException($"expected an ASK query at {validator}");
        foreach (var v in ctx.Values)
        {
            var bound = PreBindings(ctx, ctx.Focus, parameters);
            bound.Add((ValueVar, v));
            if (Ask(SparqlPreBinding.Apply(query, bound), validator)) continue;
            var texts = messages.Select(m => Substitute(m, [ValueVar, This], [v, ctx.Focus], parameters)).ToList();
            ctx.Results.Add(new ValidationResult(ctx.Focus, ctx.Shape.PathNode, v, ctx.Shape.Node, component, ctx.Shape.Severity,
                texts.Count > 0 ? texts : [Literal.Simple($"value does not satisfy {component}")])
            { PathStructure = ctx.Shape.Path });
        }
    }

    private static string LocalName(Iri iri)
    {
        string v = iri.Value;
        int i = Math.Max(v.LastIndexOf('#'), Math.Max(v.LastIndexOf('/'), v.LastIndexOf(':')));
        return v[(i + 1)..];
    }
}
