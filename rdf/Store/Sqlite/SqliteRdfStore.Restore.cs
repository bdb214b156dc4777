using Microsoft.Data.Sqlite;

namespace DihNode.Rdf.Store.Sqlite;

public sealed partial class SqliteRdfStore
{
    /// <summary>
    /// Rebuilds the in-memory dataset: terms in id order (each must get back its own id), then all
    /// quads in one load. Every row's check is verified, so damaged contents stop the open.
    /// </summary>
    private static void Restore(SqliteConnection connection, MemoryDataset dataset, string path)
    {
        int terms = RestoreTerms(connection, dataset, path);
        dataset.RestoreQuads(ReadQuads(connection, terms, path));
    }

    private static int RestoreTerms(SqliteConnection connection, MemoryDataset dataset, string path)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, value, h FROM term ORDER BY id";
        using var reader = command.ExecuteReader();
        byte[] buffer = new byte[256];
        int expected = 0;
        while (reader.Read())
        {
            expected++;
            long id = reader.GetInt64(0);
            if (id != expected) throw Damaged(path, $"term ids jump from {expected - 1} to {id}");
            int length = checked((int)reader.GetBytes(1, 0, null, 0, 0));
            if (length > buffer.Length) buffer = new byte[Math.Max(length, buffer.Length * 2)];
            reader.GetBytes(1, 0, buffer, 0, length);
            var value = buffer.AsSpan(0, length);
            if (TermDictionary.Hash(value) != reader.GetInt32(2) || !IsWellFormed(value, expected))
                throw Damaged(path, $"term {id} is damaged");
            if (dataset.RestoreTerm(value) != expected) throw Damaged(path, $"term {id} repeats an earlier term");
        }
        return expected;
    }

    /// <summary>A tag the encoding knows, and for a typed literal the id of an earlier term as datatype.</summary>
    private static bool IsWellFormed(ReadOnlySpan<byte> value, int id)
    {
        if (value.IsEmpty) return false;
        switch ((TermEncoding)value[0])
        {
            case TermEncoding.Iri or TermEncoding.BlankNode or TermEncoding.SimpleLiteral:
                return true;
            case TermEncoding.LangLiteral:
                return value.Length >= 2 && value[1] > 0 && value.Length >= 2 + value[1];
            case TermEncoding.TypedLiteral:
                if (value.Length < 5) return false;
                int datatype = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(value[1..]);
                return datatype > 0 && datatype < id;
            default:
                return false;
        }
    }

    private static IEnumerable<EncodedQuad> ReadQuads(SqliteConnection connection, int terms, string path)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT g, s, p, o, c FROM quad";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            long g = reader.GetInt64(0), s = reader.GetInt64(1), p = reader.GetInt64(2), o = reader.GetInt64(3);
            if (s <= 0 || p <= 0 || o <= 0 || g < 0 || s > terms || p > terms || o > terms || g > terms)
                throw Damaged(path, $"quad ({s} {p} {o} {g}) names a term the file does not hold");
            var quad = new EncodedQuad((int)s, (int)p, (int)o, (int)g);
            if (SqliteSchema.QuadCheck(in quad) != reader.GetInt32(4)) throw Damaged(path, $"quad {quad} is damaged");
            yield return quad;
        }
    }

    private static StoreFileException Damaged(string path, string problem) =>
        new(path, "the store file is damaged: " + problem);
}
