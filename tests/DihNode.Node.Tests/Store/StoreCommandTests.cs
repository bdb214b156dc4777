using DihNode.Node.Tests.Cli;
using DihNode.Rdf.Io;
using DihNode.Rdf.Model;
using Microsoft.Data.Sqlite;

namespace DihNode.Node.Tests.Store;

/// <summary><c>dihnode load</c> and <c>dump</c> over a store file: round trips and unusable files.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class StoreCommandTests : IDisposable
{
    private readonly CliTestHost _host = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _host.Dispose();
    }

    private const string Trig = """
        @prefix ex: <http://example.org/> .
        ex:s a ex:C ; ex:p "x", "y"@en, 42, [ ex:q _:shared ] .
        _:shared ex:r "long text ✓ 𝄞" .
        ex:g { ex:s ex:p ex:o . _:shared ex:in ex:g . }
        _:graph { ex:a ex:b "c"^^<http://example.org/dt> . }
        """;

    private static List<Quad> Parse(string path)
    {
        var quads = new List<Quad>();
        using var stream = File.OpenRead(path);
        RdfParser.Parse(stream, RdfFormats.FromFileName(path)!.Value, new ListSink(quads));
        return quads;
    }

    private sealed class ListSink(List<Quad> quads) : IQuadSink
    {
        public void Add(in Quad quad) => quads.Add(quad);
    }

    [Fact]
    public void LoadThenDumpGivesAnIsomorphicDataset()
    {
        string data = _host.File("data.trig", Trig);
        string more = _host.File("more.nt", "<http://example.org/s> <http://example.org/p> \"x\" .\n<http://example.org/t> <http://example.org/p> _:z .\n");
        string db = _host.PathOf("store.db");
        Assert.Equal(0, _host.Run("load", "--db", db, data, more));
        Assert.Equal($"committed {data}: 10 new quads\ncommitted {more}: 1 new quads\n", _host.Out);

        string dump = _host.PathOf("dump.nq");
        Assert.Equal(0, _host.Run("dump", "--db", db, dump));
        var expected = Parse(data).Concat(Parse(more)).Distinct().ToList();
        var actual = Parse(dump);
        Assert.Equal(11, actual.Count);
        // The two files' blank nodes stay apart (labels are scoped to a file).
        Assert.True(Isomorphism.AreIsomorphic(expected, actual));
    }

    [Fact]
    public void QueriesAStoreFile()
    {
        string data = _host.File("data.trig", Trig);
        string db = _host.PathOf("store.db");
        Assert.Equal(0, _host.Run("load", "--db", db, data));
        string query = _host.File("q.rq", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }");
        Assert.Equal(0, _host.Run("query", "--db", db, "--format", "csv", query));
        Assert.Equal("n\r\n3\r\n", _host.Out);
        Assert.Equal(2, _host.Run("query", "--db", db, data, query));
        Assert.Equal(2, _host.Run("query", "--db", _host.PathOf("missing.db"), query));
        Assert.False(File.Exists(_host.PathOf("missing.db")));
    }

    [Fact]
    public void LoadIntoANamedGraph()
    {
        string data = _host.File("data.nt", "<http://example.org/s> <http://example.org/p> \"x\" .\n");
        string db = _host.PathOf("store.db");
        Assert.Equal(0, _host.Run("load", "--db", db, "--graph", "http://example.org/g", data));
        Assert.Equal(0, _host.Run("dump", "--db", db, "-", "--format", "nq"));
        Assert.Equal("<http://example.org/s> <http://example.org/p> \"x\" <http://example.org/g> .\n", _host.Out);
        Assert.Equal(2, _host.Run("load", "--db", db, "--graph", "not an iri", data));
    }

    [Fact]
    public void AFileWithASyntaxErrorIsNotStoredAtAll()
    {
        string good = _host.File("good.nt", "<http://example.org/a> <http://example.org/p> \"1\" .\n");
        string bad = _host.File("bad.nt", "<http://example.org/b> <http://example.org/p> \"2\" .\n<http://example.org/c> <oops .\n");
        string db = _host.PathOf("store.db");
        Assert.Equal(1, _host.Run("load", "--db", db, good, bad));
        Assert.Contains("bad.nt:2:", _host.Error);
        Assert.Equal(0, _host.Run("dump", "--db", db, "-", "--format", "nt"));
        Assert.Equal("<http://example.org/a> <http://example.org/p> \"1\" .\n", _host.Out);
    }

    [Fact]
    public void UnusableStoreFilesGiveAClearError()
    {
        string data = _host.File("data.nt", "<http://example.org/a> <http://example.org/p> \"1\" .\n");
        string text = _host.File("text.db", "just some text, not a database\n");
        Assert.Equal(1, _host.Run("load", "--db", text, data));
        Assert.Equal($"dihnode load: {text}: not a DihNode store (not an SQLite database)\n", _host.Error);
        Assert.Equal("just some text, not a database\n", File.ReadAllText(text));

        string foreign = _host.PathOf("foreign.db");
        using (var connection = new SqliteConnection($"Data Source={foreign};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE t (x)";
            command.ExecuteNonQuery();
        }
        Assert.Equal(1, _host.Run("dump", "--db", foreign, "-", "--format", "nq"));
        Assert.Contains("not a DihNode store: an SQLite database with application id", _host.Error);

        string db = _host.PathOf("store.db");
        Assert.Equal(0, _host.Run("load", "--db", db, data));
        using (var f = new FileStream(db, FileMode.Open)) f.Write(new byte[100]);
        Assert.Equal(1, _host.Run("dump", "--db", db, "-", "--format", "nq"));
        Assert.Contains("not a DihNode store", _host.Error);

        Assert.Equal(2, _host.Run("dump", "--db", _host.PathOf("missing.db"), "-", "--format", "nq"));
        Assert.False(File.Exists(_host.PathOf("missing.db")));
    }
}
