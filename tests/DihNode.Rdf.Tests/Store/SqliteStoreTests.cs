using DihNode.Rdf.Model;
using DihNode.Rdf.Store;
using DihNode.Rdf.Store.Sqlite;
using Microsoft.Data.Sqlite;

namespace DihNode.Rdf.Tests.Store;

public sealed class SqliteStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dihnode-sqlite-").FullName;

    private string DbPath => Path.Combine(_dir, "store.db");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Iri I(string local) => Iri.FromTrusted("http://example.org/" + local);

    /// <summary>Every kind of term in every position it may take, plus the encodings' edge cases.</summary>
    private static List<Quad> AllTermKinds()
    {
        var blank = new BlankNode("b1");
        var longText = string.Concat(Enumerable.Repeat("long é ✓ 𝄞 ", 200));
        return
        [
            new(I("s"), I("p"), I("o"), null),
            new(blank, I("p"), Literal.Simple("plain"), null),
            new(I("s"), I("p"), Literal.Simple(""), null),
            new(I("s"), I("p"), Literal.LangString("chat", "fr"), null),
            new(I("s"), I("p"), Literal.LangString("colour", "en-gb"), I("g")),
            new(I("s"), I("p"), Literal.Typed("42", Vocabulary.Xsd.Integer), I("g")),
            new(I("s"), I("p"), Literal.Typed("x", Iri.FromTrusted("http://example.org/dt")), blank),
            new(I("s"), I("p"), Literal.Typed("typed string", Vocabulary.Xsd.String), null),
            new(I("ünïcödé/𝄞"), I("p"), Literal.Simple(longText), new BlankNode("graph")),
            new(blank, I("p"), blank, new BlankNode("graph")),
        ];
    }

    private static HashSet<Quad> Decoded(IQuadStore store)
    {
        var result = new HashSet<Quad>();
        foreach (var q in store.Find(QuadPattern.InAllGraphs()))
            result.Add(new Quad((NamedOrBlankNode)store.GetTerm(q.S), (Iri)store.GetTerm(q.P), store.GetTerm(q.O),
                q.G == 0 ? null : (NamedOrBlankNode)store.GetTerm(q.G)));
        return result;
    }

    private static void Load(IRdfStore store, IEnumerable<Quad> quads)
    {
        using var tx = store.BeginWrite();
        tx.Load(sink => { foreach (var q in quads) sink.Add(q); });
        tx.Commit();
    }

    [Fact]
    public void EveryTermKindSurvivesAReopen()
    {
        var quads = AllTermKinds();
        HashSet<Quad> expected;
        using (var store = SqliteRdfStore.Open(DbPath))
        {
            Load(store, quads);
            expected = Decoded(store.Snapshot());
            Assert.Equal(quads.Count, expected.Count);
        }
        using (var store = SqliteRdfStore.Open(DbPath, create: false))
        {
            Assert.Equal(expected, Decoded(store.Snapshot()));
            Assert.Equal(quads.Count, store.QuadCount);
        }
    }

    [Fact]
    public void RemovalsAndLaterAdditionsSurviveAReopen()
    {
        using (var store = SqliteRdfStore.Open(DbPath))
        {
            Load(store, AllTermKinds());
            using var tx = store.BeginWrite();
            Assert.Equal(5, tx.RemoveAll(QuadPattern.InNamedGraphs(p: tx.GetOrAddId(I("p")))));
            var q = new EncodedQuad(tx.GetOrAddId(I("new")), tx.GetOrAddId(I("p")), tx.GetOrAddId(Literal.Simple("v")), 0);
            tx.Add(in q);
            tx.Commit();
        }
        using (var store = SqliteRdfStore.Open(DbPath))
        {
            var quads = Decoded(store.Snapshot());
            Assert.Equal(6, quads.Count);
            Assert.DoesNotContain(quads, q => q.Graph is not null);
            Assert.Contains(new Quad(I("new"), I("p"), Literal.Simple("v"), null), quads);
        }
    }

    [Fact]
    public void ARolledBackTransactionLeavesNoTraceButItsTermsStayUsable()
    {
        using (var store = SqliteRdfStore.Open(DbPath))
        {
            using (var tx = store.BeginWrite())
            {
                tx.Add(new EncodedQuad(tx.GetOrAddId(I("a")), tx.GetOrAddId(I("p")), tx.GetOrAddId(I("b")), 0));
            }
            // The next commit reuses the rolled-back terms: they must reach the file with it.
            Load(store, [new Quad(I("b"), I("p"), I("a"), null)]);
        }
        using (var store = SqliteRdfStore.Open(DbPath))
            Assert.Equal([new Quad(I("b"), I("p"), I("a"), null)], Decoded(store.Snapshot()));
    }

    [Fact]
    public void AFailedWritePublishesNothingAndKeepsTheFileConsistent()
    {
        using (var store = SqliteRdfStore.Open(DbPath)) Load(store, [new Quad(I("a"), I("p"), I("b"), null)]);
        // A trigger that refuses one subject's quads makes the SQLite write fail mid-commit.
        using (var raw = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            raw.Open();
            using var command = raw.CreateCommand();
            command.CommandText = "CREATE TRIGGER refuse BEFORE INSERT ON quad WHEN NEW.s = 4 BEGIN SELECT RAISE(ABORT, 'refused'); END";
            command.ExecuteNonQuery();
        }
        using (var store = SqliteRdfStore.Open(DbPath))
        {
            using (var tx = store.BeginWrite())
            {
                tx.Add(new EncodedQuad(tx.GetOrAddId(I("x")), tx.GetOrAddId(I("p")), tx.GetOrAddId(I("y")), 0));
                tx.Add(new EncodedQuad(tx.GetOrAddId(I("b")), tx.GetOrAddId(I("p")), tx.GetOrAddId(I("y")), 0));
                var e = Assert.Throws<StoreFileException>(tx.Commit);
                Assert.Contains("refused", e.Message);
            }
            Assert.Equal(1, store.QuadCount);
            // The store stays writable, and the failed commit's terms go with the next one.
            Load(store, [new Quad(I("b"), I("p"), I("y"), null)]);
        }
        using (var store = SqliteRdfStore.Open(DbPath))
        {
            Assert.Equal([new Quad(I("a"), I("p"), I("b"), null), new Quad(I("b"), I("p"), I("y"), null)],
                Decoded(store.Snapshot()));
        }
    }

    [Fact]
    public void ABulkLoadRoundTripsExactly()
    {
        var random = new Random(7);
        var quads = new List<Quad>();
        for (int i = 0; i < 20000; i++)
        {
            quads.Add(new Quad(I("s" + random.Next(3000)), I("p" + random.Next(20)),
                random.Next(2) == 0 ? Literal.Typed(random.Next(1000).ToString(), Vocabulary.Xsd.Integer) : I("o" + random.Next(5000)),
                random.Next(4) == 0 ? I("g" + random.Next(5)) : null));
        }
        HashSet<EncodedQuad> ids;
        using (var store = SqliteRdfStore.Open(DbPath))
        {
            Load(store, quads);
            ids = [.. store.Snapshot().Find(QuadPattern.InAllGraphs()).ToList()];
        }
        using (var store = SqliteRdfStore.Open(DbPath))
        {
            // Ids survive too, not only the decoded quads.
            Assert.Equal(ids, [.. store.Snapshot().Find(QuadPattern.InAllGraphs()).ToList()]);
            Assert.Equal(quads.ToHashSet(), Decoded(store.Snapshot()));
        }
    }

    [Fact]
    public void OpeningAMissingStoreWithoutCreateFails()
    {
        Assert.Throws<FileNotFoundException>(() => SqliteRdfStore.Open(DbPath, create: false));
        Assert.False(File.Exists(DbPath));
    }

    [Fact]
    public void ASecondOpenOfTheSameFileIsRefused()
    {
        using var store = SqliteRdfStore.Open(DbPath);
        Load(store, [new Quad(I("a"), I("p"), I("b"), null)]);
        var e = Assert.Throws<StoreFileException>(() => SqliteRdfStore.Open(DbPath));
        Assert.Contains("in use", e.Message);
    }

    [Fact]
    public void ADisposedStoreRefusesWrites()
    {
        var store = SqliteRdfStore.Open(DbPath);
        var snapshot = store.Snapshot();
        store.Dispose();
        Assert.Throws<ObjectDisposedException>(() => store.BeginWrite());
        Assert.Equal(0, snapshot.Count(QuadPattern.InAllGraphs()));
    }
}
