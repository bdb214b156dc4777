using DihNode.Rdf.Model;
using Google.Protobuf.Collections;
using P = DihNode.Federation.Protocol;

namespace DihNode.Federation.Wire;

/// <summary>
/// Between the RDF model's terms and the wire's (federation.proto <c>Term</c>, <c>EncodedTriples</c>).
/// Decoding checks what the types cannot: IRIs are absolute, positions are inside the table, a
/// literal is never a subject and only an IRI is a predicate; a violation is a <see cref="WireFormatException"/>
/// naming the field.
/// </summary>
internal static class TermCodec
{
    public static P.Term ToProto(Term term) => term switch
    {
        Iri i => new P.Term { Iri = i.Value },
        BlankNode b => new P.Term { Blank = b.Label },
        Literal l => new P.Term
        {
            Literal = new P.Literal
            {
                Lexical = l.LexicalForm,
                Datatype = l.Language is not null || l.IsSimple ? "" : l.Datatype.Value,
                Language = l.Language ?? "",
            },
        },
        _ => throw new ArgumentException("only IRIs, blank nodes and literals travel: " + term, nameof(term)),
    };

    public static Term FromProto(P.Term term, string field)
    {
        switch (term.KindCase)
        {
            case P.Term.KindOneofCase.Iri:
                if (Iri.Validate(term.Iri) is string problem) throw new WireFormatException(field, $"bad IRI <{term.Iri}>: {problem}");
                return Iri.FromTrusted(term.Iri);
            case P.Term.KindOneofCase.Blank:
                if (term.Blank.Length == 0) throw new WireFormatException(field, "empty blank node label");
                return new BlankNode(term.Blank);
            case P.Term.KindOneofCase.Literal:
                var l = term.Literal;
                if (l.Language.Length > 0)
                {
                    if (!IsLanguageTag(l.Language)) throw new WireFormatException(field + ".language", $"'{l.Language}' is not a language tag");
                    if (l.Datatype.Length > 0 && l.Datatype != LangString) throw new WireFormatException(field + ".datatype", $"<{l.Datatype}> with a language tag");
                    return Literal.LangString(l.Lexical, l.Language);
                }
                if (l.Datatype.Length == 0) return Literal.Simple(l.Lexical);
                if (Iri.Validate(l.Datatype) is string bad) throw new WireFormatException(field + ".datatype", $"bad datatype IRI <{l.Datatype}>: {bad}");
                if (l.Datatype == LangString) throw new WireFormatException(field + ".language", "an rdf:langString literal without a language tag");
                return Literal.Typed(l.Lexical, Iri.FromTrusted(l.Datatype));
            default:
                throw new WireFormatException(field, "a term with no kind");
        }
    }

    private static readonly string LangString = Vocabulary.Rdf.LangString.Value;

    /// <summary>
    /// A BCP 47 tag in the shape RDF syntaxes accept (Turtle's <c>LANGTAG</c>, RDF 1.1 Concepts §3.3): letters,
    /// then hyphen-separated letter-or-digit subtags, each 1 to 8 long. Anything else would not survive a
    /// round trip through SPARQL text (the Query rpc's VALUES block) or the node's serialisations.
    /// </summary>
    public static bool IsLanguageTag(string tag)
    {
        int start = 0;
        for (int part = 0; ; part++)
        {
            int end = tag.IndexOf('-', start);
            if (end < 0) end = tag.Length;
            int length = end - start;
            if (length is < 1 or > 8) return false;
            for (int i = start; i < end; i++)
                if (!char.IsAsciiLetter(tag[i]) && (part == 0 || !char.IsAsciiDigit(tag[i]))) return false;
            if (end == tag.Length) return true;
            start = end + 1;
        }
    }

    /// <summary>The table's terms, decoded once.</summary>
    public static Term[] Decode(RepeatedField<P.Term> table, string field)
    {
        var terms = new Term[table.Count];
        for (int i = 0; i < terms.Length; i++) terms[i] = FromProto(table[i], $"{field}[{i}]");
        return terms;
    }

    public static Term At(Term[] table, uint position, string field) =>
        position < table.Length ? table[position] : throw new WireFormatException(field, $"term position {position} outside a table of {table.Length}");

    public static List<Triple> DecodeTriples(Term[] table, P.EncodedTriples? encoded, string field)
    {
        var result = new List<Triple>();
        if (encoded is null) return result;
        var spo = encoded.Spo;
        if (spo.Count % 3 != 0) throw new WireFormatException(field, $"{spo.Count} positions is not a whole number of triples");
        for (int i = 0; i < spo.Count; i += 3)
        {
            var s = At(table, spo[i], field) as NamedOrBlankNode ?? throw new WireFormatException(field, $"triple {i / 3}: a literal as subject");
            var p = At(table, spo[i + 1], field) as Iri ?? throw new WireFormatException(field, $"triple {i / 3}: the predicate is not an IRI");
            result.Add(new Triple(s, p, At(table, spo[i + 2], field)));
        }
        return result;
    }
}
