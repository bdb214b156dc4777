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
        int first = batch.FirstNewTermId, count = batch.LastTermId - first + 1;
        int full = count / RowsPerInsert * RowsPerInsert;
        if (full > 0)
        {
            using var many = new RawStatement(connection, InsertTermSql(RowsPerInsert));
            for (int start = 0; start < full; start += RowsPerInsert)
            {
                for (int i = 0; i < RowsPerInsert; i++) BindTerm(many, i, first + start + i, batch);
                many.Execute();
            }
        }
        if (full == count) return;
        using var one = new RawStatement(connection, InsertTermSql(1));
        for (int i = full; i < count; i++)
        {
            BindTerm(one, 0, first + i, batch);
            one.Execute();
        }
    }

    private static void BindTerm(RawStatement statement, int row, int id, CommitBatch batch)
    {
        var bytes = batch.EncodedTerm(id);
        statement.Bind(3 * row + 1, id);
        statement.Bind(3 * row + 2, bytes);
        statement.Bind(3 * row + 3, TermDictionary.Hash(bytes));
    }

    private static string InsertTermSql(int rows) =>
        "INSERT INTO term (id, value, h) VALUES " + string.Join(", ", Enumerable.Range(0, rows).Select(r => $"(?{3 * r + 1}, ?{3 * r + 2}, ?{3 * r + 3})"));

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

    /// <summary>Rows per multi-row INSERT: fewer statement runs per quad.</summary>
    private const int RowsPerInsert = 32;

    /// <summary>
    /// Inserts quads <see cref="RowsPerInsert"/> rows per statement, each row bound as three values
    /// (graph and subject, predicate and object packed two ids to an integer, unpacked by SQLite):
    /// the calls into SQLite per quad, not SQLite's own work, are what a bulk load spends its time on.
    /// </summary>
    private void InsertQuads(ReadOnlySpan<EncodedQuad> quads)
    {
        quads = InKeyOrder(quads);
        int full = quads.Length / RowsPerInsert * RowsPerInsert;
        if (full > 0)
        {
            using var many = new RawStatement(connection, InsertSql(RowsPerInsert));
            for (int start = 0; start < full; start += RowsPerInsert)
            {
                for (int i = 0; i < RowsPerInsert; i++) BindRow(many, i, in quads[start + i]);
                many.Execute();
            }
        }
        if (full == quads.Length) return;
        using var one = new RawStatement(connection, InsertSql(1));
        for (int i = full; i < quads.Length; i++)
        {
            BindRow(one, 0, in quads[i]);
            one.Execute();
        }
    }

    /// <summary>
    /// The quads in the table's key order (g, s, p, o), so that the B-tree grows by appending. A load
    /// hands them over sorted by graph kind then s, p, o (g last): already in order for the default
    /// graph, sorted here for named graphs.
    /// </summary>
    private static ReadOnlySpan<EncodedQuad> InKeyOrder(ReadOnlySpan<EncodedQuad> quads)
    {
        for (int i = 1; i < quads.Length; i++)
        {
            if (Compare(in quads[i - 1], in quads[i]) <= 0) continue;
            var sorted = quads.ToArray();
            Array.Sort(sorted, static (a, b) => Compare(in a, in b));
            return sorted;
        }
        return quads;
    }

    private static int Compare(in EncodedQuad a, in EncodedQuad b)
    {
        int c = a.G.CompareTo(b.G);
        if (c == 0) c = a.S.CompareTo(b.S);
        if (c == 0) c = a.P.CompareTo(b.P);
        return c != 0 ? c : a.O.CompareTo(b.O);
    }

    private static void BindRow(RawStatement statement, int row, in EncodedQuad q)
    {
        statement.Bind(3 * row + 1, ((long)q.G << 32) | (uint)q.S);
        statement.Bind(3 * row + 2, ((long)q.P << 32) | (uint)q.O);
        statement.Bind(3 * row + 3, SqliteSchema.QuadCheck(in q));
    }

    private static string InsertSql(int rows)
    {
        var sql = new System.Text.StringBuilder("INSERT INTO quad (g, s, p, o, c) VALUES ");
        for (int row = 0; row < rows; row++)
        {
            int n = 3 * row;
            if (row > 0) sql.Append(", ");
            sql.Append($"(?{n + 1} >> 32, ?{n + 1} & 4294967295, ?{n + 2} >> 32, ?{n + 2} & 4294967295, ?{n + 3})");
        }
        return sql.ToString();
    }
}
