using DihNode.Rdf.Model;

namespace DihNode.Rdf.Sparql.Results;

/// <summary>
/// Builds terms for readers with the checks every format shares: absolute IRIs, well-formed language
/// tags, the rdf:langString rule, and one <see cref="BlankNode"/> per label within a document.
/// Problems come back as messages (null = fine) so each reader can add its own place.
/// </summary>
internal sealed class ResultTermFactory
{
    private readonly Dictionary<string, BlankNode> _blankNodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Iri> _iris = new(StringComparer.Ordinal);

    public Term? Iri(string value, out string? error)
    {
        if (_iris.TryGetValue(value, out Iri? iri)) { error = null; return iri; }
        error = Model.Iri.Validate(value);
        if (error is not null) { error = $"invalid IRI <{value}>: {error}"; return null; }
        iri = Model.Iri.FromTrusted(value);
        if (_iris.Count < 10_000) _iris[value] = iri;
        return iri;
    }

    public Term? BlankNode(string label, out string? error)
    {
        if (label.Length == 0) { error = "empty blank node label"; return null; }
        error = null;
        if (!_blankNodes.TryGetValue(label, out BlankNode? node))
        {
            node = new BlankNode(SparqlNames.SafeBlankLabel(label));
            _blankNodes[label] = node;
        }
        return node;
    }

    /// <summary>A literal; <paramref name="language"/> and <paramref name="datatype"/> may be null.</summary>
    public Term? Literal(string lexical, string? language, string? datatype, out string? error)
    {
        error = null;
        if (language is not null)
        {
            if (!IsLanguageTag(language)) { error = $"invalid language tag '{language}'"; return null; }
            if (datatype is not null && datatype != Vocabulary.Rdf.LangString.Value)
            {
                error = $"a literal with a language tag cannot have datatype <{datatype}>";
                return null;
            }
            return Model.Literal.LangString(lexical, language);
        }
        if (datatype is null) return Model.Literal.Simple(lexical);
        if (datatype == Vocabulary.Rdf.LangString.Value) { error = "an rdf:langString literal needs a language tag"; return null; }
        if (Iri(datatype, out error) is not Iri dt) { error = "datatype: " + error; return null; }
        return Model.Literal.Typed(lexical, dt);
    }

    /// <summary>BCP 47 shape as Turtle's LANGTAG: [a-zA-Z]+ ('-' [a-zA-Z0-9]+)*.</summary>
    public static bool IsLanguageTag(ReadOnlySpan<char> tag)
    {
        int i = 0;
        while (i < tag.Length && char.IsAsciiLetter(tag[i])) i++;
        if (i == 0) return false;
        while (i < tag.Length)
        {
            if (tag[i] != '-') return false;
            int start = ++i;
            while (i < tag.Length && char.IsAsciiLetterOrDigit(tag[i])) i++;
            if (i == start) return false;
        }
        return true;
    }
}
