using DihNode.Rdf.Model;
using Google.Protobuf.Collections;
using P = DihNode.Federation.Protocol;

namespace DihNode.Federation.Wire;

/// <summary>
/// Builds one message's term table (federation.proto, "RDF terms"): each distinct term is added once
/// and referred to by its position, so the predicates, types and concepts every hub repeats cost a
/// varint each instead of their text.
/// </summary>
internal sealed class TermTableWriter(RepeatedField<P.Term> table)
{
    private readonly Dictionary<Term, uint> _positions = [];

    /// <summary>The position of <paramref name="term"/> in the table, adding it on first use.</summary>
    public uint Add(Term term)
    {
        if (_positions.TryGetValue(term, out uint position)) return position;
        position = (uint)table.Count;
        table.Add(TermCodec.ToProto(term));
        _positions.Add(term, position);
        return position;
    }

    /// <summary>Appends the triples to <paramref name="spo"/> as three positions each.</summary>
    public void AddTriples(RepeatedField<uint> spo, IEnumerable<Triple> triples)
    {
        foreach (var t in triples)
        {
            spo.Add(Add(t.Subject));
            spo.Add(Add(t.Predicate));
            spo.Add(Add(t.Object));
        }
    }
}
