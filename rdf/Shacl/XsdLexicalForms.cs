using System.Text.RegularExpressions;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Evaluation.Expressions;

namespace DihNode.Rdf.Shacl;

/// <summary>
/// Lexical-space checks for the XSD datatypes (XML Schema 1.1 Part 2 §3.3), behind sh:datatype's
/// "ill-formed literal" rule (SHACL §4.1.2). Numerics, booleans, dates and dateTimes use the SPARQL
/// engine's parsers (value checks included, e.g. 2020-02-30 or 300 as xsd:byte); the other datatypes
/// are checked by pattern. Datatypes not listed here count as well-formed.
/// </summary>
internal static partial class XsdLexicalForms
{
    private const string Ns = "http://www.w3.org/2001/XMLSchema#";
    private const string Tz = @"(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))?";
    private const string Year = @"-?([1-9]\d{3,}|0\d{3})";
    private const string Month = @"(0[1-9]|1[0-2])";
    private const string Day = @"(0[1-9]|[12]\d|3[01])";

    private static readonly Dictionary<string, Regex> s_patterns = new(StringComparer.Ordinal)
    {
        [Ns + "time"] = R(@"(([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?|24:00:00(\.0+)?)" + Tz),
        [Ns + "gYear"] = R(Year + Tz),
        [Ns + "gYearMonth"] = R(Year + "-" + Month + Tz),
        [Ns + "gMonth"] = R("--" + Month + Tz),
        [Ns + "gDay"] = R("---" + Day + Tz),
        [Ns + "gMonthDay"] = R("--" + Month + "-" + Day + Tz),
        [Ns + "duration"] = R(@"-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?"),
        [Ns + "dayTimeDuration"] = R(@"-?P(?=\d|T\d)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?"),
        [Ns + "yearMonthDuration"] = R(@"-?P(?=\d)(\d+Y)?(\d+M)?"),
        [Ns + "hexBinary"] = R(@"([0-9a-fA-F]{2})*"),
        [Ns + "base64Binary"] = R(@"(([A-Za-z0-9+/] ?){4})*(([A-Za-z0-9+/] ?){3}[A-Za-z0-9+/]|([A-Za-z0-9+/] ?){2}[AEIMQUYcgkosw048] ?=|[A-Za-z0-9+/] ?[AQgw] ?= ?=)?"),
        [Ns + "language"] = R(@"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*"),
        [Ns + "normalizedString"] = R(@"[^\r\n\t]*"),
        [Ns + "token"] = R(@"([^\s]+( [^\s]+)*)?"),
        [Ns + "NMTOKEN"] = R(@"[\p{L}\p{Nd}\p{Mn}\p{Mc}_.:\-·]+"),
        [Ns + "Name"] = R(@"[\p{L}_:][\p{L}\p{Nd}\p{Mn}\p{Mc}_.:\-·]*"),
        [Ns + "NCName"] = R(@"[\p{L}_][\p{L}\p{Nd}\p{Mn}\p{Mc}_.\-·]*"),
    };

    private static Regex R(string pattern) => new("^(" + pattern + ")$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Whether <paramref name="literal"/>'s lexical form belongs to its datatype's lexical space.</summary>
    public static bool IsWellFormed(Literal literal)
    {
        if (literal.Language is not null) return literal.Language.Length > 0;
        string dt = literal.Datatype.Value;
        if (dt == Ns + "dateTimeStamp")
            return TimezoneSuffix().IsMatch(literal.LexicalForm)
                && DateTimeValue.TryFromLiteral(Literal.Typed(literal.LexicalForm, Vocabulary.Xsd.DateTime), out _);
        if (s_patterns.TryGetValue(dt, out var regex)) return regex.IsMatch(literal.LexicalForm);
        return XsdTypes.FamilyOf(literal) switch
        {
            ValueFamily.Numeric => NumericValue.TryFromLiteral(literal, out _),
            ValueFamily.Boolean => BooleanValue.TryParse(literal.LexicalForm, out _),
            ValueFamily.DateTime or ValueFamily.Date => DateTimeValue.TryFromLiteral(literal, out _),
            _ => true,
        };
    }

    [GeneratedRegex(@"(Z|[+-]\d\d:\d\d)$", RegexOptions.CultureInvariant)]
    private static partial Regex TimezoneSuffix();
}
