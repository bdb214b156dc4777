using System.Text;
using DihNode.Conformance.Manifests;
using DihNode.Rdf.Model;
using DihNode.Rdf.Sparql.Syntax;

namespace DihNode.Conformance.Running;

/// <summary>
/// The SPARQL syntax test types: mf:PositiveSyntaxTest / mf:NegativeSyntaxTest (SPARQL 1.0),
/// their SPARQL 1.1 forms (…Test11) and the update forms (…UpdateSyntaxTest11). The mf:action is
/// the query or update file itself (an IRI), parsed with its own IRI as base. A file ending in
/// <c>.ru</c> is an update request (the update folders hold NegativeSyntaxTest11 entries on .ru
/// files), anything else a query.
/// </summary>
internal static class SparqlSyntaxTests
{
    /// <summary>Strict UTF-8 (SPARQL 1.1 Query §19.1: the text is Unicode); a bad byte is a syntax error.</summary>
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static TestOutcome Positive(TestEntry test, bool update)
    {
        var (path, baseIri) = Action(test);
        string? problem = TryParse(path, baseIri, update);
        return problem is null
            ? TestOutcome.Pass
            : TestOutcome.Fail($"rejected valid {Kind(update)} {Path.GetFileName(path)}: {problem}");
    }

    public static TestOutcome Negative(TestEntry test, bool update)
    {
        var (path, baseIri) = Action(test);
        string? problem = TryParse(path, baseIri, update);
        return problem is null
            ? TestOutcome.Fail($"accepted invalid {Kind(update)} {Path.GetFileName(path)} (expected SparqlSyntaxException)")
            : TestOutcome.Pass;
    }

    /// <summary>Positive or negative syntax test whose kind (query or update) follows the file extension.</summary>
    public static TestOutcome PositiveByExtension(TestEntry test) => Positive(test, IsUpdateFile(test));

    public static TestOutcome NegativeByExtension(TestEntry test) => Negative(test, IsUpdateFile(test));

    /// <summary>Parses the file; null when it parsed, else the parser's message.</summary>
    internal static string? TryParse(string path, string baseIri, bool update)
    {
        string text;
        try
        {
            text = ReadText(path);
        }
        catch (DecoderFallbackException e)
        {
            return "not UTF-8: " + e.Message;
        }
        try
        {
            if (update) SparqlParser.ParseUpdate(text, baseIri);
            else SparqlParser.ParseQuery(text, baseIri);
            return null;
        }
        catch (SparqlSyntaxException e)
        {
            return e.Message;
        }
    }

    /// <summary>Reads a query or update file as strict UTF-8 (a leading byte order mark is dropped).</summary>
    internal static string ReadText(string path)
    {
        string text = s_strictUtf8.GetString(File.ReadAllBytes(path));
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }

    private static bool IsUpdateFile(TestEntry test) =>
        test.Action is Iri action && action.Value.EndsWith(".ru", StringComparison.OrdinalIgnoreCase);

    private static string Kind(bool update) => update ? "update" : "query";

    private static (string Path, string BaseIri) Action(TestEntry test)
    {
        if (test.Action is not Iri action) throw new InvalidDataException($"{test.Id}: mf:action is not the IRI of a query file");
        return (test.Manifest.Locator.PathOf(action.Value), action.Value);
    }
}
