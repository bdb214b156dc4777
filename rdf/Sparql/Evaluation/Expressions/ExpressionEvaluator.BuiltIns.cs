using System.Security.Cryptography;
using System.Text;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Rdf.Sparql.Evaluation.Expressions;

public sealed partial class ExpressionEvaluator
{
    /// <summary>The built-in calls of §17.4, by the upper-case name the parser gives them.</summary>
    private Term? EvaluateBuiltIn(BuiltInCall call, IBindingRow row)
    {
        var args = call.Arguments;
        // The functional forms that do not evaluate all their arguments first (§17.4.1).
        switch (call.Name)
        {
            case "BOUND":
                return args[0] is VariableExpression v ? BooleanValue.Of(row.Get(v.Variable) is not null) : null;
            case "IF":
                return EffectiveBooleanValue(args[0], row) switch
                {
                    true => Evaluate(args[1], row),
                    false => Evaluate(args[2], row),
                    null => null,
                };
            case "COALESCE":
                foreach (var a in args)
                    if (Evaluate(a, row) is Term t) return t;
                return null;
            case "RAND":
                return NumericValue.FromDouble(_random.NextDouble()).ToLiteral();
            case "NOW":
                return _now;
            case "UUID":
                return Iri.FromTrusted("urn:uuid:" + Guid.NewGuid().ToString("D"));
            case "STRUUID":
                return Literal.Simple(Guid.NewGuid().ToString("D"));
            case "BNODE" when args.Count == 0:
                return BlankNode.CreateUnique();
            case "CONCAT":
                return Concat(args, row);
        }

        // Every other built-in is strict: an unbound or erroneous argument is an error.
        Term? x = Evaluate(args[0], row);
        if (x is null) return null;
        Term? y = null, z = null, w = null;
        if (args.Count > 1 && (y = Evaluate(args[1], row)) is null) return null;
        if (args.Count > 2 && (z = Evaluate(args[2], row)) is null) return null;
        if (args.Count > 3 && (w = Evaluate(args[3], row)) is null) return null;

        switch (call.Name)
        {
            case "SAMETERM": return BooleanValue.Of(x.Equals(y));
            case "ISIRI": return BooleanValue.Of(x.IsIri);
            case "ISBLANK": return BooleanValue.Of(x.IsBlankNode);
            case "ISLITERAL": return BooleanValue.Of(x.IsLiteral);
            case "ISNUMERIC": return BooleanValue.Of(x is Literal nl && NumericValue.TryFromLiteral(nl, out _));
            case "STR":
                return x switch
                {
                    Iri i => Literal.Simple(i.Value),
                    Literal l => l.IsSimple ? l : Literal.Simple(l.LexicalForm),
                    _ => null,
                };
            case "LANG": return x is Literal ll ? Literal.Simple(ll.Language ?? "") : null;
            case "DATATYPE": return x is Literal dl ? dl.Datatype : null;
            case "LANGMATCHES": return LangMatches(x, y!);
            case "IRI": return ToIri(x);
            case "BNODE": return XsdTypes.IsStringLiteral(x) ? SolutionBlankNode(((Literal)x).LexicalForm, row) : null;
            case "STRLANG": return StrLang(x, y!);
            case "STRDT":
                return XsdTypes.IsStringLiteral(x) && y is Iri dt && !dt.Equals(Vocabulary.Rdf.LangString)
                    ? Literal.Typed(((Literal)x).LexicalForm, dt)
                    : null;
            case "ABS": return Numeric(x, static n => n.Abs());
            case "CEIL": return Numeric(x, static n => n.Ceiling());
            case "FLOOR": return Numeric(x, static n => n.Floor());
            case "ROUND": return Numeric(x, static n => n.Round());
            case "YEAR" or "MONTH" or "DAY" or "HOURS" or "MINUTES" or "SECONDS" or "TIMEZONE" or "TZ":
                return DateTimePart(call.Name, x);
            case "MD5": return Hash(x, MD5.HashData);
            case "SHA1": return Hash(x, SHA1.HashData);
            case "SHA256": return Hash(x, SHA256.HashData);
            case "SHA384": return Hash(x, SHA384.HashData);
            case "SHA512": return Hash(x, SHA512.HashData);
            default: return EvaluateStringFunction(call.Name, x, y, z, w);
        }
    }

    private static Literal? Numeric(Term x, Func<NumericValue, NumericValue> f) =>
        x is Literal l && NumericValue.TryFromLiteral(l, out var n) ? f(n).ToLiteral() : null;

    /// <summary>IRI()/URI() (§17.4.2.8): an IRI is returned as is; a string is resolved against the base IRI.</summary>
    private Iri? ToIri(Term x)
    {
        if (x is Iri iri) return iri;
        if (!XsdTypes.IsStringLiteral(x)) return null;
        string s = ((Literal)x).LexicalForm;
        if (!IriResolver.HasScheme(s))
        {
            if (_baseIri is null) return null;
            s = IriResolver.Resolve(_baseIri.Value, s);
        }
        return Iri.TryCreate(s, out var result) ? result : null;
    }

    /// <summary>STRLANG (§17.4.3.15): a simple or xsd:string literal and a well-formed BCP 47 tag.</summary>
    private static Literal? StrLang(Term x, Term y)
    {
        if (!XsdTypes.IsStringLiteral(x) || !XsdTypes.IsStringLiteral(y)) return null;
        string tag = ((Literal)y).LexicalForm;
        return IsLanguageTag(tag) ? Literal.LangString(((Literal)x).LexicalForm, tag) : null;
    }

    /// <summary>The Turtle LANGTAG shape: <c>[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*</c>.</summary>
    private static bool IsLanguageTag(string tag)
    {
        int run = 0;
        bool first = true;
        foreach (char c in tag)
        {
            if (c == '-')
            {
                if (run == 0) return false;
                run = 0;
                first = false;
            }
            else if (char.IsAsciiLetter(c) || (!first && char.IsAsciiDigit(c)))
            {
                if (++run > 8) return false;
            }
            else
            {
                return false;
            }
        }
        return run > 0;
    }

    /// <summary>
    /// LANGMATCHES (§17.4.3.11): RFC 4647 §3.3.1 basic filtering. "*" matches any non-empty tag;
    /// otherwise the range must equal the tag or be a prefix of it ending at a '-', ignoring case.
    /// </summary>
    private static Literal? LangMatches(Term x, Term y)
    {
        if (!XsdTypes.IsStringLiteral(x) || !XsdTypes.IsStringLiteral(y)) return null;
        string tag = ((Literal)x).LexicalForm, range = ((Literal)y).LexicalForm;
        bool match;
        if (range == "*") match = tag.Length > 0;
        else if (range.Length == 0) match = false;
        else match = tag.StartsWith(range, StringComparison.OrdinalIgnoreCase)
                     && (tag.Length == range.Length || tag[range.Length] == '-');
        return BooleanValue.Of(match);
    }

    /// <summary>YEAR … TZ (§17.4.5): the parts of an xsd:dateTime (or xsd:date) value.</summary>
    private static Literal? DateTimePart(string name, Term x)
    {
        if (x is not Literal l || !DateTimeValue.TryFromLiteral(l, out var d)) return null;
        switch (name)
        {
            case "YEAR": return NumericValue.FromInteger(d.Year).ToLiteral();
            case "MONTH": return NumericValue.FromInteger(d.Month).ToLiteral();
            case "DAY": return NumericValue.FromInteger(d.Day).ToLiteral();
        }
        if (d.IsDate && name is "HOURS" or "MINUTES" or "SECONDS") return null;
        switch (name)
        {
            case "HOURS": return NumericValue.FromInteger(d.Hour).ToLiteral();
            case "MINUTES": return NumericValue.FromInteger(d.Minute).ToLiteral();
            case "SECONDS": return NumericValue.FromDecimal(d.Second).ToLiteral();
            case "TIMEZONE":
                return d.TimezoneDuration() is string dur ? Literal.Typed(dur, XsdTypes.DayTimeDuration) : null;
            default:
                return Literal.Simple(d.Offset is int o ? (o == 0 ? "Z" : d.OffsetText!) : "");
        }
    }

    /// <summary>MD5, SHA1, SHA2 (§17.4.6): lower-case hex of the UTF-8 bytes of a simple or xsd:string literal.</summary>
    private static Literal? Hash(Term x, Func<byte[], byte[]> hash)
    {
        if (!XsdTypes.IsStringLiteral(x)) return null;
        byte[] digest = hash(Encoding.UTF8.GetBytes(((Literal)x).LexicalForm));
        return Literal.Simple(Convert.ToHexStringLower(digest));
    }

    /// <summary>
    /// Function calls by IRI (§17.6): the XSD constructor functions cast their argument (§17.5);
    /// any other function is unknown here, which is an error.
    /// </summary>
    private Term? EvaluateFunction(FunctionCall call, IBindingRow row)
    {
        if (call.Arguments.Count != 1) return null;
        if (!call.Function.Value.StartsWith(Vocabulary.Xsd.Namespace, StringComparison.Ordinal)) return null;
        Term? x = Evaluate(call.Arguments[0], row);
        return x is null ? null : XsdCasts.Cast(x, call.Function);
    }
}
