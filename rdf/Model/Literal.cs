using System.Text;

namespace DihNode.Rdf.Model;

/// <summary>
/// An RDF 1.1 literal: a lexical form with a datatype IRI, and a language tag exactly when the
/// datatype is rdf:langString. A simple literal is an xsd:string literal (RDF 1.1 §3.3).
/// Language tags are stored lower-cased, since RDF compares them case-insensitively.
/// </summary>
public sealed class Literal : Term
{
    private Literal(string lexicalForm, Iri datatype, string? language)
    {
        LexicalForm = lexicalForm;
        Datatype = datatype;
        Language = language;
    }

    public string LexicalForm { get; }

    public Iri Datatype { get; }

    /// <summary>The lower-cased language tag, or null when the literal has none.</summary>
    public string? Language { get; }

    public override TermKind Kind => TermKind.Literal;

    public bool IsSimple => Language is null && Datatype.Equals(Vocabulary.Xsd.String);

    /// <summary>A simple literal (datatype xsd:string).</summary>
    public static Literal Simple(string lexicalForm) => new(lexicalForm, Vocabulary.Xsd.String, null);

    /// <summary>A typed literal; rdf:langString is refused here since it needs a tag.</summary>
    public static Literal Typed(string lexicalForm, Iri datatype)
    {
        if (datatype.Equals(Vocabulary.Rdf.LangString))
            throw new ArgumentException("rdf:langString literals need a language tag", nameof(datatype));
        return new(lexicalForm, datatype, null);
    }

    /// <summary>A language-tagged string (datatype rdf:langString); the tag is lower-cased.</summary>
    public static Literal LangString(string lexicalForm, string language)
    {
        if (language.Length == 0) throw new ArgumentException("empty language tag", nameof(language));
        return new(lexicalForm, Vocabulary.Rdf.LangString, language.ToLowerInvariant());
    }

    public override bool Equals(Term? other) =>
        ReferenceEquals(this, other) ||
        (other is Literal l
         && string.Equals(LexicalForm, l.LexicalForm, StringComparison.Ordinal)
         && string.Equals(Language, l.Language, StringComparison.Ordinal)
         && Datatype.Equals(l.Datatype));

    private protected override int ComputeHash() =>
        HashCode.Combine(3, string.GetHashCode(LexicalForm, StringComparison.Ordinal), Datatype.GetHashCode(),
            Language is null ? 0 : string.GetHashCode(Language, StringComparison.Ordinal));

    /// <summary>The literal in N-Triples syntax, with the canonical N-Triples escapes.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(LexicalForm.Length + 8);
        sb.Append('"');
        AppendEscaped(sb, LexicalForm);
        sb.Append('"');
        if (Language is not null) sb.Append('@').Append(Language);
        else if (!Datatype.Equals(Vocabulary.Xsd.String)) sb.Append("^^<").Append(Datatype.Value).Append('>');
        return sb.ToString();
    }

    /// <summary>Escapes a string for a double-quoted N-Triples / Turtle literal.</summary>
    public static void AppendEscaped(StringBuilder sb, string s)
    {
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || c == 0x7F) sb.Append("\\u").Append(((int)c).ToString("X4"));
                    else sb.Append(c);
                    break;
            }
        }
    }
}
