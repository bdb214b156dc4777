using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Evaluation.Expressions;

/// <summary>xsd:boolean values and the effective boolean value of a term (Query §17.2.2).</summary>
internal static class BooleanValue
{
    public static readonly Literal True = Literal.Typed("true", XsdTypes.Boolean);
    public static readonly Literal False = Literal.Typed("false", XsdTypes.Boolean);

    public static Literal Of(bool value) => value ? True : False;

    /// <summary>The xsd:boolean lexical space: true, false, 1, 0.</summary>
    public static bool TryParse(string s, out bool value)
    {
        switch (s)
        {
            case "true" or "1": value = true; return true;
            case "false" or "0": value = false; return true;
            default: value = false; return false;
        }
    }

    /// <summary>
    /// The effective boolean value (§17.2.2): booleans by value, numerics false when zero or NaN,
    /// strings (simple, xsd:string, language-tagged) false when empty; a boolean or numeric literal
    /// with an ill-formed lexical form is false. Null (a type error) for unbound, IRIs, blank nodes
    /// and literals of any other datatype.
    /// </summary>
    public static bool? Effective(Term? term)
    {
        if (term is not Literal l) return null;
        switch (XsdTypes.FamilyOf(l))
        {
            case ValueFamily.Boolean:
                return TryParse(l.LexicalForm, out bool b) && b;
            case ValueFamily.Numeric:
                return NumericValue.TryFromLiteral(l, out var n) && !n.IsZeroOrNaN;
            case ValueFamily.String:
            case ValueFamily.LangString:
                return l.LexicalForm.Length != 0;
            default:
                return null;
        }
    }
}
