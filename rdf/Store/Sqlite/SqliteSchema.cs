using Microsoft.Data.Sqlite;

namespace DihNode.Rdf.Store.Sqlite;

/// <summary>
/// The layout of a store file (https://www.sqlite.org/fileformat2.html):
/// <c>term(id, value, h)</c>: the dictionary, id → the term's encoding (<see cref="TermEncoding"/>)
/// with <c>h</c> its 32-bit hash as a check; <c>quad(g, s, p, o, c)</c>: one row per quad, ids, the
/// default graph as g = 0, <c>c</c> a 15-bit check of the four ids. SQLite checks page structure but
/// not contents, so the checks catch bytes overwritten inside a row. The header's application id
/// marks the file as ours, its user version is the schema version: a change to the term encoding,
/// <see cref="TermDictionary.Hash"/> or <see cref="QuadCheck"/> needs a new version.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>"DiHN" in the header's application id field (https://www.sqlite.org/pragma.html#pragma_application_id).</summary>
    public const int ApplicationId = 0x4469484E;

    public const int Version = 1;

    private const string Create = """
        CREATE TABLE term (id INTEGER PRIMARY KEY, value BLOB NOT NULL, h INTEGER NOT NULL);
        CREATE TABLE quad (g INTEGER NOT NULL, s INTEGER NOT NULL, p INTEGER NOT NULL, o INTEGER NOT NULL, c INTEGER NOT NULL,
            PRIMARY KEY (g, s, p, o)) WITHOUT ROWID;
        """;

    /// <summary>The check stored beside a quad.</summary>
    public static int QuadCheck(in EncodedQuad q)
    {
        uint h = (uint)q.S * 0x9E3779B1u;
        h = (h ^ (uint)q.P) * 0x85EBCA77u;
        h = (h ^ (uint)q.O) * 0xC2B2AE3Du;
        h = (h ^ (uint)q.G) * 0x27D4EB2Fu;
        return (int)((h ^ (h >> 15)) & 0x7FFF);
    }

    /// <summary>
    /// Gives a new (empty) database the schema, or checks that an existing one is a store of this
    /// version. Throws <see cref="StoreFileException"/> for anything else.
    /// </summary>
    public static void EnsureOrCreate(SqliteConnection connection, string path)
    {
        long applicationId = Scalar(connection, "PRAGMA application_id");
        long version = Scalar(connection, "PRAGMA user_version");
        if (applicationId == 0 && version == 0 && Scalar(connection, "SELECT count(*) FROM sqlite_schema") == 0)
        {
            using var transaction = connection.BeginTransaction();
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = Create + $"PRAGMA application_id = {ApplicationId}; PRAGMA user_version = {Version};";
                command.ExecuteNonQuery();
            }
            transaction.Commit();
            return;
        }
        if (applicationId != ApplicationId)
            throw new StoreFileException(path, $"not a DihNode store: an SQLite database with application id 0x{applicationId:X8} (a store has 0x{ApplicationId:X8})");
        if (version != Version)
            throw new StoreFileException(path, $"store schema version {version}; this build reads version {Version}");
    }

    public static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string? Text(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }
}
