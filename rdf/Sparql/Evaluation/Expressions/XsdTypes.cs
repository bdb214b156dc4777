using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Evaluation.Expressions;

/// <summary>
/// The value space a literal belongs to for SPARQL operators (Query §17.3): which families
/// compare by value, and which are unknown to us (those compare only by term equality).
/// </summary>
internal enum ValueFamily : byte
{
    /// <summary>A datatype the evaluator does not know; only RDFterm-equal applies.</summary>
    Other = 0,
    /// <summary>Simple literal or xsd:string.</summary>
    String,
    /// <summary>rdf:langString.</summary>
    LangString,
    Numeric,
    Boolean,
    DateTime,
    Date,
}

/// <summary>
/// The XSD datatypes the evaluator knows (XML Schema 1.1 Part 2 §3), including the integer types
/// derived from xsd:integer that SPARQL type promotion treats as xsd:integer (Query §17.3).
/// </summary>
internal static class XsdTypes
{
    private const string Ns = Vocabulary.Xsd.Namespace;

    public static readonly Iri String = Vocabulary.Xsd.String;
    public static readonly Iri Boolean = Vocabulary.Xsd.Boolean;
    public static readonly Iri Integer = Vocabulary.Xsd.Integer;
    public static readonly Iri Decimal = Vocabulary.Xsd.Decimal;
    public static readonly Iri Float = Vocabulary.Xsd.Float;
    public static readonly Iri Double = Vocabulary.Xsd.Double;
    public static readonly Iri DateTime = Vocabulary.Xsd.DateTime;
    public static readonly Iri Date = Vocabulary.Xsd.Date;
    public static readonly Iri DayTimeDuration = Iri.FromTrusted(Ns + "dayTimeDuration");

    /// <summary>Integer-derived types with their inclusive bounds (null = unbounded).</summary>
    private static readonly Dictionary<string, (System.Numerics.BigInteger? Min, System.Numerics.BigInteger? Max)> s_derivedIntegers = new(StringComparer.Ordinal)
    {
        [Ns + "nonPositiveInteger"] = (null, 0),
        [Ns + "negativeInteger"] = (null, -1),
        [Ns + "long"] = (long.MinValue, long.MaxValue),
        [Ns + "int"] = (int.MinValue, int.MaxValue),
        [Ns + "short"] = (short.MinValue, short.MaxValue),
        [Ns + "byte"] = (sbyte.MinValue, sbyte.MaxValue),
        [Ns + "nonNegativeInteger"] = (0, null),
        [Ns + "unsignedLong"] = (0, ulong.MaxValue),
        [Ns + "unsignedInt"] = (0, uint.MaxValue),
        [Ns + "unsignedShort"] = (0, ushort.MaxValue),
        [Ns + "unsignedByte"] = (0, byte.MaxValue),
        [Ns + "positiveInteger"] = (1, null),
    };

    /// <summary>The family of a literal's datatype.</summary>
    public static ValueFamily FamilyOf(Literal literal)
    {
        if (literal.Language is not null) return ValueFamily.LangString;
        string dt = literal.Datatype.Value;
        if (!dt.StartsWith(Ns, StringComparison.Ordinal)) return ValueFamily.Other;
        return dt.AsSpan(Ns.Length) switch
        {
            "string" => ValueFamily.String,
            "integer" or "decimal" or "float" or "double" => ValueFamily.Numeric,
            "boolean" => ValueFamily.Boolean,
            "dateTime" => ValueFamily.DateTime,
            "date" => ValueFamily.Date,
            _ => s_derivedIntegers.ContainsKey(dt) ? ValueFamily.Numeric : ValueFamily.Other,
        };
    }

    /// <summary>True for simple literals and xsd:string literals.</summary>
    public static bool IsStringLiteral(Term? term) => term is Literal { Language: null } l && l.Datatype.Equals(String);

    /// <summary>True for simple, xsd:string and language-tagged literals (the "string literals" of §17.4.3).</summary>
    public static bool IsStringOrLangLiteral(Term? term) =>
        term is Literal l && (l.Language is not null || l.Datatype.Equals(String));

    /// <summary>Bounds of an integer-derived datatype, if <paramref name="datatype"/> is one.</summary>
    public static bool TryGetIntegerBounds(string datatype, out System.Numerics.BigInteger? min, out System.Numerics.BigInteger? max)
    {
        if (s_derivedIntegers.TryGetValue(datatype, out var b))
        {
            min = b.Min;
            max = b.Max;
            return true;
        }
        min = max = null;
        return false;
    }
}
