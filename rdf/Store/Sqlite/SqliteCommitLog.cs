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
            if (batch.FirstNewTermId <= batch.LastTermId) InsertTerms(transaction, batch);
            if (!batch.Removed.IsEmpty) DeleteQuads(transaction, batch.Removed);
            if (!batch.Added.IsEmpty) InsertQuads(transaction, batch.Added);
            transaction.Commit();
        }
        catch (SqliteException e)
        {
            throw new StoreFileException(path, "the commit could not be written: " + e.Message, e);
        }
    }

    private void InsertTerms(SqliteTransaction transaction, CommitBatch batch)
    {
        using var command = Prepare(transaction, "INSERT INTO term (id, value, h) VALUES ($id, $value, $h)", "$id", "$value", "$h");
        var (id, value, h) = (command.Parameters[0], command.Parameters[1], command.Parameters[2]);
        for (int i = batch.FirstNewTermId; i <= batch.LastTermId; i++)
        {
            var bytes = batch.EncodedTerm(i);
            id.Value = i;
            value.Value = bytes.ToArray();
            h.Value = TermDictionary.Hash(bytes);
            command.ExecuteNonQuery();
        }
    }

    private void DeleteQuads(SqliteTransaction transaction, ReadOnlySpan<EncodedQuad> quads)
    {
        using var command = Prepare(transaction, "DELETE FROM quad WHERE g = $g AND s = $s AND p = $p AND o = $o", "$g", "$s", "$p", "$o");
        var parameters = command.Parameters;
        foreach (ref readonly var q in quads)
        {
            parameters[0].Value = q.G;
            parameters[1].Value = q.S;
            parameters[2].Value = q.P;
            parameters[3].Value = q.O;
            command.ExecuteNonQuery();
        }
    }

    private void InsertQuads(SqliteTransaction transaction, ReadOnlySpan<EncodedQuad> quads)
    {
        using var command = Prepare(transaction, "INSERT INTO quad (g, s, p, o, c) VALUES ($g, $s, $p, $o, $c)", "$g", "$s", "$p", "$o", "$c");
        var parameters = command.Parameters;
        foreach (ref readonly var q in quads)
        {
            parameters[0].Value = q.G;
            parameters[1].Value = q.S;
            parameters[2].Value = q.P;
            parameters[3].Value = q.O;
            parameters[4].Value = SqliteSchema.QuadCheck(in q);
            command.ExecuteNonQuery();
        }
    }

    private SqliteCommand Prepare(SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (string name in names) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }
}
