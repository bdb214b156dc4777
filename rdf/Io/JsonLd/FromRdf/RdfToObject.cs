using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Io.JsonLd.FromRdf;

/// <summary>
/// The RDF to Object Conversion algorithm (https://www.w3.org/TR/json-ld11-api/#rdf-to-object-conversion):
/// an IRI or blank node becomes a node reference <c>{"@id": ...}</c>, a literal a value object.
/// </summary>
internal static class RdfToObject
{
    internal const string RdfJson = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON";
    internal const string I18nNamespace = "https://www.w3.org/ns/i18n#";

    /// <summary>The JSON-LD identifier of a subject, object or graph name: the IRI, or "_:" and the label.</summary>
    public static string Id(Term term) => term switch
    {
        Iri iri => iri.Value,
        BlankNode b => "_:" + b.Label,
        _ => throw new ArgumentException($"{term} is not an IRI or blank node", nameof(term)),
    };

    public static JsonObject Convert(Term value, FromRdfOptions options)
    {
        if (value is not Literal literal) return new JsonObject { ["@id"] = Id(value) };

        var result = new JsonObject();
        JsonNode? converted = literal.LexicalForm;
        string? type = null;
        string datatype = literal.Datatype.Value;
        if (options.UseNativeTypes && datatype.StartsWith(Vocabulary.Xsd.Namespace, StringComparison.Ordinal))
        {
            if (datatype == Vocabulary.Xsd.String.Value)
            {
                // The lexical form as is.
            }
            else if (datatype == Vocabulary.Xsd.Boolean.Value)
            {
                if (literal.LexicalForm is "true" or "1") converted = true;
                else if (literal.LexicalForm is "false" or "0") converted = false;
                else type = datatype;
            }
            else if (datatype == Vocabulary.Xsd.Integer.Value || datatype == Vocabulary.Xsd.Double.Value)
            {
                var number = NativeNumber(literal.LexicalForm, datatype == Vocabulary.Xsd.Integer.Value);
                if (number is null) type = datatype;
                else converted = number;
            }
            else
            {
                type = datatype;
            }
        }
        else if (options.UseLosslessNativeTypes && LosslessNative(literal) is { } native)
        {
            converted = native;
        }
        else if (datatype == RdfJson && options.JsonLiteralsAsJson && options.ProcessingMode != "json-ld-1.0")
        {
            try
            {
                converted = JsonNode.Parse(literal.LexicalForm);
            }
            catch (JsonException e)
            {
                throw FromRdfErrors.InvalidJsonLiteral(literal.LexicalForm, e.Message);
            }
            type = "@json";
        }
        else if (options.RdfDirection == RdfDirectionMode.I18nDatatype && datatype.StartsWith(I18nNamespace, StringComparison.Ordinal))
        {
            string fragment = datatype[I18nNamespace.Length..];
            int underscore = fragment.IndexOf('_');
            string language = underscore < 0 ? fragment : fragment[..underscore];
            if (language.Length > 0) result["@language"] = language;
            if (underscore >= 0) result["@direction"] = fragment[(underscore + 1)..];
        }
        else if (literal.Language is { } tag)
        {
            result["@language"] = tag;
        }
        else if (datatype != Vocabulary.Xsd.String.Value)
        {
            type = datatype;
        }

        result["@value"] = converted;
        if (type is not null) result["@type"] = type;
        return result;
    }

    /// <summary>The JSON boolean or number that converts back to exactly this literal, or null.</summary>
    private static JsonNode? LosslessNative(Literal literal)
    {
        if (literal.Datatype.Equals(Vocabulary.Xsd.Boolean))
            return literal.LexicalForm switch { "true" => true, "false" => false, _ => null };
        if (!literal.Datatype.Equals(Vocabulary.Xsd.Integer)) return null;
        string s = literal.LexicalForm;
        if (!IsInteger(s) || s[0] == '+' || (s.Length > 1 && s[0] == '0') || s.StartsWith("-0", StringComparison.Ordinal)) return null;
        return long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l) ? l : null;
    }

    /// <summary>
    /// The JSON number for a valid xsd:integer or xsd:double lexical form, or null when the form is
    /// invalid or has no JSON number (INF, NaN). Integers stay exact where a long holds them.
    /// </summary>
    private static JsonNode? NativeNumber(string lexical, bool integer)
    {
        if (integer)
        {
            if (!IsInteger(lexical)) return null;
            if (long.TryParse(lexical, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l)) return l;
            return double.Parse(lexical, CultureInfo.InvariantCulture);
        }
        if (!IsDouble(lexical)) return null;
        double d = double.Parse(lexical, NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(d) ? d : null;
    }

    private static bool IsInteger(string s)
    {
        int i = s.Length > 0 && (s[0] == '+' || s[0] == '-') ? 1 : 0;
        if (i == s.Length) return false;
        for (; i < s.Length; i++)
            if (!char.IsAsciiDigit(s[i])) return false;
        return true;
    }

    /// <summary>The xsd:double lexical space without INF and NaN: sign, digits with an optional point, optional exponent.</summary>
    private static bool IsDouble(string s)
    {
        int i = 0;
        if (i < s.Length && (s[i] == '+' || s[i] == '-')) i++;
        int digits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; digits++; }
        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; digits++; }
        }
        if (digits == 0) return false;
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-')) i++;
            int exponent = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; exponent++; }
            if (exponent == 0) return false;
        }
        return i == s.Length;
    }
}
