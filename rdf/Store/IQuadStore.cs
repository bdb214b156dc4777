using DihNode.Rdf.Model;

namespace DihNode.Rdf.Store;

/// <summary>
/// The one view the SPARQL evaluator has of storage: terms to ids and back, the quads that match a
/// pattern of ids, and exact counts for join ordering. An instance answers from one consistent state:
/// <see cref="MemoryDataset.Snapshot"/> gives one that later writes do not change.
/// </summary>
public interface IQuadStore
{
    /// <summary>The id of <paramref name="term"/>, or false when the store has never seen it (then no quad holds it).</summary>
    bool TryGetId(Term term, out int id);

    /// <summary>The term with id <paramref name="id"/> (> 0).</summary>
    Term GetTerm(int id);

    /// <summary>The quads matching <paramref name="pattern"/>, in no promised order, each once.</summary>
    QuadCursor Find(in QuadPattern pattern);

    /// <summary>The exact number of quads <see cref="Find"/> would return, in O(log n).</summary>
    long Count(in QuadPattern pattern);

    /// <summary>The ids of the named graphs that hold at least one quad, in ascending id order.</summary>
    IEnumerable<int> GraphNameIds();
}
