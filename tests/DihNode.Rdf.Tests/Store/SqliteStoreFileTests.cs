using DihNode.Rdf.Model;
using DihNode.Rdf.Store;
using DihNode.Rdf.Store.Sqlite;
using Microsoft.Data.Sqlite;

namespace DihNode.Rdf.Tests.Store;

/// <summary>Files that are not usable stores: each must give a clear error and stay as it was.</summary>
public sealed class SqliteStoreFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dihnode-sqlite-").FullName;

    private string DbPath => Path.Combine(_dir, "store.db");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Iri I(string local) => Iri.FromTrusted("http://example.org/" + local);

    private void CreateStore(int quads)
    {
        using var store = SqliteRdfStore.Open(DbPath);
        using var tx = store.BeginWrite();
        tx.Load(sink =>
        {
            for (int i = 0; i < quads; i++)
                sink.Add(new Quad(I("s" + i), I("p" + (i % 7)), Literal.Simple("value number " + i), i % 3 == 0 ? I("g") : null));
        });
        tx.Commit();
    }

    private static void Raw(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private StoreFileException OpenFails()
    {
        byte[] before = File.ReadAllBytes(DbPath);
        var e = Assert.Throws<StoreFileException>(() => SqliteRdfStore.Open(DbPath));
        Assert.Contains(DbPath, e.Message);
        Assert.Equal(before, File.ReadAllBytes(DbPath)); // never repaired or replaced
        return e;
    }

    [Fact]
    public void AFileThatIsNotSqliteIsRefused()
    {
        File.WriteAllText(DbPath, "<http://example.org/s> <http://example.org/p> \"not a database\" .\n");
        Assert.Contains("not a DihNode store", OpenFails().Problem);
    }

    [Fact]
    public void AForeignSqliteDatabaseIsRefused()
    {
        Raw(DbPath, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, 'x')");
        Assert.Contains("application id 0x00000000", OpenFails().Problem);
        Raw(DbPath, "PRAGMA application_id = 1234");
        Assert.Contains("application id 0x000004D2", OpenFails().Problem);
    }

    [Fact]
    public void AnotherSchemaVersionIsRefused()
    {
        CreateStore(10);
        Raw(DbPath, "PRAGMA user_version = 99");
        Assert.Contains("schema version 99", OpenFails().Problem);
    }

    [Fact]
    public void AnOverwrittenHeaderIsRefused()
    {
        CreateStore(10);
        using (var f = new FileStream(DbPath, FileMode.Open)) f.Write("garbage garbage!"u8);
        Assert.Contains("not a DihNode store", OpenFails().Problem);
    }

    [Fact]
    public void OverwrittenPagesAreReportedAsDamage()
    {
        CreateStore(5000);
        long length = new FileInfo(DbPath).Length;
        Assert.True(length > 64 * 1024);
        var random = new Random(3);
        // Several spots, each a run of random bytes inside a page past the header.
        foreach (long at in new[] { length / 3, length / 2, 2 * length / 3 })
        {
            using var f = new FileStream(DbPath, FileMode.Open);
            f.Position = at;
            var garbage = new byte[600];
            random.NextBytes(garbage);
            f.Write(garbage);
        }
        Assert.Contains("damaged", OpenFails().Problem);
    }

    [Fact]
    public void AChangedTermValueIsReportedAsDamage()
    {
        CreateStore(100);
        // A change SQLite itself cannot see: a well-formed row with different contents.
        Raw(DbPath, "UPDATE term SET value = X'016E6F74' WHERE id = 5");
        Assert.Contains("term 5 is damaged", OpenFails().Problem);
    }

    [Fact]
    public void AChangedQuadIsReportedAsDamage()
    {
        CreateStore(100);
        Raw(DbPath, "UPDATE quad SET o = o + 1 WHERE s = (SELECT min(s) FROM quad)");
        Assert.Contains("is damaged", OpenFails().Problem);
    }

    [Theory]
    [InlineData("s = s + 4294967296")]
    [InlineData("g = -1")]
    [InlineData("p = p | 2147483648")]
    public void AnIdOutOfRangeIsReportedAsDamage(string change)
    {
        CreateStore(10);
        Raw(DbPath, $"UPDATE quad SET {change} WHERE s = (SELECT min(s) FROM quad)");
        Assert.Contains("damaged", OpenFails().Problem);
    }

    [Fact]
    public void AQuadNamingAMissingTermIsReportedAsDamage()
    {
        CreateStore(10);
        Raw(DbPath, "INSERT INTO quad (g, s, p, o, c) VALUES (0, 1, 2, 100000, 0)");
        Assert.Contains("names a term the file does not hold", OpenFails().Problem);
    }
}
