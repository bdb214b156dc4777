using Microsoft.Data.Sqlite;

namespace DihNode.Rdf.Store.Sqlite;

/// <summary>
/// Writes one commit's new terms and net quad changes in one SQLite transaction, through prepared
/// statements reused for every row. When it returns, the changes are durable (WAL, synchronous=FULL).
/// </summary>
internal sealed class SqliteCommitLog(SqliteConnection connection, string path) : ICommitLog
{
    public void Persist(CommitBatch batch)
    {
        if (batch.IsEmpty) return;
        try
        {
            using var transaction = connection.BeginTransaction();
            if (batch.FirstNewTermId <= batch.LastTermId) InsertTerms(batch);
            if (!batch.Removed.IsEmpty) DeleteQuads(batch.Removed);
            if (!batch.Added.IsEmpty) InsertQuads(batch.Added);
            transaction.Commit();
        }
        catch (SqliteException e)
        {
            throw new StoreFileException(path, "the commit could not be written: " + e.Message, e);
        }
    }

    private void InsertTerms(CommitBatch batch)
    {
        using var insert = new RawStatement(connection, "INSERT INTO term (id, value, h) VALUES (?1, ?2, ?3)");
        for (int id = batch.FirstNewTermId; id <= batch.LastTermId; id++)
        {
            var bytes = batch.EncodedTerm(id);
            insert.Bind(1, id);
            insert.Bind(2, bytes);
            insert.Bind(3, TermDictionary.Hash(bytes));
            insert.Execute();
        }
    }

    private void DeleteQuads(ReadOnlySpan<EncodedQuad> quads)
    {
        using var delete = new RawStatement(connection, "DELETE FROM quad WHERE g = ?1 AND s = ?2 AND p = ?3 AND o = ?4");
        foreach (ref readonly var q in quads)
        {
            delete.Bind(1, q.G);
            delete.Bind(2, q.S);
            delete.Bind(3, q.P);
            delete.Bind(4, q.O);
            delete.Execute();
        }
    }

    private void InsertQuads(ReadOnlySpan<EncodedQuad> quads)
    {
        using var insert = new RawStatement(connection, "INSERT INTO quad (g, s, p, o, c) VALUES (?1, ?2, ?3, ?4, ?5)");
        foreach (ref readonly var q in quads)
        {
            insert.Bind(1, q.G);
            insert.Bind(2, q.S);
            insert.Bind(3, q.P);
            insert.Bind(4, q.O);
            insert.Bind(5, SqliteSchema.QuadCheck(in q));
            insert.Execute();
        }
    }
}
