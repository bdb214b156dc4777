using DihNode.Rdf.Io;
using DihNode.Rdf.Model;

namespace DihNode.Rdf.Store;

/// <summary>
/// A write transaction of an <see cref="IRdfStore"/>. As an <see cref="IQuadStore"/> it reads the
/// state it started from plus its own writes (a cursor already open keeps the state of the call that
/// opened it). Nothing is visible to other readers before <see cref="Commit"/>, which publishes all
/// changes at once; disposing without committing rolls back. Not thread-safe: one user at a time.
/// </summary>
public interface IStoreTransaction : IQuadStore, IDisposable
{
    /// <summary>The id of <paramref name="term"/>, adding it to the dictionary when new (a rolled-back term stays unused).</summary>
    int GetOrAddId(Term term);

    /// <summary>Adds a quad of ids from <see cref="GetOrAddId"/>; false when already present.</summary>
    bool Add(in EncodedQuad quad);

    /// <summary>Removes a quad; false when absent.</summary>
    bool Remove(in EncodedQuad quad);

    /// <summary>Removes every quad matching <paramref name="pattern"/> (CLEAR, DROP, DELETE WHERE); returns how many went.</summary>
    long RemoveAll(in QuadPattern pattern);

    /// <summary>
    /// Applies a change set, removals before additions as SPARQL 1.1 Update's DELETE/INSERT does
    /// (https://www.w3.org/TR/sparql11-update/#deleteInsert): a quad both removed and added stays.
    /// Returns how many quads went and how many came.
    /// </summary>
    (long Removed, long Added) Apply(ReadOnlySpan<EncodedQuad> removals, ReadOnlySpan<EncodedQuad> additions);

    /// <summary>
    /// Bulk load inside the transaction: <paramref name="produce"/> pushes quads into the sink it is
    /// given (typically a parser). If it throws, none of its quads is added and the exception
    /// propagates; the transaction stays usable. Returns the number of quads that were new.
    /// </summary>
    long Load(Action<IQuadSink> produce);

    /// <summary>
    /// Publishes the changes atomically and ends the transaction. For a durable store the changes are
    /// on disk when it returns; if persisting fails it throws and nothing is published.
    /// </summary>
    void Commit();
}
