using System.Runtime.InteropServices;

namespace DihNode.Rdf.Store;

/// <summary>
/// Persists a transaction's net changes before <see cref="MemoryDataset"/> publishes them: the commit
/// hook of a durable store. If <see cref="Persist"/> throws, nothing is published.
/// </summary>
internal interface ICommitLog
{
    void Persist(CommitBatch batch);
}

/// <summary>
/// What one commit changes: the terms added to the dictionary since the last persisted commit (ids
/// <see cref="FirstNewTermId"/> .. <see cref="LastTermId"/>, contiguous; possibly including terms of
/// rolled-back transactions) and the net quad removals and additions (each distinct; a removed quad
/// was present before the commit, an added one absent).
/// </summary>
internal sealed class CommitBatch(TermDictionary terms, int firstNewTermId, int lastTermId, List<EncodedQuad> removed, List<EncodedQuad> added)
{
    public int FirstNewTermId { get; } = firstNewTermId;

    public int LastTermId { get; } = lastTermId;

    /// <summary>The dictionary encoding of term <paramref name="id"/> (see <see cref="TermEncoding"/>).</summary>
    public ReadOnlySpan<byte> EncodedTerm(int id) => terms.Bytes(id);

    public ReadOnlySpan<EncodedQuad> Removed => CollectionsMarshal.AsSpan(removed);

    public ReadOnlySpan<EncodedQuad> Added => CollectionsMarshal.AsSpan(added);

    public bool IsEmpty => FirstNewTermId > LastTermId && removed.Count == 0 && added.Count == 0;
}
