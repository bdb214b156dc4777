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
        using var statement = new RawStatement(connection, "SELECT id, value, h FROM term ORDER BY id");
        int expected = 0;
        while (statement.Step())
        {
            expected++;
            long id = statement.Int64(0);
            if (id != expected) throw Damaged(path, $"term ids jump from {expected - 1} to {id}");
            var value = statement.Blob(1);
            if (TermDictionary.Hash(value) != (int)statement.Int64(2) || !IsWellFormed(value, expected))
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

    /// <summary>
    /// Reads the quads two ids to a column (each id fits 31 bits), halving the calls per row that
    /// dominate the open. An id outside 0 .. 2^31 − 1 cannot be packed, so SQLite adds 2^20 to the
    /// check for such a row, which then fails.
    /// </summary>
    private static IEnumerable<EncodedQuad> ReadQuads(SqliteConnection connection, int terms, string path)
    {
        using var statement = new RawStatement(connection,
            "SELECT (g << 32) | s, (p << 32) | o, c + (((g | s | p | o) >> 31 != 0) << 20) FROM quad");
        while (statement.Step())
        {
            long gs = statement.Int64(0), po = statement.Int64(1);
            int g = (int)(gs >> 32), s = (int)gs, p = (int)(po >> 32), o = (int)po;
            if (s <= 0 || p <= 0 || o <= 0 || g < 0 || s > terms || p > terms || o > terms || g > terms)
                throw Damaged(path, $"quad ({s} {p} {o} {g}) names a term the file does not hold");
            var quad = new EncodedQuad(s, p, o, g);
            if (SqliteSchema.QuadCheck(in quad) != statement.Int64(2)) throw Damaged(path, $"quad {quad} is damaged");
            yield return quad;
        }
    }

    private static StoreFileException Damaged(string path, string problem) =>
        new(path, "the store file is damaged: " + problem);
}
