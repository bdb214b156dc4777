using System.Runtime.CompilerServices;
using System.Buffers.Binary;
using System.Text;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Store;

/// <summary>
/// How a term is encoded in the dictionary: one tag byte, then
/// IRI / blank node / simple literal: the UTF-8 string;
/// language-tagged literal: tag length (1 byte), tag (lower-case UTF-8), lexical form;
/// other typed literal: the datatype IRI's id (4 bytes, little-endian), lexical form.
/// A literal typed xsd:string is encoded as the simple literal it equals (RDF 1.1 §3.3).
/// </summary>
internal enum TermEncoding : byte
{
    Iri = 1,
    BlankNode = 2,
    SimpleLiteral = 3,
    LangLiteral = 4,
    TypedLiteral = 5,
}

internal sealed partial class TermDictionary
{
    private const int StackLimit = 256;
    private const int CacheSize = 8192;

    private readonly CacheEntry?[] _cache = new CacheEntry?[CacheSize];

    private sealed record CacheEntry(int Id, Term Term);

    /// <summary>The id of <paramref name="term"/>, without allocating; false when it was never added.</summary>
    public bool TryGetId(Term term, out int id)
    {
        id = 0;
        int datatype = 0;
        if (term is Literal { Language: null } lit && !lit.IsSimple && !TryGetId(lit.Datatype, out datatype)) return false;
        int max = MaxEncodedLength(term);
        byte[]? rented = max > StackLimit ? Rent(max) : null;
        Span<byte> buffer = rented ?? stackalloc byte[StackLimit];
        int length = Encode(term, datatype, buffer);
        id = Find(buffer[..length]);
        Return(rented);
        return id != 0;
    }

    /// <summary>The id of <paramref name="term"/>, adding it (and a literal's datatype IRI) when new. One writer at a time.</summary>
    public int GetOrAdd(Term term)
    {
        int datatype = term is Literal { Language: null } lit && !lit.IsSimple ? GetOrAdd(lit.Datatype) : 0;
        int max = MaxEncodedLength(term);
        byte[]? rented = max > StackLimit ? Rent(max) : null;
        Span<byte> buffer = rented ?? stackalloc byte[StackLimit];
        int length = Encode(term, datatype, buffer);
        int id = GetOrAdd(buffer[..length]);
        Return(rented);
        return id;
    }

    /// <summary>The term with id <paramref name="id"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Term GetTerm(int id)
    {
        ref CacheEntry? slot = ref _cache[id & (CacheSize - 1)];
        CacheEntry? entry = Volatile.Read(ref slot);
        if (entry is not null && entry.Id == id) return entry.Term;
        Term term = Decode(Bytes(id));
        Volatile.Write(ref slot, new CacheEntry(id, term));
        return term;
    }

    /// <summary>See <see cref="ITermText.TryGetStringLiteral"/> (xsd:string literals are stored as simple literals).</summary>
    public bool TryGetStringLiteral(int id, out ReadOnlySpan<byte> utf8)
    {
        ReadOnlySpan<byte> bytes = Bytes(id);
        switch ((TermEncoding)bytes[0])
        {
            case TermEncoding.SimpleLiteral:
                utf8 = bytes[1..];
                return true;
            case TermEncoding.LangLiteral:
                utf8 = bytes[(2 + bytes[1])..];
                return true;
            default:
                utf8 = default;
                return false;
        }
    }

    private static int MaxEncodedLength(Term term) => term switch
    {
        Iri iri => 1 + Encoding.UTF8.GetMaxByteCount(iri.Value.Length),
        BlankNode b => 1 + Encoding.UTF8.GetMaxByteCount(b.Label.Length),
        Literal l => 6 + Encoding.UTF8.GetMaxByteCount(l.LexicalForm.Length + (l.Language?.Length ?? 0)),
        _ => throw new ArgumentException($"A {term.Kind} is not an RDF term and cannot be stored.", nameof(term)),
    };

    private static int Encode(Term term, int datatypeId, Span<byte> buffer)
    {
        switch (term)
        {
            case Iri iri:
                buffer[0] = (byte)TermEncoding.Iri;
                return 1 + Encoding.UTF8.GetBytes(iri.Value, buffer[1..]);
            case BlankNode b:
                buffer[0] = (byte)TermEncoding.BlankNode;
                return 1 + Encoding.UTF8.GetBytes(b.Label, buffer[1..]);
            case Literal { Language: { } language } l:
            {
                buffer[0] = (byte)TermEncoding.LangLiteral;
                int tagLength = Encoding.UTF8.GetBytes(language, buffer[2..]);
                if (tagLength > 255) throw new ArgumentException($"Language tag '{language}' is longer than 255 bytes.", nameof(term));
                buffer[1] = (byte)tagLength;
                return 2 + tagLength + Encoding.UTF8.GetBytes(l.LexicalForm, buffer[(2 + tagLength)..]);
            }
            case Literal l when datatypeId == 0:
                buffer[0] = (byte)TermEncoding.SimpleLiteral;
                return 1 + Encoding.UTF8.GetBytes(l.LexicalForm, buffer[1..]);
            case Literal l:
                buffer[0] = (byte)TermEncoding.TypedLiteral;
                BinaryPrimitives.WriteInt32LittleEndian(buffer[1..], datatypeId);
                return 5 + Encoding.UTF8.GetBytes(l.LexicalForm, buffer[5..]);
            default:
                throw new ArgumentException($"A {term.Kind} is not an RDF term and cannot be stored.", nameof(term));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Term Decode(ReadOnlySpan<byte> bytes)
    {
        switch ((TermEncoding)bytes[0])
        {
            case TermEncoding.Iri:
                return Iri.FromTrusted(Encoding.UTF8.GetString(bytes[1..]));
            case TermEncoding.BlankNode:
                return new BlankNode(Encoding.UTF8.GetString(bytes[1..]));
            case TermEncoding.SimpleLiteral:
                return Literal.Simple(Encoding.UTF8.GetString(bytes[1..]));
            case TermEncoding.LangLiteral:
            {
                int tagLength = bytes[1];
                return Literal.LangString(Encoding.UTF8.GetString(bytes[(2 + tagLength)..]), Encoding.UTF8.GetString(bytes.Slice(2, tagLength)));
            }
            case TermEncoding.TypedLiteral:
            {
                var datatype = (Iri)GetTerm(BinaryPrimitives.ReadInt32LittleEndian(bytes[1..]));
                return Literal.Typed(Encoding.UTF8.GetString(bytes[5..]), datatype);
            }
            default:
                throw new InvalidOperationException($"Corrupt term encoding (tag {bytes[0]}).");
        }
    }
}
