using System.Text.RegularExpressions;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation.Expressions;

namespace DihNode.Rdf.Shacl;

/// <summary>The SHACL Core constraint components (SHACL §4), one branch per parameter.</summary>
internal sealed partial class ShaclEngine
{
    private void ApplyComponent(Ctx ctx, Iri p, Term o, HashSet<Iri> done)
    {
        if (!p.Value.StartsWith(Sh.Ns, StringComparison.Ordinal)) return;
        switch (p.Value.AsSpan(Sh.Ns.Length))
        {
            case "class": Class(ctx, o); break;
            case "datatype": Datatype(ctx, o); break;
            case "nodeKind": NodeKind(ctx, o); break;
            case "minCount" when ctx.Shape.IsPropertyShape:
                if (Int(o) is long min && ctx.Values.Count < min) Report(ctx, "MinCount", null, $"fewer than {min} values");
                break;
            case "maxCount" when ctx.Shape.IsPropertyShape:
                if (Int(o) is long max && ctx.Values.Count > max) Report(ctx, "MaxCount", null, $"more than {max} values");
                break;
            case "minExclusive": Range(ctx, o, "MinExclusive", c => c == Comparison.Greater, ">"); break;
            case "minInclusive": Range(ctx, o, "MinInclusive", c => c is Comparison.Greater or Comparison.Equal, ">="); break;
            case "maxExclusive": Range(ctx, o, "MaxExclusive", c => c == Comparison.Less, "<"); break;
            case "maxInclusive": Range(ctx, o, "MaxInclusive", c => c is Comparison.Less or Comparison.Equal, "<="); break;
            case "minLength": Length(ctx, o, "MinLength", (len, n) => len >= n); break;
            case "maxLength": Length(ctx, o, "MaxLength", (len, n) => len <= n); break;
            case "pattern": Pattern(ctx, o); break;
            case "languageIn": LanguageIn(ctx, o); break;
            case "uniqueLang" when ctx.Shape.IsPropertyShape: if (o is Literal { LexicalForm: "true" }) UniqueLang(ctx); break;
            case "equals": Equal(ctx, o); break;
            case "disjoint": Disjoint(ctx, o); break;
            case "lessThan" when ctx.Shape.IsPropertyShape: LessThan(ctx, o, orEquals: false); break;
            case "lessThanOrEquals" when ctx.Shape.IsPropertyShape: LessThan(ctx, o, orEquals: true); break;
            case "not":
                foreach (var v in ctx.Values)
                    if (Conforms(v, o, ctx.Depth)) Report(ctx, "Not", v, $"value conforms to {o}");
                break;
            case "and": Logical(ctx, o, "And", n => n == -1); break;
            case "or": Logical(ctx, o, "Or", n => n > 0); break;
            case "xone": Logical(ctx, o, "Xone", n => n == 1); break;
            case "node":
                foreach (var v in ctx.Values)
                    if (!Conforms(v, o, ctx.Depth)) Report(ctx, "Node", v, $"value does not conform to {o}");
                break;
            case "property":
                foreach (var v in ctx.Values) ValidateShape(GetShape(o), v, ctx.Results, ctx.Depth + 1);
                break;
            case "qualifiedValueShape" when ctx.Shape.IsPropertyShape: Qualified(ctx, o); break;
            case "closed": if (done.Add(Sh.Closed) && _shapes.IsTrue(ctx.Shape.Node, Sh.Closed)) Closed(ctx); break;
            case "hasValue":
                if (!ctx.Values.Contains(o)) Report(ctx, "HasValue", null, $"missing value {o}");
                break;
            case "in":
                {
                    var allowed = new HashSet<Term>(_shapes.List(o));
                    foreach (var v in ctx.Values)
                        if (!allowed.Contains(v)) Report(ctx, "In", v, "value not in the allowed list");
                    break;
                }
            case "sparql" when _options.EnableSparql: SparqlConstraint(ctx, o); break;
        }
    }

    private static long? Int(Term t) => t is Literal l && long.TryParse(l.LexicalForm, out long n) ? n : null;

    private void Class(Ctx ctx, Term cls)
    {
        foreach (var v in ctx.Values)
            if (v is Literal || !_data.IsInstanceOf(v, cls)) Report(ctx, "Class", v, $"value is not an instance of {cls}");
    }

    private void Datatype(Ctx ctx, Term dt)
    {
        foreach (var v in ctx.Values)
        {
            bool ok = v is Literal l && l.Datatype.Equals(dt) && XsdLexicalForms.IsWellFormed(l);
            if (!ok) Report(ctx, "Datatype", v, $"value does not have datatype {dt}");
        }
    }

    private void NodeKind(Ctx ctx, Term kind)
    {
        foreach (var v in ctx.Values)
        {
            bool ok = kind is Iri k && v.Kind switch
            {
                TermKind.BlankNode => k.Equals(Sh.BlankNode) || k.Equals(Sh.BlankNodeOrIRI) || k.Equals(Sh.BlankNodeOrLiteral),
                TermKind.Iri => k.Equals(Sh.IRI) || k.Equals(Sh.BlankNodeOrIRI) || k.Equals(Sh.IRIOrLiteral),
                TermKind.Literal => k.Equals(Sh.LiteralKind) || k.Equals(Sh.BlankNodeOrLiteral) || k.Equals(Sh.IRIOrLiteral),
                _ => false,
            };
            if (!ok) Report(ctx, "NodeKind", v, $"value is not of node kind {kind}");
        }
    }

    private void Range(Ctx ctx, Term bound, string component, Func<Comparison, bool> ok, string op)
    {
        foreach (var v in ctx.Values)
            if (!ok(TermComparer.ValueCompare(v, bound))) Report(ctx, component, v, $"value is not {op} {bound}");
    }

    private void Length(Ctx ctx, Term limit, string component, Func<long, long, bool> ok)
    {
        if (Int(limit) is not long n) return;
        foreach (var v in ctx.Values)
        {
            bool good = v is not BlankNode && ok(CodePoints(Str(v)), n);
            if (!good) Report(ctx, component, v, $"value length violates {component} {n}");
        }
    }

    private static string Str(Term t) => t switch { Iri i => i.Value, Literal l => l.LexicalForm, _ => t.ToString() };

    private static long CodePoints(string s)
    {
        long n = 0;
        for (int i = 0; i < s.Length; i++)
            if (!char.IsLowSurrogate(s[i])) n++;
        return n;
    }

    private void Pattern(Ctx ctx, Term pattern)
    {
        if (pattern is not Literal pl) return;
        string flags = (_shapes.Object(ctx.Shape.Node, Sh.Flags) as Literal)?.LexicalForm ?? "";
        var regex = XPathRegex.Get(pl.LexicalForm, flags, _options.RegexTimeout)
            ?? throw new ShaclException($"invalid sh:pattern \"{pl.LexicalForm}\" with flags \"{flags}\" on shape {ctx.Shape.Node}");
        foreach (var v in ctx.Values)
        {
            bool ok;
            try
            {
                ok = v is not BlankNode && regex.IsMatch(Str(v));
            }
            catch (RegexMatchTimeoutException e)
            {
                throw new ShaclException($"sh:pattern \"{pl.LexicalForm}\" timed out on {v}", e);
            }
            if (!ok) Report(ctx, "Pattern", v, $"value does not match \"{pl.LexicalForm}\"");
        }
    }

    private void LanguageIn(Ctx ctx, Term list)
    {
        var ranges = _shapes.List(list).OfType<Literal>().Select(l => l.LexicalForm).ToList();
        foreach (var v in ctx.Values)
        {
            bool ok = v is Literal { Language: string lang } && ranges.Any(r => LangMatches(lang, r));
            if (!ok) Report(ctx, "LanguageIn", v, $"language not in ({string.Join(", ", ranges)})");
        }
    }

    /// <summary>Basic language-range filtering (RFC 4647 §3.3.1), as SPARQL's langMatches.</summary>
    internal static bool LangMatches(string tag, string range)
    {
        if (range == "*") return tag.Length > 0;
        return tag.Equals(range, StringComparison.OrdinalIgnoreCase)
            || (tag.Length > range.Length && tag[range.Length] == '-' && tag.StartsWith(range, StringComparison.OrdinalIgnoreCase));
    }

    private void UniqueLang(Ctx ctx)
    {
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var v in ctx.Values)
            if (v is Literal { Language: string lang } && lang.Length > 0)
            {
                counts[lang] = counts.GetValueOrDefault(lang) + 1;
                if (counts[lang] == 2) order.Add(lang);
            }
        foreach (var lang in order) Report(ctx, "UniqueLang", null, $"language \"{lang}\" used more than once");
    }

    private void Equal(Ctx ctx, Term p)
    {
        if (p is not Iri pi) return;
        var others = _data.Objects(ctx.Focus, pi).ToHashSet();
        var values = ctx.Values.ToHashSet();
        foreach (var v in ctx.Values)
            if (!others.Contains(v)) Report(ctx, "Equals", v, $"value is not a value of {p}");
        foreach (var o in others)
            if (!values.Contains(o)) Report(ctx, "Equals", o, $"value of {p} is missing");
    }

    private void Disjoint(Ctx ctx, Term p)
    {
        if (p is not Iri pi) return;
        var others = _data.Objects(ctx.Focus, pi).ToHashSet();
        foreach (var v in ctx.Values)
            if (others.Contains(v)) Report(ctx, "Disjoint", v, $"value is also a value of {p}");
    }

    private void LessThan(Ctx ctx, Term p, bool orEquals)
    {
        if (p is not Iri pi) return;
        var others = _data.Objects(ctx.Focus, pi).ToList();
        foreach (var v in ctx.Values)
            foreach (var o in others)
            {
                var c = TermComparer.ValueCompare(v, o);
                bool ok = c == Comparison.Less || (orEquals && c == Comparison.Equal);
                if (!ok) Report(ctx, orEquals ? "LessThanOrEquals" : "LessThan", v, $"value is not {(orEquals ? "<=" : "<")} {o}");
            }
    }

    /// <summary>sh:and (all conform, counted as -1), sh:or (at least one), sh:xone (exactly one).</summary>
    private void Logical(Ctx ctx, Term list, string component, Func<int, bool> ok)
    {
        var members = _shapes.List(list);
        foreach (var v in ctx.Values)
        {
            int n = 0;
            foreach (var m in members)
                if (Conforms(v, m, ctx.Depth)) n++;
            int outcome = component == "And" ? (n == members.Count ? -1 : n) : n;
            if (!ok(outcome)) Report(ctx, component, v, $"value does not satisfy sh:{component.ToLowerInvariant()}");
        }
    }

    private void Qualified(Ctx ctx, Term qvs)
    {
        var shape = ctx.Shape.Node;
        var siblings = new HashSet<Term>();
        if (_shapes.IsTrue(shape, Sh.QualifiedValueShapesDisjoint))
            foreach (var parent in _shapes.Subjects(Sh.Property, shape))
                foreach (var sib in _shapes.Objects(parent, Sh.Property))
                    if (!sib.Equals(shape))
                        foreach (var s in _shapes.Objects(sib, Sh.QualifiedValueShape)) siblings.Add(s);
        int count = 0;
        foreach (var v in ctx.Values)
            if (Conforms(v, qvs, ctx.Depth) && !siblings.Any(s => Conforms(v, s, ctx.Depth))) count++;
        if (Int(_shapes.Object(shape, Sh.QualifiedMinCount) ?? Literal.Simple("")) is long min && count < min)
            Report(ctx, "QualifiedMinCount", null, $"fewer than {min} values conform to {qvs}");
        if (Int(_shapes.Object(shape, Sh.QualifiedMaxCount) ?? Literal.Simple("")) is long max && count > max)
            Report(ctx, "QualifiedMaxCount", null, $"more than {max} values conform to {qvs}");
    }

    private void Closed(Ctx ctx)
    {
        var allowed = new HashSet<Term>();
        foreach (var ps in _shapes.Objects(ctx.Shape.Node, Sh.Property))
            if (_shapes.Object(ps, Sh.Path) is Iri p) allowed.Add(p);
        foreach (var list in _shapes.Objects(ctx.Shape.Node, Sh.IgnoredProperties))
            foreach (var p in _shapes.List(list)) allowed.Add(p);
        foreach (var v in ctx.Values)
            foreach (var (p, o) in _data.Out(v))
                if (!allowed.Contains(p))
                    Report(ctx, Sh.Component("Closed"), o, $"property {p} is not allowed", p);
    }
}
